/*
 * <sys/statfs.h> for programs on noux (wasi-libc has none): Linux's
 * statfs in musl's layout, which GNU stat's `-f` reads. As statvfs
 * (<sys/statvfs.h>), it answers ENOSYS for a node that exists: WASI and
 * Genode's VFS have no file system statistics to tell.
 */
#ifndef _SYS_STATFS_H
#define _SYS_STATFS_H

#include <sys/statvfs.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct __fsid_t { int __val[2]; } fsid_t;

struct statfs {
	unsigned long f_type, f_bsize;
	fsblkcnt_t f_blocks, f_bfree, f_bavail;
	fsfilcnt_t f_files, f_ffree;
	fsid_t f_fsid;
	unsigned long f_namelen, f_frsize, f_flags, f_spare[4];
};

int statfs(const char *, struct statfs *);
int fstatfs(int, struct statfs *);

#ifdef __cplusplus
}
#endif
#endif
