// Valgrind 3.19 (Debian 12) crashes with SIGSEGV when a Swift async main
// ends its main thread: libdispatch calls sigsuspend() with a mask in its
// read-only data, and valgrind faults reading it. LD_PRELOAD this to hand
// the kernel a copy of the mask on the stack instead. Profiling only.
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, sizeof(unsigned long));
}
