// The C interface of OpenBLAS (found through pkg-config `openblas`, Debian package libopenblas-dev).
// OpenBLAS's cblas.h also declares openblas_set_num_threads, which GaitML uses to keep OpenBLAS
// single-threaded while GaitML schedules its own two threads.
#include <cblas.h>
