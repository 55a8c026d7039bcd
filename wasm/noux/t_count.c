/*
 * t_count: reads lines of numbers from standard input until end of file
 * and prints how many there were and their sum, the tail of the pipelines
 * in t_pipeline and the nsh tests: its output appears only if the end of
 * file arrived, that is if every copy of the pipe's write end was closed.
 */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	char line[256];
	long lines = 0, sum = 0;
	while (fgets(line, sizeof line, stdin) != NULL) {
		lines++;
		sum += atol(line);
	}
	printf("lines: %ld\nsum: %ld\n", lines, sum);
	return 0;
}
