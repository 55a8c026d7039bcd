/*
 * WASI test: fd_filestat_get, path_filestat_get, fd/path_filestat_set_times:
 * the times of new and written files, access and modification time set
 * apart, a symlink's own times, a directory's.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>
#include "check.h"

/* Whether `time` is within a few seconds of the wall clock now. */
static int recent(struct timespec time)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	return llabs((long long)now.tv_sec - (long long)time.tv_sec) < 5;
}

static void show_times(const char *what, const char *path, int flags)
{
	struct stat st;
	if (fstatat(AT_FDCWD, path, &st, flags) < 0) { printf("%s: %s\n", what, errno_name(errno)); return; }
	printf("%s: atime %lld mtime %lld\n", what, (long long)st.st_atim.tv_sec, (long long)st.st_mtim.tv_sec);
}

static void check_times(void)
{
	struct stat st;
	int fd = open("/tmp/times", O_RDWR | O_CREAT | O_EXCL, 0644);
	CHECK("fstat new file", fstat(fd, &st));
	EXPECT("new file: access time is modification time", st.st_atim.tv_sec == st.st_mtim.tv_sec && st.st_atim.tv_nsec == st.st_mtim.tv_nsec);
	EXPECT("new file: times are now", recent(st.st_mtim) && recent(st.st_atim));
	struct timespec old[2] = { { 1000000000, 0 }, { 1100000000, 0 } };
	CHECK("futimens old times", futimens(fd, old));
	VALUE("write", write(fd, "x", 1));
	CHECK("fstat written", fstat(fd, &st));
	EXPECT("written: modification time is now", recent(st.st_mtim));
	EXPECT("written: access time stays", st.st_atim.tv_sec == 1000000000);
	close(fd);
	struct timespec set[2] = { { 1000000000, 0 }, { 1200000000, 0 } };
	CHECK("futimens apart", utimensat(AT_FDCWD, "/tmp/times", set, 0));
	show_times("set apart", "/tmp/times", 0);
	struct timespec only_mtime[2] = { { 0, UTIME_OMIT }, { 1300000000, 0 } };
	CHECK("utimensat modification only", utimensat(AT_FDCWD, "/tmp/times", only_mtime, 0));
	show_times("modification only", "/tmp/times", 0);
	struct timespec access_now[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };
	CHECK("utimensat access now", utimensat(AT_FDCWD, "/tmp/times", access_now, 0));
	stat("/tmp/times", &st);
	EXPECT("access now", recent(st.st_atim) && st.st_mtim.tv_sec == 1300000000);
	CHECK("symlink", symlink("times", "/tmp/times-link"));
	lstat("/tmp/times-link", &st);
	EXPECT("new symlink: times are now", recent(st.st_mtim));
	struct timespec link_times[2] = { { 1400000000, 0 }, { 1400000000, 0 } };
	CHECK("utimensat of the symlink itself", utimensat(AT_FDCWD, "/tmp/times-link", link_times, AT_SYMLINK_NOFOLLOW));
	show_times("symlink itself", "/tmp/times-link", AT_SYMLINK_NOFOLLOW);
	show_times("its target", "/tmp/times", 0);
	CHECK("utimensat through the symlink", utimensat(AT_FDCWD, "/tmp/times-link", old, 0));
	show_times("target through the symlink", "/tmp/times", 0);
	CHECK("mkdir", mkdir("/tmp/times-dir", 0755));
	stat("/tmp/times-dir", &st);
	EXPECT("new directory: times are now", recent(st.st_mtim));
	fd = open("/tmp/times-dir", O_RDONLY | O_DIRECTORY);
	CHECK("futimens of a directory", futimens(fd, set));
	close(fd);
	show_times("directory", "/tmp/times-dir", 0);
}

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
	check_times();
	/* Last: the reference leaves the directory descriptor locked after this error, and would hang at its next use. */
	WASI("path_filestat_set_times MTIM with MTIM_NOW", __wasi_path_filestat_set_times(3, 0, "data", 0, 0,
		__WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW));
	return 0;
}
