/*
 * Signals. The dispositions, the mask and the pending set live in the
 * runtime, which delivers a signal at a system call's boundary by calling
 * the handler through the function table, and tells noux what it must
 * know to act for a busy process (whether a signal is caught, ignored or
 * blocked). SIG_IGN and SIG_ERR are wasi-libc's: 1 is a valid function
 * index on WebAssembly, so they are addresses of functions of their own.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>
#include "noux.h"

/* What an SA_SIGINFO handler is shown: the runtime fills it before the call (exported by address). */
siginfo_t __noux_siginfo;

void __SIG_IGN(int sig) { (void)sig; }
void __SIG_ERR(int sig) { (void)sig; }

int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old)
{
	struct noux_action in = { 0 }, out = { 0 };
	if (act) {
		in.kind = act->sa_handler == SIG_DFL ? 0 : act->sa_handler == SIG_IGN ? 1 : 2;
		in.handler = (int)(long)act->sa_handler;
		in.flags = act->sa_flags;
		in.mask_lo = (unsigned)act->sa_mask.__bits[0];
		in.mask_hi = (unsigned)act->sa_mask.__bits[1];
	}
	if (noux_result(__noux_sigaction(sig, act ? &in : 0, old ? &out : 0)) < 0) return -1;
	if (old) {
		memset(old, 0, sizeof *old);
		old->sa_handler = out.kind == 0 ? SIG_DFL : out.kind == 1 ? SIG_IGN : (void (*)(int))(long)out.handler;
		old->sa_flags = out.flags;
		old->sa_mask.__bits[0] = out.mask_lo;
		old->sa_mask.__bits[1] = out.mask_hi;
	}
	return 0;
}

void (*signal(int sig, void (*handler)(int)))(int)
{
	struct sigaction act = { 0 }, old;
	act.sa_handler = handler;
	act.sa_flags = SA_RESTART;
	if (sigaction(sig, &act, &old) < 0) return SIG_ERR;
	return old.sa_handler;
}

void (*bsd_signal(int sig, void (*handler)(int)))(int) { return signal(sig, handler); }

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	return noux_result(__noux_sigprocmask(how, set, old));
}

int pthread_sigmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	return sigprocmask(how, set, old) < 0 ? errno : 0;
}

int sigpending(sigset_t *set) { return noux_result(__noux_sigpending(set)); }
int sigsuspend(const sigset_t *mask) { return noux_result(__noux_sigsuspend(mask)); }

int pause(void)
{
	sigset_t mask;
	sigprocmask(SIG_BLOCK, 0, &mask);
	return sigsuspend(&mask);
}

int kill(pid_t pid, int sig) { return noux_result(__noux_kill(pid, sig)); }
int killpg(pid_t pgrp, int sig)
{
	if (pgrp < 0) {
		errno = EINVAL;
		return -1;
	}
	return kill(-pgrp, sig);
}
int raise(int sig) { return kill(getpid(), sig); }

unsigned alarm(unsigned seconds) { return (unsigned)__noux_alarm(seconds); }

/*
 * Interval timers: ITIMER_REAL is noux's alarm, which counts whole
 * seconds, so a value is rounded up to the next second (a timeout never
 * ends early; vim's regexp and redraw timeouts are of this kind). A
 * repeating timer (it_interval) and the process-time timers are EINVAL.
 */
static void seconds_to_itimerval(unsigned seconds, struct itimerval *value)
{
	value->it_interval.tv_sec = 0;
	value->it_interval.tv_usec = 0;
	value->it_value.tv_sec = seconds;
	value->it_value.tv_usec = 0;
}

int setitimer(int which, const struct itimerval *restrict value, struct itimerval *restrict old)
{
	if (which != ITIMER_REAL || value->it_interval.tv_sec != 0 || value->it_interval.tv_usec != 0
	    || value->it_value.tv_sec < 0 || value->it_value.tv_usec < 0 || value->it_value.tv_usec >= 1000000) {
		errno = EINVAL;
		return -1;
	}
	unsigned seconds = (unsigned)value->it_value.tv_sec + (value->it_value.tv_usec > 0 ? 1 : 0);
	unsigned left = alarm(seconds);
	if (old) seconds_to_itimerval(left, old);
	return 0;
}

int getitimer(int which, struct itimerval *value)
{
	if (which != ITIMER_REAL) {
		errno = EINVAL;
		return -1;
	}
	/* noux answers the time left only when the alarm is set anew: set it again to what is left. */
	unsigned left = alarm(0);
	if (left > 0) alarm(left);
	seconds_to_itimerval(left, value);
	return 0;
}

int siginterrupt(int sig, int flag)
{
	struct sigaction act;
	if (sigaction(sig, 0, &act) < 0) return -1;
	if (flag) act.sa_flags &= ~SA_RESTART;
	else act.sa_flags |= SA_RESTART;
	return sigaction(sig, &act, 0);
}

