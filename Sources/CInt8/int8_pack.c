// Weight packing for the int8 kernels: output columns in blocks, inputs in groups, so that one
// load gives a group of consecutive inputs for every output of a block.
#include "CInt8.h"
#include <string.h>

int64_t gait_int8_packed_size(int64_t n_count, int64_t k_count, int width, int group) {
    return (n_count + width - 1) / width * ((k_count + group - 1) / group) * width * group;
}

void gait_int8_pack(const int8_t *w, int64_t n_count, int64_t k_count, int width, int group, int8_t *packed) {
    const int64_t groups = (k_count + group - 1) / group, blocks = (n_count + width - 1) / width;
    memset(packed, 0, (size_t)gait_int8_packed_size(n_count, k_count, width, group));
    for (int64_t block = 0; block < blocks; block++) {
        for (int64_t g = 0; g < groups; g++) {
            int8_t *out = packed + (block * groups + g) * width * group;
            for (int c = 0; c < width; c++) {
                const int64_t n = block * width + c;
                if (n >= n_count) break;
                for (int j = 0; j < group; j++) {
                    const int64_t k = group * g + j;
                    if (k < k_count) out[c * group + j] = w[n * k_count + k];
                }
            }
        }
    }
}
