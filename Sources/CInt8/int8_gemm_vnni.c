// An int8 matrix product with AVX-512 VNNI over weights packed in vpdpbusd's layout: each 64-byte
// load holds 4 consecutive k of 16 consecutive outputs, and each 4-byte group of an activation row
// is broadcast to all 16 lanes, so every instruction adds 64 products into 16 output sums with no
// horizontal additions. Activations are signed; they are offset by +128 to be unsigned and
// 128 · Σ_k w[n, k] is subtracted at the end (exact, as in int8_vnni.c).
#include "CInt8.h"

#if defined(__x86_64__)
#include <immintrin.h>

enum { max_groups = 1024 };  // k_count up to 4096

/// Rows `rows` (≤ 4) of offset activations `a_u8` (groups of 4 bytes, `groups` per row) against
/// the 16-column blocks `block` and `block + 1` (when `two`); adds the sums into `sums`.
__attribute__((target("avx512f,avx512bw,avx512vnni"), always_inline))
static inline void tile(const uint32_t a_u8[4][max_groups], const int rows, int64_t groups, const int8_t *packed,
                        int64_t block, const int two, const int32_t *w_sums, int64_t n_count, int32_t *sums, int64_t ld_sums) {
    __m512i acc[4][2];
    for (int r = 0; r < 4; r++) { acc[r][0] = _mm512_setzero_si512(); acc[r][1] = _mm512_setzero_si512(); }
    const int8_t *b0 = packed + block * groups * 64, *b1 = b0 + groups * 64;
    for (int64_t g = 0; g < groups; g++) {
        const __m512i v0 = _mm512_loadu_si512(b0 + g * 64);
        const __m512i v1 = two ? _mm512_loadu_si512(b1 + g * 64) : v0;
        for (int r = 0; r < 4; r++) {
            if (r >= rows) break;
            const __m512i x = _mm512_set1_epi32((int)a_u8[r][g]);
            acc[r][0] = _mm512_dpbusd_epi32(acc[r][0], x, v0);
            if (two) acc[r][1] = _mm512_dpbusd_epi32(acc[r][1], x, v1);
        }
    }
    for (int half = 0; half < (two ? 2 : 1); half++) {
        const int64_t n0 = (block + half) * 16;
        const int64_t left = n_count - n0;
        const __mmask16 mask = left >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << left) - 1);
        const __m512i correction = _mm512_slli_epi32(_mm512_maskz_loadu_epi32(mask, w_sums + n0), 7);
        for (int r = 0; r < 4; r++) {
            if (r >= rows) break;
            _mm512_mask_storeu_epi32(sums + r * ld_sums + n0, mask, _mm512_sub_epi32(acc[r][half], correction));
        }
    }
}

__attribute__((target("avx512f,avx512bw,avx512vnni")))
void gait_int8_gemm_vnni(const int8_t *a, int64_t m_count, int64_t k_count, const int8_t *packed, const int32_t *w_sums,
                         int64_t n_count, int32_t *sums, int64_t ld_sums) {
    const int64_t groups = (k_count + 3) / 4, blocks = (n_count + 15) / 16;
    if (groups > max_groups) return;  // callers keep k_count ≤ 4096
    _Alignas(64) uint32_t a_u8[4][max_groups];
    for (int64_t m = 0; m < m_count; m += 4) {
        const int rows = m_count - m < 4 ? (int)(m_count - m) : 4;
        for (int r = 0; r < rows; r++) {
            uint8_t *bytes = (uint8_t *)a_u8[r];
            const int8_t *row = a + (m + r) * k_count;
            for (int64_t k = 0; k < groups * 4; k++) bytes[k] = k < k_count ? (uint8_t)(row[k] ^ 0x80) : 0x80;
        }
        int32_t *out = sums + m * ld_sums;
        int64_t block = 0;
        for (; block + 2 <= blocks; block += 2) {
            switch (rows) {
            case 4: tile(a_u8, 4, groups, packed, block, 1, w_sums, n_count, out, ld_sums); break;
            case 3: tile(a_u8, 3, groups, packed, block, 1, w_sums, n_count, out, ld_sums); break;
            case 2: tile(a_u8, 2, groups, packed, block, 1, w_sums, n_count, out, ld_sums); break;
            default: tile(a_u8, 1, groups, packed, block, 1, w_sums, n_count, out, ld_sums); break;
            }
        }
        if (block < blocks) tile(a_u8, rows, groups, packed, block, 0, w_sums, n_count, out, ld_sums);
    }
}

#else

void gait_int8_gemm_vnni(const int8_t *a, int64_t m_count, int64_t k_count, const int8_t *packed, const int32_t *w_sums,
                         int64_t n_count, int32_t *sums, int64_t ld_sums) {
    (void)a; (void)m_count; (void)k_count; (void)packed; (void)w_sums; (void)n_count; (void)sums; (void)ld_sums;
}

#endif
