/*
 * <sys/statvfs.h> for programs on noux (wasi-libc has none): musl's
 * struct. Neither WASI nor Genode's VFS tells the size or the free space
 * of a file system, so statvfs and fstatvfs answer ENOSYS for a node that
 * exists (and the error of stat for one that does not): `df` and `stat -f`
 * say that they cannot tell.
 */
#ifndef _SYS_STATVFS_H
#define _SYS_STATVFS_H

#define __NEED_fsblkcnt_t
#define __NEED_fsfilcnt_t
#include <bits/alltypes.h>

#ifdef __cplusplus
extern "C" {
#endif

struct statvfs {
	unsigned long f_bsize, f_frsize;
	fsblkcnt_t f_blocks, f_bfree, f_bavail;
	fsfilcnt_t f_files, f_ffree, f_favail;
	unsigned long f_fsid;
	unsigned :8*(2*sizeof(int)-sizeof(long));
	unsigned long f_flag, f_namemax;
	int __reserved[6];
};

int statvfs(const char *__restrict, struct statvfs *__restrict);
int fstatvfs(int, struct statvfs *);

#define ST_RDONLY 1
#define ST_NOSUID 2

#ifdef __cplusplus
}
#endif
#endif
