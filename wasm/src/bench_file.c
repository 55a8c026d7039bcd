/*
 * bench_file: sequential file throughput. SAMPLES times: creates PATH,
 * writes SIZE bytes to it in CHUNK-byte write(2) calls, seeks back, reads
 * it in CHUNK-byte read(2) calls, checks a few bytes of every chunk,
 * closes and removes it. Prints each phase's time as measured with
 * CLOCK_MONOTONIC.
 *
 *   bench_file /data/big 268435456 65536 3
 *   sample 0: write 268435456 bytes in 123456789 ns, read in 98765432 ns
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

static int fail(const char *what, const char *path)
{
	fprintf(stderr, "bench_file: %s of %s: %s\n", what, path, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: bench_file PATH SIZE CHUNK SAMPLES\n");
		return 2;
	}
	const char *path = argv[1];
	long long size = strtoll(argv[2], NULL, 10);
	size_t chunk = (size_t)strtoul(argv[3], NULL, 10);
	long samples = strtol(argv[4], NULL, 10);
	if (size <= 0 || chunk == 0 || samples <= 0 || size % (long long)chunk != 0) {
		fprintf(stderr, "bench_file: SIZE, CHUNK and SAMPLES must be positive, SIZE a multiple of CHUNK\n");
		return 2;
	}
	unsigned char *data = malloc(chunk), *back = malloc(chunk);
	if (data == NULL || back == NULL) {
		fprintf(stderr, "bench_file: no memory for two buffers of %zu bytes\n", chunk);
		return 1;
	}
	for (size_t i = 0; i < chunk; i++) data[i] = (unsigned char)(i * 7);

	for (long sample = 0; sample < samples; sample++) {
		int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
		if (fd < 0) return fail("open", path);
		long long start = now_ns();
		for (long long at = 0; at < size; at += chunk) {
			/* a different first byte per chunk: a read that returns the wrong chunk is caught */
			data[0] = (unsigned char)(at / chunk);
			if (write(fd, data, chunk) != (ssize_t)chunk) return fail("write", path);
		}
		long long written = now_ns() - start;
		if (lseek(fd, 0, SEEK_SET) != 0) return fail("seek", path);
		start = now_ns();
		for (long long at = 0; at < size; at += chunk) {
			if (read(fd, back, chunk) != (ssize_t)chunk) return fail("read", path);
			if (back[0] != (unsigned char)(at / chunk) || back[chunk - 1] != data[chunk - 1]) {
				fprintf(stderr, "bench_file: %s: other data read back at %lld\n", path, at);
				return 1;
			}
		}
		long long read_ns = now_ns() - start;
		if (close(fd) != 0) return fail("close", path);
		if (unlink(path) != 0) return fail("unlink", path);
		printf("sample %ld: write %lld bytes in %lld ns, read in %lld ns\n", sample, size, written, read_ns);
		fflush(stdout);
	}
	free(data);
	free(back);
	return 0;
}
