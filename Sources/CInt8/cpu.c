// Run-time CPU feature checks for the int8 kernels.
#include "CInt8.h"

#if defined(__x86_64__)
int gait_int8_has_vnni(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vnni");
}

int gait_int8_has_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}
#else
int gait_int8_has_vnni(void) { return 0; }
int gait_int8_has_avx2(void) { return 0; }
#endif
