/*
 * grep: prints the lines of files (or standard input) that match a
 * regular expression. -i ignores case, -v inverts, -n numbers, -c counts,
 * -E takes extended expressions, -F fixed strings. Exits 0 if a line
 * matched, 1 if none did, 2 on errors.
 */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int ignore_case, invert, numbers, count_only, extended, fixed;

static int matches(const regex_t *regex, const char *pattern, const char *line)
{
	if (!fixed) return regexec(regex, line, 0, NULL, 0) == 0;
	if (!ignore_case) return strstr(line, pattern) != NULL;
	size_t length = strlen(pattern);
	for (const char *at = line; *at; at++) if (strncasecmp(at, pattern, length) == 0) return 1;
	return length == 0;
}

static long search(const regex_t *regex, const char *pattern, FILE *in, const char *name)
{
	char *line = NULL;
	size_t capacity = 0;
	long number = 0, found = 0;
	ssize_t length;
	while ((length = getline(&line, &capacity, in)) >= 0) {
		number++;
		if (length > 0 && line[length - 1] == '\n') line[length - 1] = '\0';
		if (matches(regex, pattern, line) == invert) continue;
		found++;
		if (count_only) continue;
		if (name != NULL) printf("%s:", name);
		if (numbers) printf("%ld:", number);
		printf("%s\n", line);
	}
	free(line);
	if (count_only) {
		if (name != NULL) printf("%s:", name);
		printf("%ld\n", found);
	}
	return found;
}

int main(int argc, char **argv)
{
	int first = 1;
	for (; first < argc && argv[first][0] == '-' && argv[first][1] != '\0'; first++) {
		for (const char *flag = argv[first] + 1; *flag; flag++) {
			switch (*flag) {
			case 'i': ignore_case = 1; break;
			case 'v': invert = 1; break;
			case 'n': numbers = 1; break;
			case 'c': count_only = 1; break;
			case 'E': extended = 1; break;
			case 'F': fixed = 1; break;
			default: fprintf(stderr, "grep: unknown option -%c\nusage: grep [-ivncEF] pattern [file...]\n", *flag); return 2;
			}
		}
	}
	if (first >= argc) { fprintf(stderr, "usage: grep [-ivncEF] pattern [file...]\n"); return 2; }
	const char *pattern = argv[first++];
	regex_t regex;
	if (!fixed) {
		int error = regcomp(&regex, pattern, REG_NOSUB | (extended ? REG_EXTENDED : 0) | (ignore_case ? REG_ICASE : 0));
		if (error != 0) {
			char message[128];
			regerror(error, &regex, message, sizeof message);
			fprintf(stderr, "grep: %s: %s\n", pattern, message);
			return 2;
		}
	}
	long found = 0;
	int status = 0, files = argc - first;
	if (files == 0) found += search(&regex, pattern, stdin, NULL);
	for (int i = first; i < argc; i++) {
		FILE *in = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
		if (in == NULL) { fprintf(stderr, "grep: %s: %s\n", argv[i], strerror(errno)); status = 2; continue; }
		found += search(&regex, pattern, in, files > 1 ? argv[i] : NULL);
		if (in != stdin) fclose(in);
	}
	if (!fixed) regfree(&regex);
	return status != 0 ? status : found > 0 ? 0 : 1;
}
