/*
 * Helpers of the noux test programs (wasm/noux/t_*.c). Like
 * wasm/include/check.h, each check prints one line, "what: result", where
 * the result is a value, "ok", "yes"/"no" or the errno's name: text that is
 * the same on Linux and under noux, so the two outputs can be compared
 * line by line. This header stands alone instead of including check.h
 * because the process calls answer errnos that WASI's set lacks (ECHILD,
 * EINTR, ESRCH, ERANGE, ENOEXEC), and an unnamed errno would print its
 * number, which differs between Linux and wasi-libc.
 *
 * Programs print with stdio, line-buffered (noux_start), and flush before
 * every fork (noux_fork), so no line is ever written twice by a parent and
 * its child. Every program arms a guard alarm at start: a runtime that
 * loses a wake-up kills the test with SIGALRM instead of hanging it.
 */
#ifndef NOUX_CHECK_H
#define NOUX_CHECK_H

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static inline const char *errno_name(int e)
{
	switch (e) {
	case 0: return "0";
	case E2BIG: return "E2BIG"; case EACCES: return "EACCES"; case EAGAIN: return "EAGAIN";
	case EBADF: return "EBADF"; case EBUSY: return "EBUSY"; case ECHILD: return "ECHILD";
	case EEXIST: return "EEXIST"; case EFAULT: return "EFAULT"; case EFBIG: return "EFBIG";
	case EINTR: return "EINTR"; case EINVAL: return "EINVAL"; case EIO: return "EIO";
	case EISDIR: return "EISDIR"; case ELOOP: return "ELOOP"; case EMFILE: return "EMFILE";
	case ENAMETOOLONG: return "ENAMETOOLONG"; case ENFILE: return "ENFILE"; case ENOBUFS: return "ENOBUFS";
	case ENOENT: return "ENOENT"; case ENOEXEC: return "ENOEXEC"; case ENOMEM: return "ENOMEM";
	case ENOSPC: return "ENOSPC"; case ENOSYS: return "ENOSYS"; case ENOTDIR: return "ENOTDIR";
	case ENOTEMPTY: return "ENOTEMPTY"; case ENOTSUP: return "ENOTSUP"; case ENOTTY: return "ENOTTY";
	case ENXIO: return "ENXIO"; case EPERM: return "EPERM"; case EPIPE: return "EPIPE";
	case ERANGE: return "ERANGE"; case EROFS: return "EROFS"; case ESPIPE: return "ESPIPE";
	case ESRCH: return "ESRCH"; case ETXTBSY: return "ETXTBSY"; case EXDEV: return "EXDEV";
	case EOVERFLOW: return "EOVERFLOW"; case EILSEQ: return "EILSEQ";
#ifdef ENOTCAPABLE
	case ENOTCAPABLE: return "ENOTCAPABLE";
#endif
	default: {
		static char other[32];
		snprintf(other, sizeof other, "errno %d", e);
		return other;
	}
	}
}

/* Signal numbers differ between Linux and other systems: print names. */
static inline const char *signal_name(int signal_number)
{
	switch (signal_number) {
	case SIGHUP: return "SIGHUP"; case SIGINT: return "SIGINT"; case SIGQUIT: return "SIGQUIT";
	case SIGILL: return "SIGILL"; case SIGTRAP: return "SIGTRAP"; case SIGABRT: return "SIGABRT";
	case SIGBUS: return "SIGBUS"; case SIGFPE: return "SIGFPE"; case SIGKILL: return "SIGKILL";
	case SIGUSR1: return "SIGUSR1"; case SIGSEGV: return "SIGSEGV"; case SIGUSR2: return "SIGUSR2";
	case SIGPIPE: return "SIGPIPE"; case SIGALRM: return "SIGALRM"; case SIGTERM: return "SIGTERM";
	case SIGCHLD: return "SIGCHLD"; case SIGCONT: return "SIGCONT"; case SIGSTOP: return "SIGSTOP";
	case SIGTSTP: return "SIGTSTP"; case SIGTTIN: return "SIGTTIN"; case SIGTTOU: return "SIGTTOU";
	default: {
		static char other[32];
		snprintf(other, sizeof other, "signal %d", signal_number);
		return other;
	}
	}
}

