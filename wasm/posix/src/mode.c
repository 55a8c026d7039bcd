/*
 * Permissions and owners. Noux's file systems keep neither mode bits nor
 * owners (Genode's VFS has a writeable flag per file system, not per
 * file), and noux has one user: these calls succeed for a node that
 * exists and change nothing (docs/noux.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	(void)mode;
	struct stat st;
	return fstatat(dirfd, path, &st, flags & AT_SYMLINK_NOFOLLOW);
}
int chmod(const char *path, mode_t mode) { return fchmodat(AT_FDCWD, path, mode, 0); }
int lchmod(const char *path, mode_t mode) { return fchmodat(AT_FDCWD, path, mode, AT_SYMLINK_NOFOLLOW); }
int fchmod(int fd, mode_t mode)
{
	(void)mode;
	struct stat st;
	return fstat(fd, &st);
}

int fchownat(int dirfd, const char *path, uid_t owner, gid_t group, int flags)
{
	(void)owner;
	(void)group;
	struct stat st;
	return fstatat(dirfd, path, &st, flags & AT_SYMLINK_NOFOLLOW);
}
int chown(const char *path, uid_t owner, gid_t group) { return fchownat(AT_FDCWD, path, owner, group, 0); }
int lchown(const char *path, uid_t owner, gid_t group) { return fchownat(AT_FDCWD, path, owner, group, AT_SYMLINK_NOFOLLOW); }
int fchown(int fd, uid_t owner, gid_t group)
{
	(void)owner;
	(void)group;
	struct stat st;
	return fstat(fd, &st);
}

int getdtablesize(void) { return 1024; }
