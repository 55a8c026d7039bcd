/*
 * t_exec: exec replaces the program and keeps the process. Each case
 * forks a child that execs t_args (found as $TEST_BIN/t_args or through
 * PATH); t_args prints what it received, the parent prints the child's
 * status after it. Checked: argv and envp passed through execve exactly
 * (an empty argument, one with a space), execvp's PATH search, a "#!"
 * script (Linux's argument order: interpreter, its one optional argument,
 * the script's path, then the original arguments without argv[0]), the
 * errors of a missing file (ENOENT), a file without execute permission
 * (EACCES), a directory (EACCES) and an executable file that is neither
 * a program nor a script (ENOEXEC), and which descriptors cross the exec:
 * FD_CLOEXEC (by fcntl and by F_DUPFD_CLOEXEC) closes, the rest stay
 * (and the flag's life: dup2 onto a descriptor clears it, a closed one
 * answers EBADF);
 * and a program file rewritten in place between two execs runs as what
 * it holds now (noux remembers programs by path and reuses their
 * compiled code only while the bytes are the same).
 */
#include <fcntl.h>
#include <sys/stat.h>
#include "noux_check.h"

static char program[1024];
static char test_bin_entry[1100];
static char tmpdir_entry[1100];

/* Runs child_body in a child and prints how the child ended. */
static void in_child(const char *what, void (*child_body)(void))
{
	pid_t pid = noux_fork();
	if (pid < 0) {
		printf("%s: fork %s\n", what, errno_name(errno));
		return;
	}
	if (pid == 0) {
		child_body();
		noux_exit(99);
	}
	int status = noux_wait(pid);
	printf("%s: %s\n", what, status >= 0 ? status_text(status) : errno_name(errno));
}

static void exec_absolute(void)
{
	char *const argv[] = { "t_args", "one", "two words", "", NULL };
	char *const envp[] = { "T_ONE=1", "T_TWO=two words", test_bin_entry, tmpdir_entry, NULL };
	execve(program, argv, envp);
	printf("execve: %s\n", errno_name(errno));
}

static void exec_path_search(void)
{
	char *const argv[] = { "t_args", "via", "PATH", NULL };
	setenv("T_SEARCH", "execvp", 1);
	execvp("t_args", argv);
	printf("execvp: %s\n", errno_name(errno));
}

static char script[1024];

static void exec_script(void)
{
	char *const argv[] = { "ignored-argv0", "a", "b c", NULL };
	char *const envp[] = { test_bin_entry, tmpdir_entry, NULL };
	execve(script, argv, envp);
	printf("execve script: %s\n", errno_name(errno));
}

static void exec_keeping_fds(void)
{
	char *const argv[] = { "t_args", "--fds", "20", "21", "22", NULL };
	execv(program, argv);
	printf("execv: %s\n", errno_name(errno));
}

/* Writes a file of the given mode, for the exec error cases. */
static void write_file(const char *path, const char *content, mode_t mode)
{
	unlink(path);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || noux_write_full(fd, content, strlen(content)) < 0) printf("write %s: %s\n", path, errno_name(errno));
	if (fd >= 0) close(fd);
	/* chmod, not the open's mode, so the umask does not decide. */
	if (chmod(path, mode) < 0) printf("chmod: %s\n", errno_name(errno));
}

/* Copies program `name` from $TEST_BIN to `to` (mode 0755). */
static void copy_program(const char *name, const char *to)
{
	static char buffer[65536];
	char from[1100];
	snprintf(from, sizeof from, "%s/%s", noux_bin(), name);
	int in = open(from, O_RDONLY);
	unlink(to);
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (in < 0 || out < 0) printf("copy %s: %s\n", name, errno_name(errno));
	for (ssize_t n; in >= 0 && out >= 0 && (n = read(in, buffer, sizeof buffer)) > 0;)
		if (noux_write_full(out, buffer, (size_t)n) < 0) printf("copy %s: %s\n", name, errno_name(errno));
	if (in >= 0) close(in);
	if (out >= 0) close(out);
}

static char copy[1024];

