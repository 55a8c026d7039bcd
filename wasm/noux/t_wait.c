/*
 * t_wait: what the parent learns about a child's end. Exit statuses 0, 1,
 * 42, 255 and 259 (only the low 8 bits survive); WNOHANG while the child
 * still runs (0) and after it ended (its pid); wait4 and wait; waitpid(-1)
 * collecting three children in any order; ECHILD without children;
 * children ended by SIGKILL, SIGTERM and raise(SIGABRT) (WIFSIGNALED,
 * WTERMSIG); a child stopped by SIGSTOP (WUNTRACED) and continued by
 * SIGCONT (WCONTINUED), which the shell's job control relies on. A child
 * that must still run blocks on reading a pipe the parent holds, so
 * nothing here depends on timing; waits for an end that may lag are
 * polled with a limit.
 */
#include <sys/resource.h>
#include <time.h>
#include "noux_check.h"

/* A child that blocks until the parent closes the pipe's write end, then exits with status. */
static pid_t blocked_child(int *release_fd, int status)
{
	int ends[2];
	if (pipe(ends) < 0) return -1;
	pid_t pid = noux_fork();
	if (pid == 0) {
		close(ends[1]);
		char byte;
		while (read(ends[0], &byte, 1) > 0) continue;
		noux_exit(status);
	}
	close(ends[0]);
	*release_fd = ends[1];
	return pid;
}

/* waitpid with options, polled every millisecond up to five seconds until it answers non-zero. */
static pid_t poll_wait(pid_t pid, int *status, int options)
{
	struct timespec millisecond = { 0, 1000000 };
	for (int i = 0; i < 5000; i++) {
		pid_t answer = waitpid(pid, status, options | WNOHANG);
		if (answer != 0) return answer;
		nanosleep(&millisecond, NULL);
	}
	return 0;
}

static void exit_status(int code)
{
	pid_t pid = noux_fork();
	if (pid == 0) noux_exit(code);
	int status = noux_wait(pid);
	printf("exit(%d): WIFEXITED %s, WEXITSTATUS %d\n", code,
	       WIFEXITED(status) ? "yes" : "no", WEXITSTATUS(status));
}

static void killed_by(int signal_number)
{
	int release;
	pid_t pid = blocked_child(&release, 0);
	char what[48];
	snprintf(what, sizeof what, "kill %s", signal_name(signal_number));
	CHECK(what, kill(pid, signal_number));
	int status = noux_wait(pid);
	close(release);
	printf("child killed by %s: WIFSIGNALED %s, WTERMSIG %s\n", signal_name(signal_number),
	       WIFSIGNALED(status) ? "yes" : "no", WIFSIGNALED(status) ? signal_name(WTERMSIG(status)) : "-");
}

int main(void)
{
	noux_start(30);
	exit_status(0);
	exit_status(1);
	exit_status(42);
	exit_status(255);
	exit_status(259);

	int release, status;
	pid_t pid = blocked_child(&release, 7);
	VALUE("WNOHANG while the child runs", waitpid(pid, &status, WNOHANG));
	close(release);
	EXPECT("WNOHANG after the child ended answers its pid", poll_wait(pid, &status, 0) == pid);
	printf("its status: %s\n", status_text(status));

	pid = noux_fork();
	if (pid == 0) noux_exit(3);
	struct rusage usage;
	EXPECT("wait4 answers the pid", wait4(pid, &status, 0, &usage) == pid);
	printf("wait4 status: %s\n", status_text(status));
	pid = noux_fork();
	if (pid == 0) noux_exit(4);
	EXPECT("wait answers the pid", wait(&status) == pid);
	printf("wait status: %s\n", status_text(status));

	/* Three children; waitpid(-1) may collect them in any order, so count by status. */
	pid_t children[3];
	for (int i = 0; i < 3; i++) {
		children[i] = noux_fork();
		if (children[i] == 0) noux_exit(11 + i);
	}
	int seen = 0, pids_match = 1;
	for (int i = 0; i < 3; i++) {
		pid = waitpid(-1, &status, 0);
		if (pid < 0 || !WIFEXITED(status)) continue;
		int index = WEXITSTATUS(status) - 11;
		if (index >= 0 && index < 3) {
			seen |= 1 << index;
			if (children[index] != pid) pids_match = 0;
		}
	}
	EXPECT("waitpid(-1) collected all three", seen == 7);
	EXPECT("waitpid(-1) pids match their statuses", pids_match);
	FAILS("waitpid(-1) without children", waitpid(-1, &status, 0));
	FAILS("wait without children", wait(&status));
	FAILS("waitpid of a pid that is not a child", waitpid(getpid(), &status, 0));

	killed_by(SIGKILL);
	killed_by(SIGTERM);

	/* SIGABRT's default action ends the child; without a core file, so the test leaves nothing behind. */
	pid = noux_fork();
	if (pid == 0) {
		struct rlimit no_core = { 0, 0 };
		setrlimit(RLIMIT_CORE, &no_core);
		raise(SIGABRT);
		noux_exit(0);
	}
	status = noux_wait(pid);
	printf("child that raised SIGABRT: %s\n", status_text(status));

	/* Stopped and continued: what a shell's job control sees. */
	pid = blocked_child(&release, 0);
	CHECK("kill SIGSTOP", kill(pid, SIGSTOP));
	EXPECT("WUNTRACED answers the stopped child", poll_wait(pid, &status, WUNTRACED) == pid);
	printf("WIFSTOPPED %s, WSTOPSIG %s\n", WIFSTOPPED(status) ? "yes" : "no",
	       WIFSTOPPED(status) ? signal_name(WSTOPSIG(status)) : "-");
	VALUE("waitpid WNOHANG without WUNTRACED while stopped", waitpid(pid, &status, WNOHANG));
	CHECK("kill SIGCONT", kill(pid, SIGCONT));
	EXPECT("WCONTINUED answers the continued child", poll_wait(pid, &status, WCONTINUED) == pid);
	EXPECT("WIFCONTINUED", WIFCONTINUED(status));
	close(release);
	status = noux_wait(pid);
	printf("after continuing and release: %s\n", status_text(status));
	return 0;
}
