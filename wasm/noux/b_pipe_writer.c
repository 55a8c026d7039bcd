/*
 * b_pipe_writer BYTES: writes BYTES to standard output in blocks of
 * 64 KiB (the last one shorter), a pattern the reader does not check:
 * the writing end of b_pipe's pipe (bench/noux.ts).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOCK (64 * 1024)

int main(int argc, char **argv)
{
	long long left = argc > 1 ? strtoll(argv[1], NULL, 10) : -1;
	if (left < 0) {
		fprintf(stderr, "usage: b_pipe_writer BYTES\n");
		return 2;
	}
	static char block[BLOCK];
	memset(block, 'p', sizeof block);
	while (left > 0) {
		size_t want = left < BLOCK ? (size_t)left : BLOCK;
		ssize_t n = write(1, block, want);
		if (n <= 0) {
			perror("b_pipe_writer: write");
			return 1;
		}
		left -= n;
	}
	return 0;
}
