/*
 * t_select: readiness of pipes and files through select and poll, which
 * a runtime must answer from its own pipe state. An empty pipe is not
 * readable (timeout 0) and becomes readable after a write; its write end
 * is writable; after the writer closes, the read end reports end of file
 * (select: readable, poll: POLLHUP) and the write end of a pipe without
 * readers reports POLLERR; a closed descriptor is POLLNVAL in poll and
 * EBADF in select; a 50 ms timeout on an empty pipe answers 0 after at
 * least 50 ms; a blocking poll wakes when a child writes; a regular file
 * is always readable and writable. A select that asks for exceptional
 * conditions too (vim's) answers the readable pipe and no exception. A
 * caught signal ends a blocking poll with EINTR, even with SA_RESTART.
 */
#include <fcntl.h>
#include <poll.h>
#include <sys/select.h>
#include <time.h>
#include "noux_check.h"

static long long milliseconds(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* The revents bits as names, "POLLIN|POLLHUP", or "none". */
static const char *events(short revents)
{
	static char text[64];
	static const struct { short bit; const char *name; } names[] = {
		{ POLLIN, "POLLIN" }, { POLLOUT, "POLLOUT" }, { POLLERR, "POLLERR" },
		{ POLLHUP, "POLLHUP" }, { POLLNVAL, "POLLNVAL" },
	};
	text[0] = '\0';
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (!(revents & names[i].bit)) continue;
		if (text[0]) strcat(text, "|");
		strcat(text, names[i].name);
	}
	return text[0] ? text : "none";
}

static void poll_one(const char *what, int fd, short wanted, int timeout)
{
	struct pollfd entry = { fd, wanted, 0 };
	int answer = poll(&entry, 1, timeout);
	if (answer < 0) printf("%s: %s\n", what, errno_name(errno));
	else printf("%s: %d %s\n", what, answer, events(entry.revents));
}

static void on_usr1(int sig) { (void)sig; }

/* select for one descriptor, reading (1) or writing (0), timeout 0: "ready", "not ready" or the errno. */
static const char *select_one(int fd, int reading)
{
	fd_set set;
	FD_ZERO(&set);
	FD_SET(fd, &set);
	struct timeval zero = { 0, 0 };
	int answer = select(fd + 1, reading ? &set : NULL, reading ? NULL : &set, NULL, &zero);
	if (answer < 0) return errno_name(errno);
	return answer == 1 && FD_ISSET(fd, &set) ? "ready" : "not ready";
}

int main(void)
{
	noux_start(30);
	signal(SIGPIPE, SIG_IGN);
	int ends[2];
	CHECK("pipe", pipe(ends));
	printf("select read, empty pipe: %s\n", select_one(ends[0], 1));
	printf("select write, empty pipe: %s\n", select_one(ends[1], 0));
	poll_one("poll read end, empty", ends[0], POLLIN, 0);
	poll_one("poll write end, empty", ends[1], POLLOUT, 0);
	CHECK("write", write(ends[1], "x", 1));
	printf("select read, after a write: %s\n", select_one(ends[0], 1));
	poll_one("poll read end, after a write", ends[0], POLLIN, 0);
	{
		/* Reading and exceptional conditions at once, as vim selects its terminal: a pipe has no exceptions. */
		fd_set readable, exceptional;
		FD_ZERO(&readable);
		FD_ZERO(&exceptional);
		FD_SET(ends[0], &readable);
		FD_SET(ends[0], &exceptional);
		struct timeval zero = { 0, 0 };
		VALUE("select read and except, after a write", select(ends[0] + 1, &readable, NULL, &exceptional, &zero));
		EXPECT("select: readable, no exception", FD_ISSET(ends[0], &readable) && !FD_ISSET(ends[0], &exceptional));
	}

	/* Timeouts: 50 ms each, answered with nothing ready, never early. */
	char byte;
	read(ends[0], &byte, 1);
	long long start = milliseconds();
	poll_one("poll 50 ms on an empty pipe", ends[0], POLLIN, 50);
	long long waited = milliseconds() - start;
	EXPECT("poll waited at least 50 ms", waited >= 50);
	EXPECT("poll waited less than 5 s", waited < 5000);
	fd_set set;
	FD_ZERO(&set);
	FD_SET(ends[0], &set);
	struct timeval fifty = { 0, 50000 };
	start = milliseconds();
	VALUE("select 50 ms on an empty pipe", select(ends[0] + 1, &set, NULL, NULL, &fifty));
	EXPECT("select waited at least 50 ms", milliseconds() - start >= 50);

	/* A blocking poll (no timeout; the guard alarm bounds it) woken by a child's write. */
	pid_t pid = noux_fork();
	if (pid == 0) {
		struct timespec pause = { 0, 30000000 };
		nanosleep(&pause, NULL);
		write(ends[1], "y", 1);
		noux_exit(0);
	}
	poll_one("blocking poll until a child writes", ends[0], POLLIN, -1);
	noux_wait(pid);
	read(ends[0], &byte, 1);

	/*
	 * A signal caught with SA_RESTART ends a blocking poll with EINTR all
	 * the same: Linux never restarts poll or select (vim redraws after
	 * SIGWINCH when its select gives way). The child signals until the
	 * parent's poll came back, so that a signal before the poll began
	 * does not matter.
	 */
	struct sigaction caught = { 0 };
	caught.sa_handler = on_usr1;
	caught.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &caught, NULL);
	pid = noux_fork();
	if (pid == 0) {
		for (;;) {
			struct timespec pause = { 0, 50000000 };
			nanosleep(&pause, NULL);
			kill(getppid(), SIGUSR1);
		}
	}
	poll_one("blocking poll, a handler with SA_RESTART ran", ends[0], POLLIN, -1);
	kill(pid, SIGKILL);
	noux_wait(pid);

	/* End of file: the read end is readable and hangs up; the reader-less write end errs. */
	CHECK("write", write(ends[1], "z", 1));
	close(ends[1]);
	poll_one("poll read end, data then writer closed", ends[0], POLLIN, 0);
	read(ends[0], &byte, 1);
	poll_one("poll read end, writer closed", ends[0], POLLIN, 0);
	printf("select read, writer closed: %s\n", select_one(ends[0], 1));
	VALUE("read, writer closed", read(ends[0], &byte, 1));
	close(ends[0]);
	CHECK("pipe", pipe(ends));
	close(ends[0]);
	poll_one("poll write end, reader closed", ends[1], POLLOUT, 0);
	printf("select write, reader closed: %s\n", select_one(ends[1], 0));
	close(ends[1]);

	close(41);
	poll_one("poll closed descriptor", 41, POLLIN, 0);
	printf("select closed descriptor: %s\n", select_one(41, 1));

	char path[1024];
	snprintf(path, sizeof path, "%s/t_select_file", noux_tmp());
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	unlink(path);
	printf("select read, regular file: %s\n", select_one(fd, 1));
	printf("select write, regular file: %s\n", select_one(fd, 0));
	poll_one("poll regular file", fd, POLLIN | POLLOUT, 0);
	close(fd);
	return 0;
}
