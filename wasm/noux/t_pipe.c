/*
 * t_pipe: pipes between processes and open file descriptions shared by
 * descriptors. A pipe carries bytes; it reports end of file only when
 * every write end is closed, the forked child's copy included; writing
 * without readers raises SIGPIPE (default: the writer dies) or fails with
 * EPIPE (SIGPIPE ignored); a megabyte crosses to a child that counts it,
 * through many full-pipe waits; O_NONBLOCK turns the waits into EAGAIN.
 * dup, dup2 and fork share one open file description: its offset and its
 * status flags (O_APPEND), but not FD_CLOEXEC, which is the descriptor's.
 * A parent and a child writing in turns to one inherited descriptor
 * leave their lines in order, since they move one shared offset.
 * Two writers writing lines of at most PIPE_BUF bytes at the same time
 * never mix their lines; a writer killed while it waits for room leaves
 * the pipe usable: the reader gets what it wrote and then end of file,
 * and another writer can write.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include "noux_check.h"

#define MEGABYTE (1024 * 1024)

static unsigned char pattern(long i)
{
	return (unsigned char)(i * 7 % 251);
}

static const char *access_mode(int flags)
{
	switch (flags & O_ACCMODE) {
	case O_RDONLY: return "O_RDONLY";
	case O_WRONLY: return "O_WRONLY";
	case O_RDWR: return "O_RDWR";
	default: return "?";
	}
}

static void end_of_file(void)
{
	int ends[2];
	CHECK("pipe", pipe(ends));
	struct stat status;
	EXPECT("both ends are FIFOs to fstat", fstat(ends[0], &status) == 0 && S_ISFIFO(status.st_mode)
	       && fstat(ends[1], &status) == 0 && S_ISFIFO(status.st_mode));
	char text[32] = "";
	CHECK("write", write(ends[1], "hello", 5));
	VALUE("read", read(ends[0], text, sizeof text - 1));
	printf("read text: %s\n", text);

	pid_t pid = noux_fork();
	if (pid == 0) {
		close(ends[0]);
		noux_write_full(ends[1], "from child", 10);
		noux_exit(0);
	}
	/* The parent's own write end must go too, or the read below never sees end of file. */
	close(ends[1]);
	memset(text, 0, sizeof text);
	VALUE("bytes from the child until end of file", noux_read_full(ends[0], text, sizeof text - 1));
	printf("child's text: %s\n", text);
	VALUE("read after end of file", read(ends[0], text, sizeof text));
	close(ends[0]);
	printf("child: %s\n", status_text(noux_wait(pid)));
}

static void without_readers(void)
{
	int ends[2];
	CHECK("pipe", pipe(ends));
	close(ends[0]);
	signal(SIGPIPE, SIG_IGN);
	FAILS("write without readers, SIGPIPE ignored", write(ends[1], "x", 1));
	signal(SIGPIPE, SIG_DFL);
	pid_t pid = noux_fork();
	if (pid == 0) {
		write(ends[1], "x", 1);
		noux_exit(0);
	}
	close(ends[1]);
	printf("writer without readers, SIGPIPE default: %s\n", status_text(noux_wait(pid)));
}

static void megabyte(void)
{
	int ends[2];
	CHECK("pipe", pipe(ends));
	pid_t pid = noux_fork();
	if (pid == 0) {
		close(ends[1]);
		unsigned char buffer[4096];
		long count = 0, mismatches = 0;
		ssize_t n;
		while ((n = read(ends[0], buffer, sizeof buffer)) > 0)
			for (ssize_t i = 0; i < n; i++, count++)
				if (buffer[i] != pattern(count)) mismatches++;
		printf("child read: %ld bytes, %ld out of place\n", count, mismatches);
		noux_exit(0);
	}
	close(ends[0]);
	unsigned char *data = malloc(MEGABYTE);
	for (long i = 0; i < MEGABYTE; i++) data[i] = pattern(i);
	CHECK("write 1 MiB", noux_write_full(ends[1], data, MEGABYTE));
	free(data);
	close(ends[1]);
	printf("counting child: %s\n", status_text(noux_wait(pid)));
}

