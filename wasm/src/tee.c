/* tee: copies standard input to standard output and to each file; -a appends instead of replacing. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	int first = 1, status = 0;
	const char *mode = "w";
	if (argc > 1 && strcmp(argv[1], "-a") == 0) { mode = "a"; first++; }
	FILE *files[64];
	int count = 0;
	for (int i = first; i < argc && count < 64; i++) {
		FILE *file = fopen(argv[i], mode);
		if (file == NULL) { fprintf(stderr, "tee: %s: %s\n", argv[i], strerror(errno)); status = 1; continue; }
		files[count++] = file;
	}
	char buffer[4096];
	size_t n;
	while ((n = fread(buffer, 1, sizeof buffer, stdin)) > 0) {
		fwrite(buffer, 1, n, stdout);
		for (int i = 0; i < count; i++) if (fwrite(buffer, 1, n, files[i]) != n) status = 1;
	}
	for (int i = 0; i < count; i++) {
		if (fclose(files[i]) != 0) { fprintf(stderr, "tee: %s\n", strerror(errno)); status = 1; }
	}
	return status;
}
