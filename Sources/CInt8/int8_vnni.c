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

/// Σ of the 16 int32 lanes.
__attribute__((target("avx512f,avx512bw,avx512vnni")))
static inline int32_t lane_sum(__m512i v) { return _mm512_reduce_add_epi32(v); }

__attribute__((target("avx512f,avx512bw,avx512vnni")))
void gait_int8_products_vnni(const int8_t *a, int64_t m_count, const int8_t *w, const int32_t *w_sums,
                             int64_t n_count, int64_t k_count, int32_t *sums, int64_t ld_sums) {
    const __m512i offset = _mm512_set1_epi8((char)0x80);
    const int64_t full = k_count / 64 * 64;
    const __mmask64 tail = k_count == full ? 0 : ((__mmask64)-1 >> (64 - (k_count - full)));
    const int64_t padded = tail ? full + 64 : full;
    // Four activation rows at a time, offset to unsigned once into a buffer padded to 64 bytes (the
    // weight bytes past k_count load as 0, so the padding adds nothing); each weight row loaded is
    // used by all four. Rows beyond the limit of the buffer, and the last m_count % 4, go one by one.
    enum { max_padded = 4096 };
    _Alignas(64) uint8_t block[4][max_padded];
    int64_t m = 0;
    for (; padded <= max_padded && m + 4 <= m_count; m += 4) {
        for (int r = 0; r < 4; r++) {
            const int8_t *row = a + (m + r) * k_count;
            int64_t k = 0;
            for (; k < full; k += 64) {
                _mm512_store_si512(block[r] + k, _mm512_xor_si512(_mm512_loadu_si512(row + k), offset));
            }
            if (tail) _mm512_store_si512(block[r] + k, _mm512_xor_si512(_mm512_maskz_loadu_epi8(tail, row + k), offset));
        }
        int64_t n = 0;
        for (; n + 2 <= n_count; n += 2) {
            const int8_t *w0 = w + n * k_count, *w1 = w0 + k_count;
            __m512i s00 = _mm512_setzero_si512(), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00;
            for (int64_t k = 0; k < padded; k += 64) {
                const __mmask64 mask = k < full ? (__mmask64)-1 : tail;
                const __m512i v0 = _mm512_maskz_loadu_epi8(mask, w0 + k), v1 = _mm512_maskz_loadu_epi8(mask, w1 + k);
                const __m512i x0 = _mm512_load_si512(block[0] + k), x1 = _mm512_load_si512(block[1] + k);
                const __m512i x2 = _mm512_load_si512(block[2] + k), x3 = _mm512_load_si512(block[3] + k);
                s00 = _mm512_dpbusd_epi32(s00, x0, v0); s01 = _mm512_dpbusd_epi32(s01, x0, v1);
                s10 = _mm512_dpbusd_epi32(s10, x1, v0); s11 = _mm512_dpbusd_epi32(s11, x1, v1);
                s20 = _mm512_dpbusd_epi32(s20, x2, v0); s21 = _mm512_dpbusd_epi32(s21, x2, v1);
                s30 = _mm512_dpbusd_epi32(s30, x3, v0); s31 = _mm512_dpbusd_epi32(s31, x3, v1);
            }
            const int32_t c0 = 128 * w_sums[n], c1 = 128 * w_sums[n + 1];
            int32_t *out = sums + m * ld_sums + n;
            out[0] = lane_sum(s00) - c0; out[1] = lane_sum(s01) - c1; out += ld_sums;
            out[0] = lane_sum(s10) - c0; out[1] = lane_sum(s11) - c1; out += ld_sums;
            out[0] = lane_sum(s20) - c0; out[1] = lane_sum(s21) - c1; out += ld_sums;
            out[0] = lane_sum(s30) - c0; out[1] = lane_sum(s31) - c1;
        }
        for (; n < n_count; n++) {
            const int8_t *w0 = w + n * k_count;
            __m512i s0 = _mm512_setzero_si512(), s1 = s0, s2 = s0, s3 = s0;
            for (int64_t k = 0; k < padded; k += 64) {
                const __m512i v0 = _mm512_maskz_loadu_epi8(k < full ? (__mmask64)-1 : tail, w0 + k);
                s0 = _mm512_dpbusd_epi32(s0, _mm512_load_si512(block[0] + k), v0);
                s1 = _mm512_dpbusd_epi32(s1, _mm512_load_si512(block[1] + k), v0);
                s2 = _mm512_dpbusd_epi32(s2, _mm512_load_si512(block[2] + k), v0);
                s3 = _mm512_dpbusd_epi32(s3, _mm512_load_si512(block[3] + k), v0);
            }
            const int32_t c0 = 128 * w_sums[n];
            sums[(m + 0) * ld_sums + n] = lane_sum(s0) - c0;
            sums[(m + 1) * ld_sums + n] = lane_sum(s1) - c0;
            sums[(m + 2) * ld_sums + n] = lane_sum(s2) - c0;
            sums[(m + 3) * ld_sums + n] = lane_sum(s3) - c0;
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
                // Masked-off bytes load as 0 in both operands: (0 ^ 0x80) · 0 adds nothing.
                s = _mm512_dpbusd_epi32(s, _mm512_xor_si512(_mm512_maskz_loadu_epi8(tail, ar + k), offset),
                                        _mm512_maskz_loadu_epi8(tail, wr + k));
            }
            sums[m * ld_sums + n] = lane_sum(s) - 128 * w_sums[n];
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
