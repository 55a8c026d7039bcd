/*
 * t_filter: copies the lines of standard input that hold an even number
 * to standard output, the middle of the pipelines in t_pipeline: it reads
 * one pipe and writes another, so it sees both an end of file and a
 * reader.
 */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	char line[256];
	while (fgets(line, sizeof line, stdin) != NULL)
		if (atol(line) % 2 == 0 && fputs(line, stdout) < 0) return 1;
	return fflush(stdout) == 0 ? 0 : 1;
}
