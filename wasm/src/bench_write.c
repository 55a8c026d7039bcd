/*
 * bench_write: the cost of one system call. For each SIZE, ROUNDS times:
 * writes COUNT buffers of SIZE bytes to PATH with write(2) (one fd_write
 * each, no stdio buffering), and prints the round's time as measured with
 * CLOCK_MONOTONIC, so that starting the program is not part of it.
 *
 *   bench_write /dev/null 1000000 5 1 64
 *   size 1 round 0: 1000000 writes in 123456789 ns
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	if (argc < 5) {
		fprintf(stderr, "usage: bench_write PATH COUNT ROUNDS SIZE...\n");
		return 2;
	}
	const char *path = argv[1];
	long count = strtol(argv[2], NULL, 10);
	long rounds = strtol(argv[3], NULL, 10);
	if (count <= 0 || rounds <= 0) {
		fprintf(stderr, "bench_write: COUNT and ROUNDS must be positive\n");
		return 2;
	}
	int fd = open(path, O_WRONLY);
	if (fd < 0) {
		fprintf(stderr, "bench_write: %s: %s\n", path, strerror(errno));
		return 1;
	}
	for (int arg = 4; arg < argc; arg++) {
		size_t size = (size_t)strtoul(argv[arg], NULL, 10);
		char *buffer = size == 0 ? NULL : malloc(size);
		if (buffer == NULL) {
			fprintf(stderr, "bench_write: SIZE \"%s\": must be positive, and fit in memory\n", argv[arg]);
			return 2;
		}
		memset(buffer, 'x', size);
		for (long round = 0; round < rounds; round++) {
			long long start = now_ns();
			for (long i = 0; i < count; i++) {
				if (write(fd, buffer, size) != (ssize_t)size) {
					fprintf(stderr, "bench_write: %s: short write: %s\n", path, strerror(errno));
					return 1;
				}
			}
			long long elapsed = now_ns() - start;
			printf("size %zu round %ld: %ld writes in %lld ns\n", size, round, count, elapsed);
			fflush(stdout);
		}
		free(buffer);
	}
	close(fd);
	return 0;
}
