/*
 * The working directory is wasi-libc's (a path it keeps per process, so a
 * fork copies it); these wrappers add what POSIX demands and wasi-libc
 * does not check: chdir("") is ENOENT, getcwd into a buffer of size 0 is
 * EINVAL (the linker routes the calls here: -Wl,--wrap=chdir,--wrap=getcwd).
 * fchdir, which wasi-libc has not, asks noux for the path of the
 * directory the descriptor names and goes there.
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <unistd.h>
#include "noux.h"

int __real_chdir(const char *path);
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
