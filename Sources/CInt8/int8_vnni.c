// AVX-512 VNNI int8 products: vpdpbusd multiplies unsigned by signed bytes and adds groups of four
// into int32 lanes. The activations are signed (symmetric int8), so they are offset by +128 to make
// them unsigned, and 128 · Σ_k w[n, k] is subtracted from each sum afterwards:
// Σ (a + 128) · w − 128 · Σ w = Σ a · w, exactly.
#include "CInt8.h"

#if defined(__x86_64__)
#include <immintrin.h>

int gait_int8_has_vnni(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vnni");
}

__attribute__((target("avx512f,avx512bw,avx512vnni")))
void gait_int8_products_vnni(const int8_t *a, int64_t m_count, const int8_t *w, const int32_t *w_sums,
                             int64_t n_count, int64_t k_count, int32_t *sums, int64_t ld_sums) {
    const __m512i offset = _mm512_set1_epi8((char)0x80);
    const int64_t full = k_count / 64 * 64;
    const __mmask64 tail = k_count == full ? 0 : ((__mmask64)-1 >> (64 - (k_count - full)));
    // Four activation rows at a time share each load of a weight row.
    int64_t m = 0;
    for (; m + 4 <= m_count; m += 4) {
        const int8_t *a0 = a + m * k_count, *a1 = a0 + k_count, *a2 = a1 + k_count, *a3 = a2 + k_count;
        for (int64_t n = 0; n < n_count; n++) {
            const int8_t *wr = w + n * k_count;
            __m512i s0 = _mm512_setzero_si512(), s1 = s0, s2 = s0, s3 = s0;
            int64_t k = 0;
            for (; k < full; k += 64) {
                __m512i wv = _mm512_loadu_si512(wr + k);
                s0 = _mm512_dpbusd_epi32(s0, _mm512_xor_si512(_mm512_loadu_si512(a0 + k), offset), wv);
                s1 = _mm512_dpbusd_epi32(s1, _mm512_xor_si512(_mm512_loadu_si512(a1 + k), offset), wv);
                s2 = _mm512_dpbusd_epi32(s2, _mm512_xor_si512(_mm512_loadu_si512(a2 + k), offset), wv);
                s3 = _mm512_dpbusd_epi32(s3, _mm512_xor_si512(_mm512_loadu_si512(a3 + k), offset), wv);
            }
            if (tail) {
                // Masked-off bytes load as 0 in both operands: (0 ^ 0x80) · 0 adds nothing.
                __m512i wv = _mm512_maskz_loadu_epi8(tail, wr + k);
                s0 = _mm512_dpbusd_epi32(s0, _mm512_xor_si512(_mm512_maskz_loadu_epi8(tail, a0 + k), offset), wv);
                s1 = _mm512_dpbusd_epi32(s1, _mm512_xor_si512(_mm512_maskz_loadu_epi8(tail, a1 + k), offset), wv);
                s2 = _mm512_dpbusd_epi32(s2, _mm512_xor_si512(_mm512_maskz_loadu_epi8(tail, a2 + k), offset), wv);
                s3 = _mm512_dpbusd_epi32(s3, _mm512_xor_si512(_mm512_maskz_loadu_epi8(tail, a3 + k), offset), wv);
            }
            const int32_t correction = 128 * w_sums[n];
            sums[(m + 0) * ld_sums + n] = _mm512_reduce_add_epi32(s0) - correction;
            sums[(m + 1) * ld_sums + n] = _mm512_reduce_add_epi32(s1) - correction;
            sums[(m + 2) * ld_sums + n] = _mm512_reduce_add_epi32(s2) - correction;
            sums[(m + 3) * ld_sums + n] = _mm512_reduce_add_epi32(s3) - correction;
        }
    }
    for (; m < m_count; m++) {
        const int8_t *ar = a + m * k_count;
        for (int64_t n = 0; n < n_count; n++) {
            const int8_t *wr = w + n * k_count;
            __m512i s = _mm512_setzero_si512();
            int64_t k = 0;
            for (; k < full; k += 64) {
                s = _mm512_dpbusd_epi32(s, _mm512_xor_si512(_mm512_loadu_si512(ar + k), offset), _mm512_loadu_si512(wr + k));
            }
            if (tail) {
                s = _mm512_dpbusd_epi32(s, _mm512_xor_si512(_mm512_maskz_loadu_epi8(tail, ar + k), offset),
                                        _mm512_maskz_loadu_epi8(tail, wr + k));
            }
            sums[m * ld_sums + n] = _mm512_reduce_add_epi32(s) - 128 * w_sums[n];
        }
    }
}

#else

int gait_int8_has_vnni(void) { return 0; }

void gait_int8_products_vnni(const int8_t *a, int64_t m_count, const int8_t *w, const int32_t *w_sums,
                             int64_t n_count, int64_t k_count, int32_t *sums, int64_t ld_sums) {
    (void)a; (void)m_count; (void)w; (void)w_sums; (void)n_count; (void)k_count; (void)sums; (void)ld_sums;
}

#endif
