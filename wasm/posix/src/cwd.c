/*
 * The working directory is wasi-libc's (a path it keeps per process, so a
 * fork copies it); these wrappers add what POSIX demands and wasi-libc
 * does not check: chdir("") is ENOENT, getcwd into a buffer of size 0 is
 * EINVAL (the linker routes the calls here: -Wl,--wrap=chdir,--wrap=getcwd).
 * fchdir, which wasi-libc has not, asks noux for the path of the
 * directory the descriptor names and goes there.
 *
 * An empty path names no file (POSIX: ENOENT), but wasi-libc's working
 * directory joins it to the directory's path, so stat(""), open("") and
 * the like found the working directory (`ls -d ""` listed it, and bash's
 * `**` / globstar matched an empty word). Every path relative to the
 * working directory passes wasi-libc's __wasilibc_find_relpath_alloc
 * (the one of its working directory), which here keeps an empty path
 * empty, and noux answers an empty path with ENOENT
 * (-Wl,--wrap=__wasilibc_find_relpath_alloc).
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <unistd.h>
#include "noux.h"

int __real_chdir(const char *path);
int __real___wasilibc_find_relpath_alloc(const char *path, const char **abs, char **relative, size_t *relative_len, int can_realloc);

int __wrap___wasilibc_find_relpath_alloc(const char *path, const char **abs, char **relative, size_t *relative_len, int can_realloc)
{
	if (path && *path == 0) {
		/* The root's preopen with an empty path under it, which noux answers with ENOENT (its callers would turn a failure here into ENOTCAPABLE). */
		int fd = __real___wasilibc_find_relpath_alloc("/", abs, relative, relative_len, can_realloc);
		if (fd >= 0 && *relative) **relative = 0;
		return fd;
	}
	return __real___wasilibc_find_relpath_alloc(path, abs, relative, relative_len, can_realloc);
}

char *__real_getcwd(char *buffer, size_t size);

int __wrap_chdir(const char *path)
{
	if (path && *path == 0) {
		errno = ENOENT;
		return -1;
	}
	return __real_chdir(path);
}

char *__wrap_getcwd(char *buffer, size_t size)
{
	if (buffer && size == 0) {
		errno = EINVAL;
		return 0;
	}
	return __real_getcwd(buffer, size);
}

int fchdir(int fd)
{
	char path[PATH_MAX];
	int length = __noux_fd_path(fd, path, sizeof path);
	if (length < 0) {
		errno = -length;
		return -1;
	}
	return __wrap_chdir(path);
}