static void non_blocking(void)
{
	int ends[2];
	CHECK("pipe", pipe(ends));
	int flags = fcntl(ends[0], F_GETFL);
	printf("read end: %s, O_NONBLOCK %s\n", access_mode(flags), flags & O_NONBLOCK ? "set" : "clear");
	printf("write end: %s\n", access_mode(fcntl(ends[1], F_GETFL)));
	CHECK("F_SETFL O_NONBLOCK", fcntl(ends[0], F_SETFL, flags | O_NONBLOCK));
	EXPECT("F_GETFL shows O_NONBLOCK", fcntl(ends[0], F_GETFL) & O_NONBLOCK);
	char byte;
	FAILS("read of an empty non-blocking pipe", read(ends[0], &byte, 1));
	CHECK("F_SETFL O_NONBLOCK on the write end", fcntl(ends[1], F_SETFL, O_NONBLOCK));
	/* Fill the pipe; its capacity differs between systems, so it is not printed. */
	char block[512] = { 0 };
	long written = 0;
	ssize_t n;
	while ((n = write(ends[1], block, sizeof block)) > 0 && written < 64 * MEGABYTE) written += n;
	printf("write to a full non-blocking pipe: %s\n", n < 0 ? errno_name(errno) : "no error");
	EXPECT("a full pipe held at least 4 KiB", written >= 4096);
	close(ends[0]);
	close(ends[1]);
}

static void shared_description(void)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/t_pipe_shared", noux_tmp());
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	unlink(path);
	int copy = dup(fd);
	CHECK("write 3 bytes via the first descriptor", write(fd, "abc", 3));
	VALUE("offset seen via dup", lseek(copy, 0, SEEK_CUR));
	CHECK("write 3 bytes via the dup", write(copy, "def", 3));
	VALUE("offset seen via the first", lseek(fd, 0, SEEK_CUR));
	CHECK("lseek the first to 1", lseek(fd, 1, SEEK_SET));
	VALUE("offset seen via dup", lseek(copy, 0, SEEK_CUR));
	close(40);
	VALUE("dup2 to 40", dup2(fd, 40));
	VALUE("offset seen via dup2", lseek(40, 0, SEEK_CUR));
	CHECK("F_SETFL O_APPEND via dup2", fcntl(40, F_SETFL, O_APPEND));
	EXPECT("O_APPEND seen via the first", fcntl(fd, F_GETFL) & O_APPEND);
	CHECK("FD_CLOEXEC on the dup", fcntl(copy, F_SETFD, FD_CLOEXEC));
	EXPECT("FD_CLOEXEC not on the first", !(fcntl(fd, F_GETFD) & FD_CLOEXEC));
	close(40);
	close(copy);
	close(fd);

	/* Parent and child write in turns, passing a token through two pipes. */
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	int to_child[2], to_parent[2];
	if (pipe(to_child) < 0 || pipe(to_parent) < 0) printf("pipes: %s\n", errno_name(errno));
	pid_t pid = noux_fork();
	if (pid == 0) {
		char token, line[16];
		for (int i = 0; i < 4; i++) {
			if (noux_read_full(to_child[0], &token, 1) != 1) break;
			snprintf(line, sizeof line, "C%d\n", i);
			write(fd, line, 3);
			write(to_parent[1], "t", 1);
		}
		noux_exit(0);
	}
	char token, line[16];
	for (int i = 0; i < 4; i++) {
		snprintf(line, sizeof line, "P%d\n", i);
		write(fd, line, 3);
		write(to_child[1], "t", 1);
		if (noux_read_full(to_parent[0], &token, 1) != 1) break;
	}
	printf("turn-taking child: %s\n", status_text(noux_wait(pid)));
	close(to_child[0]);
	close(to_child[1]);
	close(to_parent[0]);
	close(to_parent[1]);
	char content[64] = "";
	VALUE("shared offset after both wrote", lseek(fd, 0, SEEK_CUR));
	lseek(fd, 0, SEEK_SET);
	read(fd, content, sizeof content - 1);
	for (char *c = content; *c; c++) if (*c == '\n') *c = ' ';
	printf("file: %s\n", content);
	close(fd);
	unlink(path);
}

