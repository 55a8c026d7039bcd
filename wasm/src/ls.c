/*
 * ls: lists directories (sorted by name) or names files. -a shows names
 * starting with '.', -l shows type, size and symlink targets.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int all, longform;

static char type_char(mode_t mode)
{
	return S_ISDIR(mode) ? 'd' : S_ISLNK(mode) ? 'l' : S_ISCHR(mode) ? 'c' : '-';
}

static void show(const char *directory, const char *name)
{
	if (!longform) { printf("%s\n", name); return; }
	char path[1024];
	if (directory != NULL) snprintf(path, sizeof path, "%s/%s", directory, name);
	else snprintf(path, sizeof path, "%s", name);
	struct stat st;
	if (lstat(path, &st) < 0) { printf("? %8s %s\n", "?", name); return; }
	printf("%c %8lld %s", type_char(st.st_mode), S_ISDIR(st.st_mode) ? 0LL : (long long)st.st_size, name);
	if (S_ISLNK(st.st_mode)) {
		char target[1024];
		ssize_t n = readlink(path, target, sizeof target - 1);
		if (n >= 0) { target[n] = 0; printf(" -> %s", target); }
	}
	putchar('\n');
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list(const char *path, int heading)
{
	struct stat st;
	if (lstat(path, &st) < 0) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (!S_ISDIR(st.st_mode)) { show(NULL, path); return 0; }
	DIR *dir = opendir(path);
	if (dir == NULL) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	size_t count = 0, capacity = 64;
	char **names = malloc(capacity * sizeof *names);
	for (struct dirent *entry; (entry = readdir(dir)) != NULL;) {
		if (entry->d_name[0] == '.' && !all) continue;
		if (count == capacity) names = realloc(names, (capacity *= 2) * sizeof *names);
		names[count++] = strdup(entry->d_name);
	}
	closedir(dir);
	qsort(names, count, sizeof *names, by_name);
	if (heading) printf("%s:\n", path);
	for (size_t i = 0; i < count; i++) { show(path, names[i]); free(names[i]); }
	free(names);
	return 0;
}

int main(int argc, char **argv)
{
	int first = 1;
	for (; first < argc && argv[first][0] == '-' && argv[first][1] != '\0'; first++) {
		for (const char *flag = argv[first] + 1; *flag; flag++) {
			if (*flag == 'a') all = 1;
			else if (*flag == 'l') longform = 1;
			else { fprintf(stderr, "ls: unknown option -%c\nusage: ls [-al] [path...]\n", *flag); return 2; }
		}
	}
	if (first == argc) return list(".", 0);
	int status = 0;
	for (int i = first; i < argc; i++) {
		if (i > first) putchar('\n');
		status |= list(argv[i], argc - first > 1);
	}
	return status;
}
