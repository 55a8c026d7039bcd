/*
 * File system statistics (<sys/statvfs.h>, <sys/statfs.h>): neither WASI nor Genode's VFS
 * has them to tell, so a node that exists gets ENOSYS and one that does
 * not gets stat's error.
 */
#include <errno.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>

int statvfs(const char *restrict path, struct statvfs *restrict info)
{
	(void)info;
	struct stat st;
	if (stat(path, &st) != 0) return -1;
	errno = ENOSYS;
	return -1;
}

int fstatvfs(int fd, struct statvfs *info)
{
	(void)info;
	struct stat st;
	if (fstat(fd, &st) != 0) return -1;
	errno = ENOSYS;
	return -1;
}

int statfs(const char *path, struct statfs *info)
{
	(void)info;
	return statvfs(path, 0);
}

int fstatfs(int fd, struct statfs *info)
{
	(void)info;
	return fstatvfs(fd, 0);
}
