// Int8 dot-product kernels for GaitML's int8 inference (QuantizedGaitNet).
#ifndef GAIT_CINT8_H
#define GAIT_CINT8_H

#include <stdint.h>

/// 1 when this CPU has AVX-512 VNNI (and the kernel below uses it), else 0.
int gait_int8_has_vnni(void);

/// Bytes of `w` ([n_count, k_count] int8) packed for `gait_int8_gemm_vnni`: column blocks of 16, each
/// k in groups of 4: ceil(n_count / 16) · ceil(k_count / 4) · 64.
int64_t gait_int8_packed_size(int64_t n_count, int64_t k_count);

/// Packs `w` ([n_count, k_count] int8, row-major) into `packed`: byte (block · K4 + g) · 64 + c · 4 + j
/// holds w[block · 16 + c, 4 · g + j] (0 past the matrix), K4 = ceil(k_count / 4), so that one 64-byte
/// load gives 4 consecutive k of 16 consecutive outputs, the layout vpdpbusd multiplies.
void gait_int8_pack(const int8_t *w, int64_t n_count, int64_t k_count, int8_t *packed);

/// sums[m * ld_sums + n] = Σ_k a[m * k_count + k] · w[n, k] for m < m_count, n < n_count, exact in int32,
/// with `packed` the weights from a column that is a multiple of 16 on (`gait_int8_pack`) and
/// `w_sums[n]` = Σ_k w[n, k] (to undo the +128 offset that makes the activations unsigned for
/// vpdpbusd). k_count ≤ 4096. Needs gait_int8_has_vnni().
void gait_int8_gemm_vnni(const int8_t *a, int64_t m_count, int64_t k_count, const int8_t *packed, const int32_t *w_sums,
                         int64_t n_count, int32_t *sums, int64_t ld_sums);

#endif