/* A wait status as stable text: "exit 3", "signal SIGKILL", "stopped SIGSTOP". */
static inline const char *status_text(int status)
{
	static char text[48];
	if (WIFEXITED(status)) snprintf(text, sizeof text, "exit %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status)) snprintf(text, sizeof text, "signal %s", signal_name(WTERMSIG(status)));
	else if (WIFSTOPPED(status)) snprintf(text, sizeof text, "stopped %s", signal_name(WSTOPSIG(status)));
	else snprintf(text, sizeof text, "status %#x", status);
	return text;
}

/* A libc call that answers -1 and errno on failure. */
#define CHECK(what, call) do { \
	errno = 0; \
	long check_result_ = (long)(call); \
	if (check_result_ < 0) printf("%s: %s\n", (what), errno_name(errno)); \
	else printf("%s: ok\n", (what)); \
} while (0)

/* A libc call whose non-negative result is printed. */
#define VALUE(what, call) do { \
	errno = 0; \
	long check_result_ = (long)(call); \
	if (check_result_ < 0) printf("%s: %s\n", (what), errno_name(errno)); \
	else printf("%s: %ld\n", (what), check_result_); \
} while (0)

/* A libc call that should fail: prints the errno's name, or "succeeded". */
#define FAILS(what, call) do { \
	errno = 0; \
	long check_result_ = (long)(call); \
	printf("%s: %s\n", (what), check_result_ < 0 ? errno_name(errno) : "succeeded"); \
} while (0)

/* A condition that should hold. */
#define EXPECT(what, condition) printf("%s: %s\n", (what), (condition) ? "yes" : "no")

/*
 * Line-buffered stdout, so a line is one write even into a pipe, and the
 * guard alarm. The alarm's default action ends the process: the driver
 * sees "signal SIGALRM" and missing lines rather than a hang.
 */
static inline void noux_start(unsigned guard_seconds)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	alarm(guard_seconds);
}

/* fork after flushing, so buffered output is not written by both processes. */
static inline pid_t noux_fork(void)
{
	fflush(stdout);
	fflush(stderr);
	return fork();
}

/* waitpid that retries when a signal handler interrupted it; -1 on failure. */
static inline int noux_wait(pid_t pid)
{
	int status = 0;
	pid_t answer;
	do answer = waitpid(pid, &status, 0);
	while (answer < 0 && errno == EINTR);
	return answer < 0 ? -1 : status;
}

/* A child's end: flush what it printed, skip the parent's atexit work. */
static inline void noux_exit(int status)
{
	fflush(stdout);
	fflush(stderr);
	_exit(status);
}

/* TEST_BIN, the directory of the suite's programs; TMPDIR, scratch space. */
static inline const char *noux_bin(void)
{
	const char *bin = getenv("TEST_BIN");
	return bin != NULL && bin[0] != '\0' ? bin : "/bin";
}

static inline const char *noux_tmp(void)
{
	const char *tmp = getenv("TMPDIR");
	return tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp";
}

/* read() until count bytes or end of file; the bytes read, or -1. */
static inline long noux_read_full(int fd, void *buffer, size_t count)
{
	size_t done = 0;
	while (done < count) {
		ssize_t n = read(fd, (char *)buffer + done, count - done);
		if (n < 0 && errno == EINTR) continue;
		if (n < 0) return -1;
		if (n == 0) break;
		done += (size_t)n;
	}
	return (long)done;
}

/* write() all of count bytes; 0, or -1 with errno. */
static inline int noux_write_full(int fd, const void *buffer, size_t count)
{
	size_t done = 0;
	while (done < count) {
		ssize_t n = write(fd, (const char *)buffer + done, count - done);
		if (n < 0 && errno == EINTR) continue;
		if (n < 0) return -1;
		done += (size_t)n;
	}
	return 0;
}

#endif
