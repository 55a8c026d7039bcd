/*
 * Descriptors beyond WASI: pipe, dup, fcntl and ioctl, answered by noux,
 * which keeps every process's descriptor table and the open files that
 * fork and dup share (offset and status flags included).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <termios.h>
#include <unistd.h>
#include "noux.h"

/* include/fcntl.h defines these anew as plain numbers (for #if): they must stay wasi-libc's, which its open() and fcntl() take apart. */
_Static_assert(O_APPEND == __WASI_FDFLAGS_APPEND && O_DSYNC == __WASI_FDFLAGS_DSYNC && O_NONBLOCK == __WASI_FDFLAGS_NONBLOCK
	&& O_RSYNC == __WASI_FDFLAGS_RSYNC && O_SYNC == __WASI_FDFLAGS_SYNC, "fcntl.h: WASI's fdflags");
_Static_assert(O_CREAT == __WASI_OFLAGS_CREAT << 12 && O_DIRECTORY == __WASI_OFLAGS_DIRECTORY << 12
	&& O_EXCL == __WASI_OFLAGS_EXCL << 12 && O_TRUNC == __WASI_OFLAGS_TRUNC << 12, "fcntl.h: WASI's oflags");

int pipe2(int fds[2], int flags) { return noux_result(__noux_pipe(fds, flags)); }
int pipe(int fds[2]) { return pipe2(fds, 0); }
int dup(int fd) { return noux_result(__noux_dup(fd, 0, 0)); }
int dup3(int from, int to, int flags)
{
	if (from == to) {
		errno = EINVAL;
		return -1;
	}
	return noux_result(__noux_dup3(from, to, (flags & O_CLOEXEC) != 0));
}
int dup2(int from, int to)
{
	/* dup2 of a descriptor onto itself only checks that it is open. */
	if (from == to) return noux_result(__noux_fcntl(from, F_GETFD, 0)) < 0 ? -1 : to;
	return noux_result(__noux_dup3(from, to, 0));
}

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	va_start(ap, cmd);
	int arg = va_arg(ap, int);
	va_end(ap);
	switch (cmd) {
	case F_DUPFD: return noux_result(__noux_dup(fd, arg, 0));
	case F_DUPFD_CLOEXEC: return noux_result(__noux_dup(fd, arg, 1));
	default: return noux_result(__noux_fcntl(fd, cmd, arg));
	}
}

int ioctl(int fd, int request, ...)
{
	va_list ap;
	va_start(ap, request);
	void *arg = va_arg(ap, void *);
	va_end(ap);
	return noux_result(__noux_ioctl(fd, request, arg));
}

int tcgetattr(int fd, struct termios *settings) { return ioctl(fd, TCGETS, settings); }

int tcsetattr(int fd, int action, const struct termios *settings)
{
	if (action < TCSANOW || action > TCSAFLUSH) {
		errno = EINVAL;
		return -1;
	}
	return ioctl(fd, TCSETS + action, settings);
}

pid_t tcgetpgrp(int fd)
{
	int pgrp;
	if (ioctl(fd, TIOCGPGRP, &pgrp) < 0) return -1;
	return pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	int value = pgrp;
	return ioctl(fd, TIOCSPGRP, &value);
}

pid_t tcgetsid(int fd)
{
	if (tcgetpgrp(fd) < 0) return -1;
	return getsid(0);
}

/* Output is written at once and input needs no line speed: these only check the descriptor. */
int tcdrain(int fd) { return tcgetpgrp(fd) < 0 ? -1 : 0; }
int tcflow(int fd, int action) { (void)action; return tcdrain(fd); }
int tcsendbreak(int fd, int duration) { (void)duration; return tcdrain(fd); }
int tcflush(int fd, int queue)
{
	/* TCFLSH is 0x540B on Linux: noux drops the pending input. */
	return ioctl(fd, 0x540B, (void *)(long)queue);
}

speed_t cfgetospeed(const struct termios *t) { return t->c_cflag & CBAUD; }
speed_t cfgetispeed(const struct termios *t) { return cfgetospeed(t); }
int cfsetospeed(struct termios *t, speed_t speed)
{
	if (speed & ~CBAUD) {
		errno = EINVAL;
		return -1;
	}
	t->c_cflag = (t->c_cflag & ~CBAUD) | speed;
	return 0;
}
int cfsetispeed(struct termios *t, speed_t speed) { return speed ? cfsetospeed(t, speed) : 0; }
int cfsetspeed(struct termios *t, speed_t speed) { return cfsetospeed(t, speed); }

void cfmakeraw(struct termios *t)
{
	t->c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	t->c_oflag &= ~OPOST;
	t->c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t->c_cflag &= ~(CSIZE | PARENB);
	t->c_cflag |= CS8;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}

char *ttyname(int fd)
{
	static char name[] = "/dev/tty";
	if (!isatty(fd)) return 0;
	return name;
}

int ttyname_r(int fd, char *buffer, size_t size)
{
	if (!isatty(fd)) return errno;
	if (size < sizeof "/dev/tty") return ERANGE;
	for (size_t i = 0; i < sizeof "/dev/tty"; i++) buffer[i] = "/dev/tty"[i];
	return 0;
}

char *ctermid(char *buffer)
{
	static char name[] = "/dev/tty";
	if (!buffer) return name;
	for (size_t i = 0; i < sizeof name; i++) buffer[i] = name[i];
	return buffer;
}

/*
 * sync: noux has no call that flushes all of its file systems, and POSIX
 * lets sync return before anything is written, so it does nothing; a
 * program that must know its data is written calls fsync (WASI's
 * fd_sync on that file). vim calls sync for its swap files.
 */
void sync(void) {}

/*
 * select with exceptional conditions asked for: wasi-libc's pselect
 * refuses a non-empty exceptfds (ENOSYS), since WASI has no such
 * conditions; noux's descriptors have none either (Linux has them for a
 * socket's out-of-band data only), so the set is answered empty and the
 * rest goes to wasi-libc's pselect (poll_oneoff, answered by noux).
 * vim selects its terminal for reading and for exceptions, and took the
 * ENOSYS for "no input" for ever.
 */
int select(int nfds, fd_set *restrict readfds, fd_set *restrict writefds, fd_set *restrict exceptfds,
	   struct timeval *restrict timeout)
{
	struct timespec wait, *waitp = 0;
	if (timeout) {
		if (timeout->tv_sec < 0 || timeout->tv_usec < 0 || timeout->tv_usec >= 1000000) {
			errno = EINVAL;
			return -1;
		}
		wait.tv_sec = timeout->tv_sec;
		wait.tv_nsec = (long)timeout->tv_usec * 1000;
		waitp = &wait;
	}
	if (exceptfds) FD_ZERO(exceptfds);
	return pselect(nfds, readfds, writefds, 0, waitp, 0);
}
