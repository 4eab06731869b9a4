// Int8 dot-product kernels for GaitML's int8 inference (QuantizedGaitNet).
#ifndef GAIT_CINT8_H
#define GAIT_CINT8_H

#include <stdint.h>

/// 1 when this CPU has AVX-512 VNNI (and the kernel below uses it), else 0.
int gait_int8_has_vnni(void);

/// Bytes of `w` ([n_count, k_count] int8) packed in column blocks of `width`, each k in groups of
/// `group`: ceil(n_count / width) · ceil(k_count / group) · width · group.
int64_t gait_int8_packed_size(int64_t n_count, int64_t k_count, int width, int group);

/// Packs `w` ([n_count, k_count] int8, row-major) into `packed`: byte (block · G + g) · width · group +
/// c · group + j holds w[block · width + c, group · g + j] (0 past the matrix), G = ceil(k_count / group),
/// so that one load of width · group bytes gives `group` consecutive k of `width` consecutive outputs.
/// The VNNI kernel takes width 16, group 4 (vpdpbusd's layout); the AVX2 kernel width 8, group 2
/// (vpmaddwd's, once widened to 16 bits).
void gait_int8_pack(const int8_t *w, int64_t n_count, int64_t k_count, int width, int group, int8_t *packed);

/// sums[m * ld_sums + n] = Σ_k a[m * k_count + k] · w[n, k] for m < m_count, n < n_count, exact in int32,
/// with `packed` the weights from a column that is a multiple of 16 on (`gait_int8_pack`, width 16, group 4) and
/// `w_sums[n]` = Σ_k w[n, k] (to undo the +128 offset that makes the activations unsigned for
/// vpdpbusd). k_count ≤ 4096. Needs gait_int8_has_vnni().
void gait_int8_gemm_vnni(const int8_t *a, int64_t m_count, int64_t k_count, const int8_t *packed, const int32_t *w_sums,
                         int64_t n_count, int32_t *sums, int64_t ld_sums);

/// 1 when this CPU has AVX2 (and `gait_int8_gemm_avx2` uses it), else 0.
int gait_int8_has_avx2(void);

/// sums[m * ld_sums + n] = Σ_k a[m * k_count + k] · w[n, k] for m < m_count, n < n_count, exact in int32,
/// with `packed` the weights from a column that is a multiple of 8 on (`gait_int8_pack`, width 8, group 2).
/// k_count ≤ 4096. Needs gait_int8_has_avx2().
void gait_int8_gemm_avx2(const int8_t *a, int64_t m_count, int64_t k_count, const int8_t *packed,
                         int64_t n_count, int32_t *sums, int64_t ld_sums);

#endif
