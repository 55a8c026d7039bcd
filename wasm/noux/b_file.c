/*
 * b_file PATH BYTES: writes BYTES to the file PATH in calls of 64 KiB,
 * then reads it back to its end in calls of 64 KiB, and prints how long
 * each took, timed with CLOCK_MONOTONIC around the loops (opening and
 * removing the file are not part of it): the file I/O of bench/noux.ts,
 * a file system's data through noux as grep and sort move it. Exits with
 * 1 unless it read back BYTES.
 *
 *   file write: 104857600 bytes in 123456789 ns
 *   file read: 104857600 bytes in 123456789 ns
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "b_clock.h"

#define BLOCK (64 * 1024)

int main(int argc, char **argv)
{
	long long bytes = argc > 2 ? strtoll(argv[2], NULL, 10) : -1;
	if (bytes < 0) {
		fprintf(stderr, "usage: b_file PATH BYTES\n");
		return 2;
	}
	const char *path = argv[1];
	static char block[BLOCK];
	memset(block, 'x', sizeof block);

	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		perror("b_file: open for writing");
		return 1;
	}
	long long start = now_ns();
	for (long long left = bytes; left > 0;) {
		ssize_t n = write(fd, block, left < BLOCK ? (size_t)left : BLOCK);
		if (n <= 0) {
			perror("b_file: write");
			return 1;
		}
		left -= n;
	}
	printf("file write: %lld bytes in %lld ns\n", bytes, now_ns() - start);
	close(fd);

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror("b_file: open for reading");
		return 1;
	}
	long long total = 0;
	start = now_ns();
	for (;;) {
		ssize_t n = read(fd, block, sizeof block);
		if (n < 0) {
			perror("b_file: read");
			return 1;
		}
		if (n == 0) break;
		total += n;
	}
	printf("file read: %lld bytes in %lld ns\n", total, now_ns() - start);
	close(fd);
	unlink(path);
	if (total != bytes) {
		fprintf(stderr, "b_file: read %lld bytes of %lld\n", total, bytes);
		return 1;
	}
	return 0;
}
