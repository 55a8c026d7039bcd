/* cat: concatenates files (or "-", standard input) to standard output. -n numbers the lines. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

static int number_lines;
static long line_number = 1;
static int at_line_start = 1;

static int copy(FILE *in)
{
	char buffer[8192];
	size_t n;
	while ((n = fread(buffer, 1, sizeof buffer, in)) > 0) {
		if (!number_lines) {
			if (fwrite(buffer, 1, n, stdout) != n) return -1;
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			if (at_line_start) printf("%6ld\t", line_number++);
			putchar(buffer[i]);
			at_line_start = buffer[i] == '\n';
		}
	}
	return ferror(in) ? -1 : 0;
}

int main(int argc, char **argv)
{
	int status = 0, files = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-n") == 0) { number_lines = 1; continue; }
		files++;
		FILE *in = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
		if (in == NULL || copy(in) < 0) {
			fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
		if (in != NULL && in != stdin) fclose(in);
	}
	if (files == 0 && copy(stdin) < 0) {
		fprintf(stderr, "cat: stdin: %s\n", strerror(errno));
		status = 1;
	}
	return status;
}
