/* WASI test: fd_prestat_get, fd_prestat_dir_name, fd_fdstat_get of the standard streams and preopens, isatty. */
#include <fcntl.h>
#include <unistd.h>
#include <wasi/api.h>
#include "check.h"

int main(void)
{
	for (__wasi_fd_t fd = 0; fd < 6; fd++) {
		__wasi_prestat_t prestat;
		char what[64];
		snprintf(what, sizeof what, "prestat %u", (unsigned)fd);
		__wasi_errno_t error = __wasi_fd_prestat_get(fd, &prestat);
		WASI(what, error);
		if (error != 0) continue;
		char name[64] = { 0 };
		WASI("prestat name", __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, prestat.u.dir.pr_name_len));
		printf("preopen %u: tag %u \"%s\"\n", (unsigned)fd, (unsigned)prestat.tag, name);
		WASI("prestat name too small", __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, 0));
	}
	for (__wasi_fd_t fd = 0; fd < 4; fd++) {
		__wasi_fdstat_t stat;
		char what[64];
		snprintf(what, sizeof what, "fdstat %u", (unsigned)fd);
		WASI(what, __wasi_fd_fdstat_get(fd, &stat));
		/* The standard streams' read/write rights differ: the reference grants both on every host descriptor. */
		printf("fd %u: type %u seek %d readdir %d path_open %d\n", (unsigned)fd, (unsigned)stat.fs_filetype,
		       (stat.fs_rights_base & __WASI_RIGHTS_FD_SEEK) != 0, (stat.fs_rights_base & __WASI_RIGHTS_FD_READDIR) != 0,
		       (stat.fs_rights_base & __WASI_RIGHTS_PATH_OPEN) != 0);
	}
	int fd = open("/data/hello.txt", O_RDONLY);
	__wasi_fdstat_t stat;
	WASI("fdstat of a file", __wasi_fd_fdstat_get(fd, &stat));
	printf("file rights: 0x%llx inheriting 0x%llx\n", (unsigned long long)stat.fs_rights_base,
	       (unsigned long long)stat.fs_rights_inheriting);
	close(fd);
	fd = open("/data/sub", O_RDONLY | O_DIRECTORY);
	WASI("fdstat of a directory", __wasi_fd_fdstat_get(fd, &stat));
	printf("directory rights: 0x%llx inheriting 0x%llx\n", (unsigned long long)stat.fs_rights_base,
	       (unsigned long long)stat.fs_rights_inheriting);
	close(fd);
	WASI("fdstat of closed", __wasi_fd_fdstat_get(fd, &stat));
	printf("isatty 0 1 2: %d %d %d\n", isatty(0), isatty(1), isatty(2));
	printf("isatty closed: %d %s\n", isatty(fd), errno_name(errno));
	return 0;
}
