/* wc: counts lines, words and bytes of files (or standard input); -l, -w, -c select counts. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

static int show_lines, show_words, show_bytes;

static void print(long lines, long words, long bytes, const char *name)
{
	if (show_lines) printf("%7ld", lines);
	if (show_words) printf(" %7ld", words);
	if (show_bytes) printf(" %7ld", bytes);
	if (name != NULL) printf(" %s", name);
	putchar('\n');
}

int main(int argc, char **argv)
{
	int first = 1;
	for (; first < argc && argv[first][0] == '-' && argv[first][1] != '\0'; first++) {
		for (const char *flag = argv[first] + 1; *flag; flag++) {
			if (*flag == 'l') show_lines = 1;
			else if (*flag == 'w') show_words = 1;
			else if (*flag == 'c') show_bytes = 1;
			else { fprintf(stderr, "wc: unknown option -%c\nusage: wc [-lwc] [file...]\n", *flag); return 2; }
		}
	}
	if (!show_lines && !show_words && !show_bytes) show_lines = show_words = show_bytes = 1;
	long total_lines = 0, total_words = 0, total_bytes = 0;
	int status = 0, files = argc - first;
	for (int i = first; i < argc || (files == 0 && i == first); i++) {
		const char *name = files == 0 ? NULL : argv[i];
		FILE *in = name == NULL || strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
		if (in == NULL) {
			fprintf(stderr, "wc: %s: %s\n", name, strerror(errno));
			status = 1;
			continue;
		}
		long lines = 0, words = 0, bytes = 0;
		int in_word = 0;
		for (int c; (c = getc(in)) != EOF;) {
			bytes++;
			if (c == '\n') lines++;
			if (isspace(c)) in_word = 0;
			else if (!in_word) { in_word = 1; words++; }
		}
		if (in != stdin) fclose(in);
		print(lines, words, bytes, name);
		total_lines += lines; total_words += words; total_bytes += bytes;
	}
	if (files > 1) print(total_lines, total_words, total_bytes, "total");
	return status;
}
