// An int8 matrix product with AVX2 over weights packed for vpmaddwd: each 16-byte load holds 2
// consecutive k of 8 consecutive outputs, widened to 16-bit, and each pair of activations (as two
// 16-bit values) is broadcast to all 8 lanes, so every vpmaddwd adds 16 products into 8 output sums
// with no horizontal additions. vpmaddwd forms 32-bit products of the 16-bit values and adds each
// pair in 32 bits, so unlike vpmaddubsw (16-bit pair sums) nothing saturates: the sums are exact.
#include "CInt8.h"

#if defined(__x86_64__)
#include <immintrin.h>

enum { max_pairs = 2048 };  // k_count up to 4096

/// Rows `rows` (≤ 4) of activation pairs `a_pairs` (`pairs` per row) against the 8-column blocks
/// `block` and `block + 1` (when `two`); stores the sums into `sums`.
__attribute__((target("avx2"), always_inline))
static inline void tile(const uint32_t a_pairs[4][max_pairs], const int rows, int64_t pairs, const int8_t *packed,
                        int64_t block, const int two, int64_t n_count, int32_t *sums, int64_t ld_sums) {
    __m256i acc[4][2];
    for (int r = 0; r < 4; r++) { acc[r][0] = _mm256_setzero_si256(); acc[r][1] = _mm256_setzero_si256(); }
    const int8_t *b0 = packed + block * pairs * 16, *b1 = b0 + pairs * 16;
    for (int64_t g = 0; g < pairs; g++) {
        const __m256i v0 = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(b0 + g * 16)));
        const __m256i v1 = two ? _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(b1 + g * 16))) : v0;
        for (int r = 0; r < 4; r++) {
            if (r >= rows) break;
            const __m256i x = _mm256_set1_epi32((int)a_pairs[r][g]);
            acc[r][0] = _mm256_add_epi32(acc[r][0], _mm256_madd_epi16(x, v0));
            if (two) acc[r][1] = _mm256_add_epi32(acc[r][1], _mm256_madd_epi16(x, v1));
        }
    }
    for (int half = 0; half < (two ? 2 : 1); half++) {
        const int64_t n0 = (block + half) * 8;
        const int64_t left = n_count - n0;
        for (int r = 0; r < 4; r++) {
            if (r >= rows) break;
            int32_t *out = sums + r * ld_sums + n0;
            if (left >= 8) {
                _mm256_storeu_si256((__m256i *)out, acc[r][half]);
            } else {
                _Alignas(32) int32_t lanes[8];
                _mm256_store_si256((__m256i *)lanes, acc[r][half]);
                for (int64_t c = 0; c < left; c++) out[c] = lanes[c];
            }
        }
    }
}

__attribute__((target("avx2")))
void gait_int8_gemm_avx2(const int8_t *a, int64_t m_count, int64_t k_count, const int8_t *packed,
                         int64_t n_count, int32_t *sums, int64_t ld_sums) {
    const int64_t pairs = (k_count + 1) / 2, blocks = (n_count + 7) / 8;
    if (pairs > max_pairs) return;  // callers keep k_count ≤ 4096
    _Alignas(32) uint32_t a_pairs[4][max_pairs];
    for (int64_t m = 0; m < m_count; m += 4) {
        const int rows = m_count - m < 4 ? (int)(m_count - m) : 4;
        for (int r = 0; r < rows; r++) {
            const int8_t *row = a + (m + r) * k_count;
            for (int64_t g = 0; g < pairs; g++) {
                const int16_t low = row[2 * g], high = 2 * g + 1 < k_count ? row[2 * g + 1] : 0;
                a_pairs[r][g] = (uint32_t)(uint16_t)low | ((uint32_t)(uint16_t)high << 16);
            }
        }
        int32_t *out = sums + m * ld_sums;
        int64_t block = 0;
        for (; block + 2 <= blocks; block += 2) {
            switch (rows) {
            case 4: tile(a_pairs, 4, pairs, packed, block, 1, n_count, out, ld_sums); break;
            case 3: tile(a_pairs, 3, pairs, packed, block, 1, n_count, out, ld_sums); break;
            case 2: tile(a_pairs, 2, pairs, packed, block, 1, n_count, out, ld_sums); break;
            default: tile(a_pairs, 1, pairs, packed, block, 1, n_count, out, ld_sums); break;
            }
        }
        if (block < blocks) tile(a_pairs, rows, pairs, packed, block, 0, n_count, out, ld_sums);
    }
}

#else

void gait_int8_gemm_avx2(const int8_t *a, int64_t m_count, int64_t k_count, const int8_t *packed,
                         int64_t n_count, int32_t *sums, int64_t ld_sums) {
    (void)a; (void)m_count; (void)k_count; (void)packed; (void)n_count; (void)sums; (void)ld_sums;
}

#endif
