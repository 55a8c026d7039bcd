/*
 * b_syscall CALLS ROUNDS: the cost of a system call (bench/noux.ts). Each
 * round times, with CLOCK_MONOTONIC, CALLS calls of getppid(), of
 * getpgid(0) and of write() of 1 byte to /dev/null, and prints the total
 * of each. Under noux getppid is answered inside the process (noux keeps
 * the parent's pid in memory shared with it), getpgid and write are a
 * round trip to noux each. Round 0 is a warm-up the benchmark drops.
 *
 *   getppid round 1: 100000 calls in 1234567 ns
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "b_clock.h"

int main(int argc, char **argv)
{
	long calls = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
	long rounds = argc > 2 ? strtol(argv[2], NULL, 10) : 0;
	if (calls <= 0 || rounds <= 0 || calls > 100000000 || rounds > 1000) {
		fprintf(stderr, "usage: b_syscall CALLS ROUNDS\n");
		return 2;
	}
	int null = open("/dev/null", O_WRONLY);
	if (null < 0) {
		perror("b_syscall: /dev/null");
		return 1;
	}
	for (long round = 0; round < rounds; round++) {
		long long start = now_ns();
		for (long i = 0; i < calls; i++) (void)getppid();
		long long elapsed = now_ns() - start;
		printf("getppid round %ld: %ld calls in %lld ns\n", round, calls, elapsed);

		start = now_ns();
		for (long i = 0; i < calls; i++) (void)getpgid(0);
		elapsed = now_ns() - start;
		printf("getpgid round %ld: %ld calls in %lld ns\n", round, calls, elapsed);

		start = now_ns();
		for (long i = 0; i < calls; i++) {
			if (write(null, "x", 1) != 1) {
				perror("b_syscall: write /dev/null");
				return 1;
			}
		}
		elapsed = now_ns() - start;
		printf("write round %ld: %ld calls in %lld ns\n", round, calls, elapsed);
		fflush(stdout);
	}
	return 0;
}
