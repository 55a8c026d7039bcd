/*
 * WASI test: files. fd_read, fd_write, fd_pread, fd_pwrite, fd_seek,
 * fd_tell, fd_close, fd_fdstat_get/set_flags/set_rights, fd_filestat_get,
 * fd_filestat_set_size, fd_sync, fd_datasync, fd_advise, fd_allocate,
 * fd_renumber, path_open and their error cases. Works in /tmp.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#include <wasi/api.h>
#include "check.h"

static void show_file(const char *what, const char *path)
{
	char buffer[256];
	int fd = open(path, O_RDONLY);
	ssize_t n = read(fd, buffer, sizeof buffer - 1);
	close(fd);
	if (n < 0) { printf("%s: %s\n", what, errno_name(errno)); return; }
	buffer[n] = 0;
	printf("%s: \"%s\"\n", what, buffer);
}

int main(void)
{
	int fd;
	char buffer[64];

	CHECK("open missing", open("/tmp/missing", O_RDONLY));
	CHECK("open in missing dir", open("/tmp/nodir/file", O_WRONLY | O_CREAT, 0644));
	VALUE("create", fd = open("/tmp/file.txt", O_RDWR | O_CREAT | O_EXCL, 0644));
	CHECK("create again O_EXCL", open("/tmp/file.txt", O_RDWR | O_CREAT | O_EXCL, 0644));
	VALUE("write", write(fd, "0123456789", 10));
	VALUE("tell", lseek(fd, 0, SEEK_CUR));
	VALUE("seek set 2", lseek(fd, 2, SEEK_SET));
	VALUE("read 4", read(fd, buffer, 4));
	printf("read: \"%.4s\"\n", buffer);
	VALUE("seek end -3", lseek(fd, -3, SEEK_END));
	VALUE("read to end", read(fd, buffer, sizeof buffer));
	VALUE("read at end", read(fd, buffer, sizeof buffer));
	CHECK("seek before start", lseek(fd, -100, SEEK_CUR));
	VALUE("seek bad whence", lseek(fd, 0, 42));
	VALUE("seek beyond end", lseek(fd, 20, SEEK_SET));
	VALUE("write beyond end", write(fd, "X", 1));
	struct stat st;
	CHECK("fstat", fstat(fd, &st));
	printf("size: %lld regular: %s\n", (long long)st.st_size, S_ISREG(st.st_mode) ? "yes" : "no");
	VALUE("pread 3 at 5", pread(fd, buffer, 3, 5));
	printf("pread: \"%.3s\"\n", buffer);
	VALUE("pwrite 2 at 0", pwrite(fd, "ab", 2, 0));
	VALUE("tell after pread/pwrite", lseek(fd, 0, SEEK_CUR));
	CHECK("pread negative offset", pread(fd, buffer, 1, -1));

	struct iovec vectors[3] = { { "one ", 4 }, { "", 0 }, { "two", 3 } };
	VALUE("seek set 0", lseek(fd, 0, SEEK_SET));
	VALUE("writev", writev(fd, vectors, 3));
	char first[3], second[4];
	struct iovec reads[2] = { { first, 3 }, { second, 4 } };
	VALUE("seek set 0 again", lseek(fd, 0, SEEK_SET));
	VALUE("readv", readv(fd, reads, 2));
	printf("readv: \"%.3s\" \"%.4s\"\n", first, second);

	CHECK("ftruncate 5", ftruncate(fd, 5));
	CHECK("fstat after truncate", fstat(fd, &st));
	printf("size: %lld\n", (long long)st.st_size);
	CHECK("ftruncate 8 (grow)", ftruncate(fd, 8));
	VALUE("pread grown tail", pread(fd, buffer, 8, 0));
	printf("tail zero: %s\n", buffer[5] == 0 && buffer[7] == 0 ? "yes" : "no");
	CHECK("fsync", fsync(fd));
	CHECK("fdatasync", fdatasync(fd));
	VALUE("posix_fadvise", posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL));
	WASI("fd_advise bad advice", __wasi_fd_advise(fd, 0, 0, 99));
	VALUE("posix_fallocate to 16", posix_fallocate(fd, 0, 16));
	CHECK("fstat after allocate", fstat(fd, &st));
	printf("size: %lld\n", (long long)st.st_size);
	VALUE("posix_fallocate within", posix_fallocate(fd, 0, 4));
	CHECK("close", close(fd));
	CHECK("close again", close(fd));
	CHECK("read closed", read(fd, buffer, 1));
	CHECK("write closed", write(fd, buffer, 1));
	CHECK("fstat closed", fstat(fd, &st));
	CHECK("seek closed", lseek(fd, 0, SEEK_SET));

	VALUE("open read-only", fd = open("/tmp/file.txt", O_RDONLY));
	CHECK("write read-only", write(fd, "x", 1));
	CHECK("ftruncate read-only", ftruncate(fd, 0));
	VALUE("fcntl getfl read-only", fcntl(fd, F_GETFL) & O_ACCMODE);
	close(fd);
	VALUE("open write-only", fd = open("/tmp/file.txt", O_WRONLY));
	CHECK("read write-only", read(fd, buffer, 1));
	VALUE("fcntl getfl write-only", fcntl(fd, F_GETFL) & O_ACCMODE);
	close(fd);

	VALUE("open append", fd = open("/tmp/file.txt", O_WRONLY | O_APPEND));
	VALUE("append write", write(fd, "END", 3));
	VALUE("fcntl getfl append", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
	CHECK("fcntl setfl nonblock", fcntl(fd, F_SETFL, O_NONBLOCK));
	VALUE("seek set 0 then write", lseek(fd, 0, SEEK_SET));
	VALUE("write at 0", write(fd, "S", 1));
	close(fd);
	show_file("content", "/tmp/file.txt");

	VALUE("open truncate", fd = open("/tmp/file.txt", O_WRONLY | O_TRUNC));
	CHECK("fstat truncated", fstat(fd, &st));
	printf("size: %lld\n", (long long)st.st_size);
	close(fd);
	fd = open("/tmp/file.txt", O_WRONLY);
	VALUE("write again", write(fd, "abc", 3));
	close(fd);
	/* Linux truncates with O_TRUNC whatever the access mode (the WASI suite's truncation_rights) */
	VALUE("open read-only truncate", fd = open("/tmp/file.txt", O_RDONLY | O_TRUNC));
	CHECK("fstat read-only truncated", fstat(fd, &st));
	printf("size: %lld\n", (long long)st.st_size);
	close(fd);

	CHECK("open file as directory", open("/tmp/file.txt", O_RDONLY | O_DIRECTORY));
	CHECK("open file with slash", open("/tmp/file.txt/", O_RDONLY));
	CHECK("open directory for writing", open("/tmp", O_WRONLY));
	CHECK("open directory O_RDWR with O_DIRECTORY", open("/tmp", O_RDWR | O_DIRECTORY));
	VALUE("open directory read-only", fd = open("/data", O_RDONLY));
	CHECK("read directory", read(fd, buffer, 1));
	CHECK("seek directory", lseek(fd, 0, SEEK_SET));
	/* The calls themselves: a directory descriptor has none of the rights they need. */
	__wasi_iovec_t into = { (uint8_t *)buffer, sizeof buffer };
	__wasi_ciovec_t from = { (const uint8_t *)buffer, sizeof buffer };
	__wasi_size_t moved;
	__wasi_filesize_t position;
	WASI("fd_read on a directory", __wasi_fd_read(fd, &into, 1, &moved));
	WASI("fd_pread on a directory", __wasi_fd_pread(fd, &into, 1, 0, &moved));
	WASI("fd_write on a directory", __wasi_fd_write(fd, &from, 1, &moved));
	WASI("fd_pwrite on a directory", __wasi_fd_pwrite(fd, &from, 1, 0, &moved));
	WASI("fd_seek on a directory", __wasi_fd_seek(fd, 0, __WASI_WHENCE_CUR, &position));
	WASI("fd_tell on a directory", __wasi_fd_tell(fd, &position));
	WASI("fd_allocate on a directory", __wasi_fd_allocate(fd, 0, 1));
	WASI("fd_filestat_set_size on a directory", __wasi_fd_filestat_set_size(fd, 0));
	close(fd);

	/* fd_renumber moves a descriptor; both ends must be open. */
	int a = open("/data/hello.txt", O_RDONLY);
	int b = open("/tmp/file.txt", O_RDONLY);
	WASI("renumber", __wasi_fd_renumber(a, b));
	VALUE("read renumbered", read(b, buffer, 5));
	printf("renumbered: \"%.5s\"\n", buffer);
	CHECK("old number closed", read(a, buffer, 1));
	WASI("renumber from closed", __wasi_fd_renumber(a, b));
	WASI("renumber to closed", __wasi_fd_renumber(b, a));

	/* Rights: dropping works, regaining does not. */
	__wasi_fdstat_t stat;
	WASI("fdstat", __wasi_fd_fdstat_get(b, &stat));
	printf("filetype: %u\n", (unsigned)stat.fs_filetype);
	WASI("drop FD_READ", __wasi_fd_fdstat_set_rights(b, stat.fs_rights_base & ~__WASI_RIGHTS_FD_READ, 0));
	CHECK("read without FD_READ", read(b, buffer, 1));
	WASI("regain FD_READ", __wasi_fd_fdstat_set_rights(b, stat.fs_rights_base, 0));
	WASI("fdstat_set_flags bad", __wasi_fd_fdstat_set_flags(b, 0x100));
	close(b);
	WASI("fdstat closed", __wasi_fd_fdstat_get(b, &stat));
	WASI("filestat_set_size closed", __wasi_fd_filestat_set_size(b, 0));
	WASI("fd_sync closed", __wasi_fd_sync(b));
	WASI("fd_tell closed", __wasi_fd_tell(b, NULL));
	WASI("fd_close 9999", __wasi_fd_close(9999));

	CHECK("unlink", unlink("/tmp/file.txt"));
	CHECK("unlink again", unlink("/tmp/file.txt"));
	return 0;
}