static void exec_copy(void)
{
	char *const argv[] = { "copy", "3", NULL };
	execv(copy, argv);
	printf("execv copy: %s\n", errno_name(errno));
}

int main(void)
{
	noux_start(30);
	const char *bin = noux_bin(), *tmp = noux_tmp();
	snprintf(program, sizeof program, "%s/t_args", bin);
	snprintf(test_bin_entry, sizeof test_bin_entry, "TEST_BIN=%s", bin);
	snprintf(tmpdir_entry, sizeof tmpdir_entry, "TMPDIR=%s", tmp);

	in_child("execve by absolute path", exec_absolute);
	in_child("execvp through PATH", exec_path_search);

	snprintf(script, sizeof script, "%s/t_exec_script.sh", tmp);
	char line[1200];
	snprintf(line, sizeof line, "#!%s/t_args -x\nthe interpreter never reads this\n", bin);
	write_file(script, line, 0755);
	in_child("execve of a #! script", exec_script);
	unlink(script);

	/* A failed exec returns, and the process goes on: these run in the parent. */
	char path[1024];
	char *const argv[] = { "nothing", NULL };
	char *const envp[] = { NULL };
	snprintf(path, sizeof path, "%s/t_exec_missing", tmp);
	unlink(path);
	FAILS("execve of a missing file", execve(path, argv, envp));
	snprintf(path, sizeof path, "%s/t_exec_plain.txt", tmp);
	write_file(path, "not a program\n", 0644);
	FAILS("execve of a file without x permission", execve(path, argv, envp));
	write_file(path, "neither a program nor a script\n", 0755);
	FAILS("execve of an executable text without #!", execve(path, argv, envp));
	unlink(path);
	FAILS("execve of a directory", execve(tmp, argv, envp));
	FAILS("execvp of a name not on PATH", execvp("t_exec_no_such_program", argv));
	printf("process still running after failed execs: yes\n");

	/* Descriptors 20 and 21 plain and close-on-exec; 22 from F_DUPFD_CLOEXEC. */
	int ends[2];
	CHECK("pipe", pipe(ends));
	CHECK("dup2 to 20", dup2(ends[0], 20));
	CHECK("dup2 to 21", dup2(ends[1], 21));
	CHECK("set FD_CLOEXEC on 21", fcntl(21, F_SETFD, FD_CLOEXEC));
	close(22);
	VALUE("F_DUPFD_CLOEXEC from 22", fcntl(ends[0], F_DUPFD_CLOEXEC, 22));
	VALUE("F_GETFD 20", fcntl(20, F_GETFD) & FD_CLOEXEC);
	VALUE("F_GETFD 21", fcntl(21, F_GETFD) & FD_CLOEXEC);
	VALUE("F_GETFD 22", fcntl(22, F_GETFD) & FD_CLOEXEC);
	/* The flag belongs to the descriptor: a dup2 onto it starts without it; a closed one has none to ask. */
	CHECK("dup2 to 23", dup2(ends[0], 23));
	CHECK("set FD_CLOEXEC on 23", fcntl(23, F_SETFD, FD_CLOEXEC));
	CHECK("dup2 to 23 again", dup2(ends[1], 23));
	VALUE("F_GETFD 23 after dup2", fcntl(23, F_GETFD));
	CHECK("close 23", close(23));
	FAILS("F_GETFD of closed 23", fcntl(23, F_GETFD));
	FAILS("F_SETFD of closed 23", fcntl(23, F_SETFD, FD_CLOEXEC));
	FAILS("F_SETFD of descriptor 5000", fcntl(5000, F_SETFD, FD_CLOEXEC));
	in_child("exec with descriptors", exec_keeping_fds);

	snprintf(copy, sizeof copy, "%s/t_exec_copy", tmp);
	copy_program("t_args", copy);
	in_child("exec of a copy of t_args", exec_copy);
	in_child("exec of the same copy again", exec_copy);
	copy_program("t_gen", copy);
	in_child("exec of the copy rewritten as t_gen", exec_copy);
	unlink(copy);
	return 0;
}
