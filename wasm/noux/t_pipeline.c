/*
 * t_pipeline: a shell's pipeline built by hand, as nsh builds it: one
 * pipe between each pair of commands, a fork per command, dup2 of the
 * pipe ends onto 0 and 1, every other pipe descriptor closed, then
 * execvp through PATH. "t_gen 1000 | t_filter | t_count" prints 500
 * lines summing to 250500 only if each process saw end of file, that is
 * if no process kept a stray write end open. "t_gen 1000000 | t_head 3 |
 * t_count" ends early: t_head exits after three lines and t_gen, still
 * writing megabytes, must die of SIGPIPE. The parent waits for each
 * command by pid and prints its status in pipeline order.
 */
#include "noux_check.h"

#define MAX_COMMANDS 8

static void run_pipeline(char **commands[], int count)
{
	pid_t pids[MAX_COMMANDS];
	int input = -1;
	for (int i = 0; i < count; i++) {
		int ends[2] = { -1, -1 };
		if (i + 1 < count && pipe(ends) < 0) {
			printf("pipe: %s\n", errno_name(errno));
			return;
		}
		pids[i] = noux_fork();
		if (pids[i] == 0) {
			if (input >= 0) {
				dup2(input, 0);
				close(input);
			}
			if (ends[1] >= 0) {
				dup2(ends[1], 1);
				close(ends[1]);
				close(ends[0]);
			}
			execvp(commands[i][0], commands[i]);
			fprintf(stderr, "%s: %s\n", commands[i][0], errno_name(errno));
			noux_exit(127);
		}
		/* The parent keeps only the read end the next command needs. */
		if (input >= 0) close(input);
		if (ends[1] >= 0) close(ends[1]);
		input = ends[0];
	}
	/* All are waited for before printing: t_count's lines come out before it exits. */
	int statuses[MAX_COMMANDS];
	for (int i = 0; i < count; i++) statuses[i] = pids[i] > 0 ? noux_wait(pids[i]) : -1;
	for (int i = 0; i < count; i++)
		printf("%s: %s\n", commands[i][0], statuses[i] >= 0 ? status_text(statuses[i]) : "not started");
}

int main(void)
{
	noux_start(60);
	/* A writer whose reader went away must see the default SIGPIPE, whatever the driver set. */
	signal(SIGPIPE, SIG_DFL);
	char *generate[] = { "t_gen", "1000", NULL };
	char *filter[] = { "t_filter", NULL };
	char *count[] = { "t_count", NULL };
	char **even_numbers[] = { generate, filter, count };
	printf("pipeline: t_gen 1000 | t_filter | t_count\n");
	run_pipeline(even_numbers, 3);

	char *generate_many[] = { "t_gen", "1000000", NULL };
	char *head[] = { "t_head", "3", NULL };
	char **early_end[] = { generate_many, head, count };
	printf("pipeline: t_gen 1000000 | t_head 3 | t_count\n");
	run_pipeline(early_end, 3);

	char *lonely[] = { "t_gen", "3", NULL };
	char **single[] = { lonely };
	printf("pipeline: t_gen 3\n");
	run_pipeline(single, 1);
	return 0;
}
