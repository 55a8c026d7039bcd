/*
 * b_true: the smallest program of the noux benchmarks (bench/noux.ts), a
 * /bin/true with a sign of life. It prints one line and exits with 0; the
 * noux start benchmark times from noux's start to that line. With -q it
 * prints nothing: b_forkexec runs it that way, hundreds of times.
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "-q") == 0) return 0;
	puts("b_true: up");
	return 0;
}
