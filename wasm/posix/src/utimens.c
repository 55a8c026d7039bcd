/*
 * utimensat and futimens (-Wl,--wrap=utimensat,--wrap=futimens): Debian's
 * wasi-libc answers UTIME_NOW or UTIME_OMIT in one field beside the
 * other field with EINVAL, so `touch -m` and `touch -a` failed ("setting
 * times: Invalid argument"). WASI has a flag for each case (that field
 * "now", or left alone); these functions convert the times themselves
 * and make WASI's call. A path relative to the working directory is
 * resolved by wasi-libc as its own functions do (cwd.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <sys/stat.h>
#include <wasi/api.h>
#include <wasi/libc-find-relpath.h>

/* One field: its time and flags; 0, or EINVAL for a time WASI cannot hold. */
static int field(const struct timespec *time, __wasi_timestamp_t *stamp, __wasi_fstflags_t set, __wasi_fstflags_t now,
                 __wasi_fstflags_t *flags)
{
	*stamp = 0;
	if (time->tv_nsec == UTIME_NOW) {
		*flags |= now;
		return 0;
	}
	if (time->tv_nsec == UTIME_OMIT) return 0;
	if (time->tv_nsec < 0 || time->tv_nsec >= 1000000000 || time->tv_sec < 0) return EINVAL;
	*stamp = (__wasi_timestamp_t)time->tv_sec * 1000000000u + (__wasi_timestamp_t)time->tv_nsec;
	*flags |= set;
	return 0;
}

/* `times` as WASI's: both "now" for NULL, as utimensat has it. */
static int timestamps(const struct timespec times[2], __wasi_timestamp_t *atim, __wasi_timestamp_t *mtim, __wasi_fstflags_t *flags)
{
	*flags = 0;
	if (times == NULL) {
		*atim = *mtim = 0;
		*flags = __WASI_FSTFLAGS_ATIM_NOW | __WASI_FSTFLAGS_MTIM_NOW;
		return 0;
	}
	int error = field(&times[0], atim, __WASI_FSTFLAGS_ATIM, __WASI_FSTFLAGS_ATIM_NOW, flags);
	return error ? error : field(&times[1], mtim, __WASI_FSTFLAGS_MTIM, __WASI_FSTFLAGS_MTIM_NOW, flags);
}

static int result(int error)
{
	if (error == 0) return 0;
	errno = error;
	return -1;
}

int __wrap_futimens(int fd, const struct timespec times[2])
{
	__wasi_timestamp_t atim, mtim;
	__wasi_fstflags_t flags;
	int error = timestamps(times, &atim, &mtim, &flags);
	return result(error ? error : __wasi_fd_filestat_set_times(fd, atim, mtim, flags));
}

int __wrap_utimensat(int fd, const char *path, const struct timespec times[2], int flag)
{
	__wasi_timestamp_t atim, mtim;
	__wasi_fstflags_t flags;
	int error = timestamps(times, &atim, &mtim, &flags);
	if (error) return result(error);
	if ((flag & ~AT_SYMLINK_NOFOLLOW) != 0) return result(EINVAL);
	__wasi_lookupflags_t lookup = (flag & AT_SYMLINK_NOFOLLOW) ? 0 : __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;
	if (fd != AT_FDCWD) return result(__wasi_path_filestat_set_times(fd, lookup, path, atim, mtim, flags));
	/* A buffer kept for the relative path, as wasi-libc keeps its own (one thread). */
	static char *relative;
	static size_t relative_len;
	const char *abs;
	int dir = __wasilibc_find_relpath_alloc(path, &abs, &relative, &relative_len, 1);
	if (dir == -1) return result(ENOENT);
	return result(__wasi_path_filestat_set_times(dir, lookup, relative, atim, mtim, flags));
}
