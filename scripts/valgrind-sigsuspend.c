/* valgrind 3.19 (Debian 12) writes to the signal mask given to sigsuspend, and dies with an
 * internal SIGSEGV when it is read-only, as libdispatch's is: every Swift program with an
 * async main parks its main thread there. Preloading this copy of sigsuspend, which hands the
 * kernel a writable copy, lets callgrind count Runnel's instructions:
 *
 *   gcc -shared -fPIC -O2 scripts/valgrind-sigsuspend.c -o /tmp/sigsuspend.so
 *   objcopy --strip-debug .build/debug/runnel-bench /tmp/bench   # valgrind can't read its DWARF 5
 *   LD_PRELOAD=/tmp/sigsuspend.so valgrind --tool=callgrind /tmp/bench one-step-runs 20 noop
 *
 * (and `one-step-runs 0 noop`: the difference over 20 is one run's instructions). */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, _NSIG / 8);
}
