/*
 * b_forkexec ROUNDS CYCLES: what a process costs (bench/noux.ts). Each
 * round times, with CLOCK_MONOTONIC, CYCLES of fork + _exit in the child
 * + waitpid, then CYCLES of fork + execvp("b_true -q") + waitpid, and
 * prints the mean per cycle of each. The first is the fork alone (a new
 * process with a copy of this one's memory), the difference between the
 * two is the exec (loading and starting a program) and the exit.
 * b_true is found through PATH. Round 0 is a warm-up the benchmark drops.
 *
 *   fork+exit+wait round 1: 20 cycles in 123456789 ns, 6172839 ns per cycle
 *   fork+exec+wait round 1: 20 cycles in 234567890 ns, 11728394 ns per cycle
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include "b_clock.h"

/* One cycle: a child that exits at once or execs b_true, reaped. 0 if it exited with 0. */
static int cycle(int exec)
{
	pid_t pid = fork();
	if (pid < 0) {
		perror("b_forkexec: fork");
		return -1;
	}
	if (pid == 0) {
		if (exec) {
			char *argv[] = { "b_true", "-q", NULL };
			execvp(argv[0], argv);
			perror("b_forkexec: execvp b_true");
			_exit(127);
		}
		_exit(0);
	}
	int status;
	if (waitpid(pid, &status, 0) != pid) {
		perror("b_forkexec: waitpid");
		return -1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "b_forkexec: child ended with status 0x%x\n", status);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	long rounds = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
	long cycles = argc > 2 ? strtol(argv[2], NULL, 10) : 0;
	if (rounds <= 0 || cycles <= 0 || rounds > 1000 || cycles > 100000) {
		fprintf(stderr, "usage: b_forkexec ROUNDS CYCLES (1..1000, 1..100000)\n");
		return 2;
	}
	static const char *const what[] = { "fork+exit+wait", "fork+exec+wait" };
	for (long round = 0; round < rounds; round++) {
		for (int exec = 0; exec <= 1; exec++) {
			/* Nothing buffered may be copied into a child. */
			fflush(stdout);
			long long start = now_ns();
			for (long i = 0; i < cycles; i++)
				if (cycle(exec) != 0) return 1;
			long long elapsed = now_ns() - start;
			printf("%s round %ld: %ld cycles in %lld ns, %lld ns per cycle\n", what[exec], round, cycles, elapsed, elapsed / cycles);
		}
	}
	fflush(stdout);
	return 0;
}
