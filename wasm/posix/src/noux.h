/*
 * The system calls that noux adds to WASI preview 1, as the C runtime of
 * a noux process imports them (module "noux"; src/lib/noux/imports.ts
 * answers them). Each answers a result >= 0 or a negated errno, which
 * `noux_result` turns into -1 and errno as POSIX functions do.
 */
#ifndef _NOUX_H
#define _NOUX_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <signal.h>

struct termios;

/* A disposition as the runtime keeps it: kind 0 default, 1 ignore, 2 catch with `handler` (a function index). */
struct noux_action {
	int kind;
	int handler;
	int flags;
	unsigned mask_lo, mask_hi;
};

#define NOUX_IMPORT(name) __attribute__((import_module("noux"), import_name(#name)))

NOUX_IMPORT(fork) int __noux_fork(void);
/* The path of the directory descriptor fd names, NUL-terminated, into buffer (fchdir); its length or a negated errno. */
NOUX_IMPORT(fd_path) int __noux_fd_path(int fd, char *buffer, size_t size);
/* The number of parameters of a function in the table (main3.c: the main a program has). */
NOUX_IMPORT(function_params) int __noux_function_params(void *function);
NOUX_IMPORT(execve) int __noux_execve(const char *path, const char *argv, size_t argv_len,
                                      const char *envp, size_t envp_len, const char *cwd);
NOUX_IMPORT(wait4) int __noux_wait4(int pid, int *status, int options);
NOUX_IMPORT(pipe) int __noux_pipe(int *fds, int flags);
NOUX_IMPORT(dup) int __noux_dup(int fd, int min, int cloexec);
NOUX_IMPORT(dup3) int __noux_dup3(int from, int to, int cloexec);
NOUX_IMPORT(fcntl) int __noux_fcntl(int fd, int cmd, int arg);
NOUX_IMPORT(ioctl) int __noux_ioctl(int fd, int request, void *arg);
NOUX_IMPORT(getpid) int __noux_getpid(void);
NOUX_IMPORT(getppid) int __noux_getppid(void);
NOUX_IMPORT(getpgid) int __noux_getpgid(int pid);
NOUX_IMPORT(setpgid) int __noux_setpgid(int pid, int pgid);
NOUX_IMPORT(getsid) int __noux_getsid(int pid);
NOUX_IMPORT(setsid) int __noux_setsid(void);
NOUX_IMPORT(kill) int __noux_kill(int pid, int sig);
NOUX_IMPORT(sigaction) int __noux_sigaction(int sig, const struct noux_action *act, struct noux_action *old);
NOUX_IMPORT(sigprocmask) int __noux_sigprocmask(int how, const sigset_t *set, sigset_t *old);
NOUX_IMPORT(sigpending) int __noux_sigpending(sigset_t *set);
NOUX_IMPORT(sigsuspend) int __noux_sigsuspend(const sigset_t *mask);
NOUX_IMPORT(alarm) int __noux_alarm(unsigned seconds);
NOUX_IMPORT(umask) int __noux_umask(int mask);
NOUX_IMPORT(cwd) int __noux_cwd(char *buffer, size_t size);
NOUX_IMPORT(longjmp) _Noreturn void __noux_longjmp(void);
/* Room in the PD's quota for `bytes` of linear memory, before sbrk grows it (sbrk.c): 0 or a negated errno. */
NOUX_IMPORT(memory_reserve) int __noux_memory_reserve(uintptr_t bytes);
/* noux's RAM in pages of sysconf(_SC_PAGESIZE): all of it (0), or what is available now (1). */
NOUX_IMPORT(memory_pages) long __noux_memory_pages(int available);

static inline int noux_result(int result)
{
	if (result >= 0) return result;
	errno = -result;
	return -1;
}

#endif
