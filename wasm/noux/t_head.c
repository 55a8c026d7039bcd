/*
 * t_head N: copies the first N lines of standard input and exits without
 * reading the rest, so the writer before it in a pipeline meets a pipe
 * without readers (t_pipeline checks that the writer ends by SIGPIPE).
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	long wanted = argc > 1 ? atol(argv[1]) : 10;
	char line[256];
	for (long i = 0; i < wanted && fgets(line, sizeof line, stdin) != NULL; i++)
		if (fputs(line, stdout) < 0) return 1;
	return fflush(stdout) == 0 ? 0 : 1;
}