/* Signal sets: signals 1 to 64 in the first two words (as musl). */
#define SET_WORD(sig) (((unsigned)(sig) - 1) / (8 * sizeof(unsigned long)))
#define SET_BIT(sig) (1UL << (((unsigned)(sig) - 1) % (8 * sizeof(unsigned long))))

static int valid(int sig)
{
	if (sig >= 1 && sig < _NSIG) return 1;
	errno = EINVAL;
	return 0;
}

int sigemptyset(sigset_t *set) { memset(set, 0, sizeof *set); return 0; }
int sigfillset(sigset_t *set)
{
	memset(set, 0, sizeof *set);
	for (int sig = 1; sig < _NSIG; sig++) set->__bits[SET_WORD(sig)] |= SET_BIT(sig);
	return 0;
}
int sigaddset(sigset_t *set, int sig)
{
	if (!valid(sig)) return -1;
	set->__bits[SET_WORD(sig)] |= SET_BIT(sig);
	return 0;
}
int sigdelset(sigset_t *set, int sig)
{
	if (!valid(sig)) return -1;
	set->__bits[SET_WORD(sig)] &= ~SET_BIT(sig);
	return 0;
}
int sigismember(const sigset_t *set, int sig)
{
	if (!valid(sig)) return -1;
	return (set->__bits[SET_WORD(sig)] & SET_BIT(sig)) != 0;
}
int sigisemptyset(const sigset_t *set)
{
	for (size_t i = 0; i < sizeof set->__bits / sizeof set->__bits[0]; i++) if (set->__bits[i]) return 0;
	return 1;
}

/* The signal the handler of sigwait caught (0: none yet). */
static volatile sig_atomic_t waited;
static void catch_waited(int sig) { waited = sig; }

/*
 * sigwait from what noux has: the signals of `set` (which the caller
 * blocks, as POSIX asks) get a handler that notes the number, and
 * sigsuspend lets them in until one came (a pending one at once); then
 * their dispositions are what they were. The signal is taken, not run:
 * the caller's handler, if any, is not called, as with sigwait on Linux.
 */
int sigwait(const sigset_t *restrict set, int *restrict sig)
{
	struct sigaction catcher = { 0 }, old[_NSIG];
	catcher.sa_handler = catch_waited;
	catcher.sa_mask = *set;
	sigset_t mask;
	sigprocmask(SIG_BLOCK, 0, &mask);
	int error = 0, last = 0; /* last: the highest signal given the catcher */
	for (int s = 1; s < _NSIG; s++) {
		if (!sigismember(set, s) || s == SIGKILL || s == SIGSTOP) continue;
		if (sigaction(s, &catcher, &old[s]) < 0) {
			error = errno;
			break;
		}
		sigdelset(&mask, s);
		last = s;
	}
	if (error == 0 && last == 0) error = EINVAL;
	waited = 0;
	while (error == 0 && waited == 0) sigsuspend(&mask);
	/* The dispositions as they were, of every signal that was given the catcher. */
	for (int s = 1; s <= last; s++) if (sigismember(set, s) && s != SIGKILL && s != SIGSTOP) sigaction(s, &old[s], 0);
	if (error != 0) return error;
	*sig = waited;
	return 0;
}

static const char *const names[] = {
	[SIGHUP] = "Hangup", [SIGINT] = "Interrupt", [SIGQUIT] = "Quit", [SIGILL] = "Illegal instruction",
	[SIGTRAP] = "Trace/breakpoint trap", [SIGABRT] = "Aborted", [SIGBUS] = "Bus error",
	[SIGFPE] = "Arithmetic exception", [SIGKILL] = "Killed", [SIGUSR1] = "User defined signal 1",
	[SIGSEGV] = "Segmentation fault", [SIGUSR2] = "User defined signal 2", [SIGPIPE] = "Broken pipe",
	[SIGALRM] = "Alarm clock", [SIGTERM] = "Terminated", [SIGSTKFLT] = "Stack fault",
	[SIGCHLD] = "Child process status", [SIGCONT] = "Continued", [SIGSTOP] = "Stopped (signal)",
	[SIGTSTP] = "Stopped", [SIGTTIN] = "Stopped (tty input)", [SIGTTOU] = "Stopped (tty output)",
	[SIGURG] = "Urgent I/O condition", [SIGXCPU] = "CPU time limit exceeded",
	[SIGXFSZ] = "File size limit exceeded", [SIGVTALRM] = "Virtual timer expired",
	[SIGPROF] = "Profiling timer expired", [SIGWINCH] = "Window changed", [SIGIO] = "I/O possible",
	[SIGPWR] = "Power failure", [SIGSYS] = "Bad system call",
};

char *strsignal(int sig)
{
	if (sig > 0 && sig < (int)(sizeof names / sizeof names[0]) && names[sig]) return (char *)names[sig];
	return "Unknown signal";
}

void psignal(int sig, const char *message)
{
	if (message && *message) fprintf(stderr, "%s: %s\n", message, strsignal(sig));
	else fprintf(stderr, "%s\n", strsignal(sig));
}
