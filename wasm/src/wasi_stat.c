/* WASI test: fd_filestat_get, path_filestat_get, fd/path_filestat_set_times. */
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>
#include "check.h"

int main(void)
{
	struct stat st;
	CHECK("stat file", stat("/data/hello.txt", &st));
	printf("file: regular %d size %lld nlink>0 %d\n", S_ISREG(st.st_mode), (long long)st.st_size, st.st_nlink > 0);
	CHECK("stat dir", stat("/data/sub", &st));
	printf("dir: directory %d\n", S_ISDIR(st.st_mode));
	CHECK("stat root", stat("/", &st));
	printf("root: directory %d\n", S_ISDIR(st.st_mode));
	CHECK("stat dot-dot", stat("/data/sub/..", &st));
	printf("dot-dot: directory %d\n", S_ISDIR(st.st_mode));
	CHECK("stat missing", stat("/data/missing", &st));
	CHECK("stat under file", stat("/data/hello.txt/x", &st));
	CHECK("stat file with slash", stat("/data/hello.txt/", &st));
	CHECK("stat dir with slash", stat("/data/sub/", &st));
	CHECK("stat empty path", stat("", &st));

	int fd = open("/data/hello.txt", O_RDONLY);
	struct stat by_fd, by_path;
	CHECK("fstat", fstat(fd, &by_fd));
	stat("/data/hello.txt", &by_path);
	EXPECT("fstat and stat agree", by_fd.st_ino == by_path.st_ino && by_fd.st_size == by_path.st_size);
	close(fd);

	fd = open("/tmp/t", O_RDWR | O_CREAT, 0644);
	struct timespec times[2] = { { 1000000000, 0 }, { 1200000000, 500 } };
	CHECK("futimens", futimens(fd, times));
	CHECK("utimensat", utimensat(AT_FDCWD, "/tmp/t", times, 0));
	struct timespec now[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
	CHECK("utimensat now", utimensat(AT_FDCWD, "/tmp/t", now, 0));
	struct timespec omit[2] = { { 0, UTIME_OMIT }, { 0, UTIME_OMIT } };
	CHECK("utimensat omit", utimensat(AT_FDCWD, "/tmp/t", omit, 0));
	CHECK("utimensat missing", utimensat(AT_FDCWD, "/tmp/none", times, 0));
	CHECK("utimensat nofollow", utimensat(AT_FDCWD, "/tmp/t", times, AT_SYMLINK_NOFOLLOW));
	WASI("fd_filestat_set_times ATIM with ATIM_NOW", __wasi_fd_filestat_set_times(fd, 0, 0,
		__WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW));
	WASI("fd_filestat_set_times MTIM with MTIM_NOW", __wasi_fd_filestat_set_times(fd, 0, 0,
		__WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW));
	WASI("fd_filestat_set_size", __wasi_fd_filestat_set_size(fd, 3));
	__wasi_filestat_t filestat;
	WASI("fd_filestat_get", __wasi_fd_filestat_get(fd, &filestat));
	printf("filestat: type %u size %llu\n", (unsigned)filestat.filetype, (unsigned long long)filestat.size);
	close(fd);
	WASI("fd_filestat_get closed", __wasi_fd_filestat_get(fd, &filestat));
	WASI("path_filestat_get", __wasi_path_filestat_get(3, 0, "data/sub", &filestat));
	printf("path_filestat: type %u\n", (unsigned)filestat.filetype);
	WASI("path_filestat_get absolute", __wasi_path_filestat_get(3, 0, "/data", &filestat));
	WASI("path_filestat_get on a file fd", __wasi_path_filestat_get(0, 0, "x", &filestat));
	WASI("path_filestat_get bad fd", __wasi_path_filestat_get(77, 0, "x", &filestat));
	unlink("/tmp/t");
	/* Last: the reference leaves the directory descriptor locked after this error, and would hang at its next use. */
	WASI("path_filestat_set_times MTIM with MTIM_NOW", __wasi_path_filestat_set_times(3, 0, "data", 0, 0,
		__WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW));
	return 0;
}
