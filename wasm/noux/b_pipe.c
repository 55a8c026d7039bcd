/*
 * b_pipe MIB ROUNDS: pipe throughput (bench/noux.ts). Each round runs
 * `b_pipe_writer BYTES | b_pipe_reader BYTES` as a shell would (pipe,
 * fork, dup2, execvp through PATH) and waits for both. The reader times
 * the transfer and prints it; starting the two processes is not part of
 * the figure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Runs `argv` with `fd` as its descriptor `as`; both pipe ends closed in the child otherwise. */
static pid_t spawn(char **argv, const int pipe_fds[2], int fd, int as)
{
	pid_t pid = fork();
	if (pid != 0) return pid;
	if (dup2(fd, as) < 0) {
		perror("b_pipe: dup2");
		_exit(126);
	}
	close(pipe_fds[0]);
	close(pipe_fds[1]);
	execvp(argv[0], argv);
	perror("b_pipe: execvp");
	_exit(127);
}

static int reap(pid_t pid, const char *name)
{
	int status;
	if (waitpid(pid, &status, 0) != pid) {
		perror("b_pipe: waitpid");
		return -1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "b_pipe: %s ended with status 0x%x\n", name, status);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	long mib = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
	long rounds = argc > 2 ? strtol(argv[2], NULL, 10) : 0;
	if (mib <= 0 || rounds <= 0 || mib > 65536 || rounds > 100) {
		fprintf(stderr, "usage: b_pipe MIB ROUNDS\n");
		return 2;
	}
	char bytes[32];
	snprintf(bytes, sizeof bytes, "%lld", (long long)mib * 1024 * 1024);
	char *writer[] = { "b_pipe_writer", bytes, NULL };
	char *reader[] = { "b_pipe_reader", bytes, NULL };
	for (long round = 0; round < rounds; round++) {
		int fds[2];
		if (pipe(fds) != 0) {
			perror("b_pipe: pipe");
			return 1;
		}
		fflush(stdout);
		pid_t writing = spawn(writer, fds, fds[1], 1);
		pid_t reading = spawn(reader, fds, fds[0], 0);
		close(fds[0]);
		close(fds[1]);
		if (writing < 0 || reading < 0) {
			perror("b_pipe: fork");
			return 1;
		}
		if (reap(writing, "b_pipe_writer") != 0 || reap(reading, "b_pipe_reader") != 0) return 1;
	}
	return 0;
}
