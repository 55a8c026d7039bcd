/*
 * linkat (-Wl,--wrap=linkat): Debian's wasi-libc resolves both paths of a
 * linkat relative to the working directory (AT_FDCWD) into one buffer, so
 * the new name's path was passed as the old one too (linkat(AT_FDCWD,
 * "a", AT_FDCWD, "b", 0) asked to link b to b: ENOENT). GNU ln calls it
 * so, and with AT_SYMLINK_FOLLOW (coreutils' configure could not tell
 * whether link follows symlinks and took "yes"). This linkat resolves
 * each path into a buffer of its own and makes WASI's call.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <unistd.h>
#include <wasi/api.h>
#include <wasi/libc-find-relpath.h>

/* `path` from `dirfd` as WASI wants it: a directory descriptor and the path under it, in `buffer` for one relative to the working directory. */
static int resolve(int dirfd, const char *path, char **buffer, size_t *length, const char **relative)
{
	*relative = path;
	if (dirfd != AT_FDCWD) return dirfd;
	const char *abs;
	int fd = __wasilibc_find_relpath_alloc(path, &abs, buffer, length, 1);
	*relative = *buffer;
	return fd;
}

int __wrap_linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)
{
	if ((flags & ~AT_SYMLINK_FOLLOW) != 0) {
		errno = EINVAL;
		return -1;
	}
	/* Buffers kept for the relative paths, as wasi-libc keeps its own (one thread). */
	static char *old_buffer, *new_buffer;
	static size_t old_length, new_length;
	const char *old_relative, *new_relative;
	int oldfd = resolve(olddirfd, oldpath, &old_buffer, &old_length, &old_relative);
	int newfd = resolve(newdirfd, newpath, &new_buffer, &new_length, &new_relative);
	if (oldfd == -1 || newfd == -1) {
		errno = ENOENT;
		return -1;
	}
	__wasi_lookupflags_t lookup = (flags & AT_SYMLINK_FOLLOW) ? __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW : 0;
	__wasi_errno_t error = __wasi_path_link(oldfd, lookup, old_relative, newfd, new_relative);
	if (error != 0) {
		errno = error;
		return -1;
	}
	return 0;
}
