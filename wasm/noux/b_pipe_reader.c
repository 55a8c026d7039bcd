/*
 * b_pipe_reader BYTES: reads standard input to its end in calls of
 * 64 KiB, counts the bytes and prints how long it took, timed with
 * CLOCK_MONOTONIC from the first byte's arrival (so the writer's start is
 * not part of it) to the end of file: the reading end of b_pipe's pipe
 * (bench/noux.ts). Exits with 1 unless it got BYTES.
 *
 *   pipe: 268435456 bytes in 123456789 ns
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "b_clock.h"

#define BLOCK (64 * 1024)

int main(int argc, char **argv)
{
	long long expected = argc > 1 ? strtoll(argv[1], NULL, 10) : -1;
	if (expected < 0) {
		fprintf(stderr, "usage: b_pipe_reader BYTES\n");
		return 2;
	}
	static char block[BLOCK];
	long long total = 0, start = 0;
	for (;;) {
		ssize_t n = read(0, block, sizeof block);
		if (n < 0) {
			perror("b_pipe_reader: read");
			return 1;
		}
		if (n == 0) break;
		/* The clock starts when the first bytes are here; they count, the wait for them does not. */
		if (total == 0) start = now_ns();
		total += n;
	}
	long long elapsed = now_ns() - start;
	printf("pipe: %lld bytes in %lld ns\n", total, elapsed);
	if (total != expected) {
		fprintf(stderr, "b_pipe_reader: got %lld bytes of %lld\n", total, expected);
		return 1;
	}
	return 0;
}
