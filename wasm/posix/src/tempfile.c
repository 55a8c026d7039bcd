/*
 * Temporary files from a template (mkstemp, mkdtemp, mktemp and their
 * variants), which wasi-libc leaves out because plain WASI has no
 * temporary directory: under noux they are made where the template
 * says, as musl makes them: its last six X (before a suffix of `suffix`
 * bytes) replaced by random letters and digits until a name is free, at
 * most TMP_MAX times. (tmpfile and tmpnam are still missing: nothing
 * ported needs them.)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* TMP_MAX of musl, which wasi-libc's <stdio.h> hides with the rest. */
enum { ATTEMPTS = 10000 };

static const char LETTERS[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/* The six X to replace, or NULL (errno EINVAL) when the template has none there. */
static char *placeholder(char *template, int suffix)
{
	size_t length = strlen(template);
	if (suffix < 0 || length < 6 || (size_t)suffix > length - 6 || memcmp(template + length - suffix - 6, "XXXXXX", 6) != 0) {
		errno = EINVAL;
		return NULL;
	}
	return template + length - suffix - 6;
}

/* Random characters from WASI's random_get (wasi-libc's arc4random). */
static void fill(char *at)
{
	for (int i = 0; i < 6; i++) at[i] = LETTERS[arc4random_uniform(sizeof LETTERS - 1)];
}

int mkostemps(char *template, int suffix, int flags)
{
	char *at = placeholder(template, suffix);
	if (at == NULL) return -1;
	for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
		fill(at);
		int fd = open(template, O_RDWR | O_CREAT | O_EXCL | (flags & ~O_ACCMODE), 0600);
		if (fd >= 0 || errno != EEXIST) {
			if (fd < 0) memcpy(at, "XXXXXX", 6);
			return fd;
		}
	}
	memcpy(at, "XXXXXX", 6);
	errno = EEXIST;
	return -1;
}

int mkstemps(char *template, int suffix) { return mkostemps(template, suffix, 0); }
int mkostemp(char *template, int flags) { return mkostemps(template, 0, flags); }
int mkstemp(char *template) { return mkostemps(template, 0, 0); }

char *mkdtemp(char *template)
{
	char *at = placeholder(template, 0);
	if (at == NULL) return NULL;
	for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
		fill(at);
		if (mkdir(template, 0700) == 0) return template;
		if (errno != EEXIST) break;
	}
	memcpy(at, "XXXXXX", 6);
	return NULL;
}

/* A name that was free a moment ago (the caller races whoever comes next: POSIX's own warning), or "" */
char *mktemp(char *template)
{
	char *at = placeholder(template, 0);
	if (at == NULL) {
		if (strlen(template) > 0) *template = 0;
		return template;
	}
	for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
		fill(at);
		struct stat info;
		if (lstat(template, &info) != 0) {
			if (errno == ENOENT) return template;
			break;
		}
	}
	*template = 0;
	return template;
}
