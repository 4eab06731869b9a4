// Int8 dot-product kernels for GaitML's int8 inference (QuantizedGaitNet).
#ifndef GAIT_CINT8_H
#define GAIT_CINT8_H

#include <stdint.h>

/// 1 when this CPU has AVX-512 VNNI (and the kernel below uses it), else 0.
int gait_int8_has_vnni(void);

/// sums[m * ld_sums + n] = Σ_k a[m * k_count + k] · w[n * k_count + k] for m < m_count, n < n_count,
/// exact in int32. `w_sums[n]` must hold Σ_k w[n * k_count + k] (used to undo the +128 offset that
/// turns the signed activations into the unsigned operand VNNI multiplies). Needs gait_int8_has_vnni().
void gait_int8_products_vnni(const int8_t *a, int64_t m_count, const int8_t *w, const int32_t *w_sums,
                             int64_t n_count, int64_t k_count, int32_t *sums, int64_t ld_sums);

#endif
