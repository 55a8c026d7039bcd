/*
 * t_cwd: the working directory belongs to the process. Under noux it is
 * state of the runtime's process, not of the host, so: chdir changes
 * where relative paths resolve and what getcwd answers; a child's chdir
 * leaves the parent where it was; a child inherits the directory over
 * fork and keeps it over exec (t_args --cwd prints it); getcwd with too
 * small a buffer fails with ERANGE (size 0: EINVAL); chdir to a file
 * fails with ENOTDIR, to a missing path with ENOENT. Paths differ between
 * systems, so only the last component and comparisons are printed.
 * fchdir returns to a directory by its descriptor (the POSIX layer's:
 * wasi-libc has none), and fails with ENOTDIR on a file's, EBADF on a
 * closed one; linkat with AT_FDCWD resolves both paths there (with and
 * without AT_SYMLINK_FOLLOW, and beside a directory descriptor).
 */
#include <fcntl.h>
#include <sys/stat.h>
#include "noux_check.h"

static char directory[1024];

static int same_file(const char *a, const char *b)
{
	struct stat first, second;
	return stat(a, &first) == 0 && stat(b, &second) == 0
	       && first.st_dev == second.st_dev && first.st_ino == second.st_ino;
}

static const char *last_component(void)
{
	static char path[4096];
	if (getcwd(path, sizeof path) == NULL) return errno_name(errno);
	char *last = strrchr(path, '/');
	return last != NULL && last[1] != '\0' ? last + 1 : path;
}

int main(void)
{
	noux_start(30);
	const char *tmp = noux_tmp();
	snprintf(directory, sizeof directory, "%s/t_cwd_dir", tmp);
	char file[1100];
	snprintf(file, sizeof file, "%s/inside", directory);
	unlink(file);
	rmdir(directory);
	CHECK("mkdir", mkdir(directory, 0755));
	CHECK("chdir TMPDIR", chdir(tmp));
	EXPECT("\".\" is TMPDIR", same_file(".", tmp));
	char here[4096];
	EXPECT("getcwd names TMPDIR", getcwd(here, sizeof here) != NULL && same_file(here, tmp));

	/* The child moves and creates a file by a relative path; the parent stays. */
	pid_t pid = noux_fork();
	if (pid == 0) {
		if (chdir("t_cwd_dir") < 0) noux_exit(1);
		printf("child's cwd: %s\n", last_component());
		int fd = open("inside", O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0) noux_exit(2);
		write(fd, "made by the child\n", 18);
		close(fd);
		noux_exit(0);
	}
	printf("child: %s\n", status_text(noux_wait(pid)));
	char after[4096];
	EXPECT("parent's cwd unchanged", getcwd(after, sizeof after) != NULL && strcmp(after, here) == 0);
	int fd = open("t_cwd_dir/inside", O_RDONLY);
	char text[64] = "";
	if (fd >= 0) {
		read(fd, text, sizeof text - 1);
		close(fd);
	}
	printf("relative open of the child's file: %s", fd >= 0 ? text : "missing\n");

	/* Inherited over fork, kept over exec. */
	CHECK("chdir t_cwd_dir", chdir("t_cwd_dir"));
	printf("cwd: %s\n", last_component());
	CHECK("open relative to the new cwd", fd = open("inside", O_RDONLY));
	if (fd >= 0) close(fd);
	pid = noux_fork();
	if (pid == 0) {
		char *argv[] = { "t_args", "--cwd", NULL };
		execvp(argv[0], argv);
		noux_exit(127);
	}
	printf("t_args --cwd: %s\n", status_text(noux_wait(pid)));
	CHECK("chdir ..", chdir(".."));
	EXPECT("back in TMPDIR", same_file(".", tmp));

	/* fchdir: into the directory by a descriptor, and back by one of ".". */
	int back = open(".", O_RDONLY | O_DIRECTORY);
	int into = open("t_cwd_dir", O_RDONLY | O_DIRECTORY);
	CHECK("fchdir into t_cwd_dir", fchdir(into));
	printf("after fchdir: %s\n", last_component());
	EXPECT("a relative path resolves there", access("inside", F_OK) == 0);
	CHECK("fchdir back", fchdir(back));
	EXPECT("back in TMPDIR by fchdir", same_file(".", tmp));
	close(into);
	FAILS("fchdir to a closed descriptor", fchdir(into));
	/* A second name by paths relative to the working directory (GNU ln's way). */
	CHECK("linkat relative to the cwd", linkat(AT_FDCWD, "t_cwd_dir/inside", AT_FDCWD, "t_cwd_dir/second", 0));
	EXPECT("the second name is the same file", same_file("t_cwd_dir/inside", "t_cwd_dir/second"));
	CHECK("unlink the second name", unlink("t_cwd_dir/second"));
	/* The same following symlinks (GNU ln's default as coreutils was configured), and into a directory by descriptor. */
	CHECK("symlink to the file", symlink("inside", "t_cwd_dir/pointer"));
	CHECK("linkat AT_SYMLINK_FOLLOW relative to the cwd", linkat(AT_FDCWD, "t_cwd_dir/pointer", AT_FDCWD, "t_cwd_dir/third", AT_SYMLINK_FOLLOW));
	EXPECT("the third name is the file, not the symlink", same_file("t_cwd_dir/inside", "t_cwd_dir/third"));
	int dir = open("t_cwd_dir", O_RDONLY | O_DIRECTORY);
	CHECK("linkat into a directory by descriptor", linkat(AT_FDCWD, "t_cwd_dir/inside", dir, "fourth", 0));
	EXPECT("the fourth name is the same file", same_file("t_cwd_dir/inside", "t_cwd_dir/fourth"));
	FAILS("linkat with an unknown flag", linkat(AT_FDCWD, "t_cwd_dir/inside", dir, "fifth", 0x4000));
	close(dir);
	CHECK("unlink the symlink", unlink("t_cwd_dir/pointer"));
	CHECK("unlink the third name", unlink("t_cwd_dir/third"));
	CHECK("unlink the fourth name", unlink("t_cwd_dir/fourth"));
	int regular = open("t_cwd_dir/inside", O_RDONLY);
	FAILS("fchdir to a file's descriptor", fchdir(regular));
	close(regular);
	close(back);

	char tiny[2];
	EXPECT("getcwd into 2 bytes fails", getcwd(tiny, sizeof tiny) == NULL);
	printf("its errno: %s\n", errno_name(errno));
	EXPECT("getcwd into 0 bytes fails", getcwd(tiny, 0) == NULL);
	printf("its errno: %s\n", errno_name(errno));
	FAILS("chdir to a file", chdir("t_cwd_dir/inside"));
	FAILS("chdir to a missing path", chdir("t_cwd_dir/missing"));
	FAILS("chdir to an empty path", chdir(""));
	struct stat empty;
	FAILS("stat of an empty path", stat("", &empty));
	FAILS("lstat of an empty path", lstat("", &empty));
	FAILS("open of an empty path", open("", O_RDONLY));
	FAILS("access of an empty path", access("", F_OK));
	EXPECT("still in TMPDIR", same_file(".", tmp));

	unlink(file);
	CHECK("rmdir", rmdir(directory));
	return 0;
}
