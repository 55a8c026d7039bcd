/*
 * t_forkbomb: the runtime's limit on processes, met gracefully. The
 * parent forks children until fork fails or 2000 live at once. Each child
 * blocks reading a pipe the parent never writes to and exits when the
 * read sees end of file, that is when the parent closes the write end;
 * a child also carries its own 60 s alarm, so none outlives a parent that
 * died. Printed: the errno of the failed fork (EAGAIN is what POSIX
 * names), or "none (limit 2000)" when no limit was met, as on Linux run
 * as root; then that every child was reaped with status 0 and that fork
 * works again. How many children fit is not printed: it is the system's.
 * The harness compares this program's output specially, since the first
 * line legitimately differs.
 */
#include "noux_check.h"

#define LIMIT 2000

int main(void)
{
	noux_start(120);
	int ends[2];
	CHECK("pipe", pipe(ends));
	int started = 0, failure = 0;
	while (started < LIMIT) {
		pid_t pid = noux_fork();
		if (pid < 0) {
			failure = errno;
			break;
		}
		if (pid == 0) {
			alarm(60);
			close(ends[1]);
			char byte;
			ssize_t n;
			while ((n = read(ends[0], &byte, 1)) < 0 && errno == EINTR) continue;
			_exit(n == 0 ? 0 : 1);
		}
		started++;
	}
	if (failure != 0) printf("fork failed: %s\n", errno_name(failure));
	else printf("fork failed: none (limit %d)\n", LIMIT);
	EXPECT("at least 10 children started", started >= 10);

	close(ends[1]);
	close(ends[0]);
	int reaped = 0, clean = 0, status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, 0)) > 0 || errno == EINTR) {
		if (pid <= 0) continue;
		reaped++;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0) clean++;
	}
	printf("waitpid at the end: %s\n", errno_name(errno));
	EXPECT("all children reaped", reaped == started);
	EXPECT("all exited with status 0", clean == started);

	pid = noux_fork();
	if (pid == 0) _exit(3);
	printf("fork after reaping: %s\n", pid < 0 ? errno_name(errno) : status_text(noux_wait(pid)));
	return 0;
}