#define LINE 100
#define LINES 2000

/* Writes LINES lines of LINE bytes, each its `tag` repeated, to `fd`. */
static void write_lines(int fd, char tag)
{
	char line[LINE];
	memset(line, tag, LINE - 1);
	line[LINE - 1] = '\n';
	for (int i = 0; i < LINES; i++)
		if (noux_write_full(fd, line, LINE) < 0) noux_exit(1);
}

static void two_writers(void)
{
	int ends[2];
	CHECK("pipe for two writers", pipe(ends));
	pid_t a = noux_fork();
	if (a == 0) { close(ends[0]); write_lines(ends[1], 'a'); noux_exit(0); }
	pid_t b = noux_fork();
	if (b == 0) { close(ends[0]); write_lines(ends[1], 'b'); noux_exit(0); }
	close(ends[1]);
	static char all[2 * LINES * LINE];
	long got = noux_read_full(ends[0], all, sizeof all);
	close(ends[0]);
	int mixed = 0, lines_a = 0, lines_b = 0;
	for (long at = 0; at + LINE <= got; at += LINE) {
		char tag = all[at];
		for (int i = 0; i < LINE - 1; i++) if (all[at + i] != tag) mixed = 1;
		if (all[at + LINE - 1] != '\n') mixed = 1;
		if (tag == 'a') lines_a++; else if (tag == 'b') lines_b++; else mixed = 1;
	}
	VALUE("bytes from two writers", got);
	EXPECT("no line of one writer mixed into the other's", !mixed);
	VALUE("lines of writer a", lines_a);
	VALUE("lines of writer b", lines_b);
	printf("writer a: %s\n", status_text(noux_wait(a)));
	printf("writer b: %s\n", status_text(noux_wait(b)));
}

static void killed_writer(void)
{
	int ends[2];
	CHECK("pipe for a killed writer", pipe(ends));
	pid_t pid = noux_fork();
	if (pid == 0) {
		close(ends[0]);
		/* More than the pipe holds: the writer waits for room until it is killed. */
		static char block[256 * 1024];
		memset(block, 'k', sizeof block);
		noux_write_full(ends[1], block, sizeof block);
		noux_exit(0);
	}
	/* Let it fill the pipe and wait. */
	struct timespec pause = { 0, 200 * 1000 * 1000 };
	nanosleep(&pause, NULL);
	CHECK("kill the waiting writer", kill(pid, SIGKILL));
	printf("killed writer: %s\n", status_text(noux_wait(pid)));
	pid_t next = noux_fork();
	if (next == 0) {
		close(ends[0]);
		noux_exit(write(ends[1], "after", 5) == 5 ? 0 : 1);
	}
	close(ends[1]);
	static char rest[512 * 1024];
	long got = noux_read_full(ends[0], rest, sizeof rest);
	EXPECT("the reader got the pipe's fill and the next writer's bytes", got == 64 * 1024 + 5);
	EXPECT("ending with the next writer's", got >= 5 && memcmp(rest + got - 5, "after", 5) == 0);
	printf("next writer: %s\n", status_text(noux_wait(next)));
	close(ends[0]);
}

int main(void)
{
	noux_start(30);
	end_of_file();
	without_readers();
	megabyte();
	non_blocking();
	shared_description();
	two_writers();
	killed_writer();
	return 0;
}
