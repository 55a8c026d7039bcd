/*
 * popen, pclose and system for programs on noux: a child by fork that
 * runs `/bin/sh -c COMMAND` (execl), as POSIX describes them, with the
 * pipe's other end as its standard input or output. wasi-libc has none
 * (WASI starts no processes); GNU awk's `cmd | getline`, `print | cmd`
 * and system() need them.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

/* The streams popen opened and their children, for pclose (and for closing in later children, as POSIX asks). */
struct popen_child {
	FILE *stream;
	pid_t pid;
	struct popen_child *next;
};

static struct popen_child *popen_children;

FILE *popen(const char *command, const char *mode)
{
	if ((mode[0] != 'r' && mode[0] != 'w') || (mode[1] != '\0' && mode[1] != 'e')) {
		errno = EINVAL;
		return NULL;
	}
	int reading = mode[0] == 'r';
	struct popen_child *child = malloc(sizeof *child);
	if (child == NULL) return NULL;
	int ends[2];
	if (pipe(ends) < 0) {
		free(child);
		return NULL;
	}
	int ours = reading ? ends[0] : ends[1];
	int theirs = reading ? ends[1] : ends[0];
	pid_t pid = fork();
	if (pid < 0) {
		int error = errno;
		close(ends[0]);
		close(ends[1]);
		free(child);
		errno = error;
		return NULL;
	}
	if (pid == 0) {
		int target = reading ? STDOUT_FILENO : STDIN_FILENO;
		close(ours);
		if (theirs != target) {
			dup2(theirs, target);
			close(theirs);
		}
		for (struct popen_child *other = popen_children; other != NULL; other = other->next)
			close(fileno(other->stream));
		execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	close(theirs);
	FILE *stream = fdopen(ours, reading ? "r" : "w");
	if (stream == NULL) {
		int error = errno;
		close(ours);
		waitpid(pid, NULL, 0);
		free(child);
		errno = error;
		return NULL;
	}
	child->stream = stream;
	child->pid = pid;
	child->next = popen_children;
	popen_children = child;
	return stream;
}

int pclose(FILE *stream)
{
	struct popen_child **link = &popen_children;
	while (*link != NULL && (*link)->stream != stream) link = &(*link)->next;
	struct popen_child *child = *link;
	if (child == NULL) {
		errno = ECHILD;
		return -1;
	}
	*link = child->next;
	pid_t pid = child->pid;
	free(child);
	fclose(stream);
	int status;
	pid_t got;
	do got = waitpid(pid, &status, 0);
	while (got < 0 && errno == EINTR);
	return got < 0 ? -1 : status;
}

int system(const char *command)
{
	/* A shell is there (noux runs /bin/sh from the fstab, if any): say so. */
	if (command == NULL) return access("/bin/sh", F_OK) == 0;
	struct sigaction ignore = { .sa_handler = SIG_IGN }, old_int, old_quit;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	sigset_t block, old_mask;
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old_mask);
	int status = -1;
	pid_t pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	if (pid > 0) {
		pid_t got;
		do got = waitpid(pid, &status, 0);
		while (got < 0 && errno == EINTR);
		if (got < 0) status = -1;
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	return status;
}
