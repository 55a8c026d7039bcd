/*
 * t_gen N: prints the numbers 1 to N, one per line; the head of the
 * pipelines in t_pipeline and the nsh tests. Written with stdio, so its
 * output leaves in buffer-sized writes as a real producer's does; a
 * reader that goes away ends it with SIGPIPE.
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	long count = argc > 1 ? atol(argv[1]) : 10;
	for (long i = 1; i <= count; i++)
		if (printf("%ld\n", i) < 0) return 1;
	return fflush(stdout) == 0 ? 0 : 1;
}
