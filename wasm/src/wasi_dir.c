/*
 * WASI test: directories. path_create_directory, path_remove_directory,
 * path_unlink_file, path_rename, fd_readdir (with cookies across several
 * calls, '.' and '..') and their error cases. Works in /tmp, reads /data.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>
#include "check.h"

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *type_name(unsigned char type)
{
	switch (type) {
	case DT_DIR: return "dir"; case DT_REG: return "file"; case DT_LNK: return "link";
	case DT_CHR: return "chr"; default: return "?";
	}
}

/* Lists a directory sorted by name, since the order of entries is the file system's. */
static void list(const char *path)
{
	DIR *dir = opendir(path);
	if (dir == NULL) { printf("list %s: %s\n", path, errno_name(errno)); return; }
	char *names[512];
	size_t count = 0;
	struct dirent *entry;
	while ((entry = readdir(dir)) != NULL && count < 512) {
		if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
		char *line = malloc(strlen(entry->d_name) + 8);
		sprintf(line, "%s %s", entry->d_name, type_name(entry->d_type));
		names[count++] = line;
	}
	closedir(dir);
	qsort(names, count, sizeof *names, by_name);
	printf("list %s: %zu entries\n", path, count);
	for (size_t i = 0; i < count; i++) { printf("  %s\n", names[i]); free(names[i]); }
}

/* The '.' and '..' entries of a listing: their type and whether they are the directory and its parent. */
static void dots(const char *path)
{
	char up[256], found[128] = "";
	struct stat self, parent;
	snprintf(up, sizeof up, "%s/..", path);
	stat(path, &self);
	stat(up, &parent);
	DIR *dir = opendir(path);
	int count = 0;
	for (struct dirent *entry; dir != NULL && (entry = readdir(dir)) != NULL;) {
		int dot = strcmp(entry->d_name, ".") == 0;
		if (!dot && strcmp(entry->d_name, "..") != 0) continue;
		count++;
		size_t used = strlen(found);
		snprintf(found + used, sizeof found - used, ", %s %s %s", entry->d_name, type_name(entry->d_type),
		         entry->d_ino == (dot ? self.st_ino : parent.st_ino) ? "same inode" : "other inode");
	}
	if (dir != NULL) closedir(dir);
	printf("dots in %s: %d%s\n", path, count, found);
}

static void touch(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT, 0644);
	if (fd >= 0) { (void)!write(fd, path, strlen(path)); close(fd); }
}

int main(void)
{
	list("/data");
	list("/data/sub");
	list("/data/empty");
	list("/data/hello.txt");
	list("/data/missing");
	dots("/data/empty");
	dots("/data/sub");
	dots("/");

	CHECK("mkdir", mkdir("/tmp/d", 0755));
	CHECK("mkdir again", mkdir("/tmp/d", 0755));
	CHECK("mkdir over file", mkdir("/data/hello.txt", 0755));
	CHECK("mkdir in missing", mkdir("/tmp/missing/d", 0755));
	CHECK("mkdir under file", mkdir("/data/hello.txt/d", 0755));
	CHECK("mkdir nested", mkdir("/tmp/d/e", 0755));
	touch("/tmp/d/e/f");
	CHECK("rmdir non-empty", rmdir("/tmp/d/e"));
	CHECK("rmdir file", rmdir("/tmp/d/e/f"));
	CHECK("unlink directory", unlink("/tmp/d/e"));
	CHECK("rmdir missing", rmdir("/tmp/missing"));
	CHECK("unlink missing", unlink("/tmp/missing"));
	CHECK("unlink file with slash", unlink("/tmp/d/e/f/"));
	CHECK("unlink", unlink("/tmp/d/e/f"));
	CHECK("rmdir", rmdir("/tmp/d/e"));

	touch("/tmp/d/one");
	touch("/tmp/d/two");
	CHECK("rename file", rename("/tmp/d/one", "/tmp/d/uno"));
	CHECK("rename missing", rename("/tmp/d/one", "/tmp/d/eins"));
	CHECK("rename over file", rename("/tmp/d/uno", "/tmp/d/two"));
	list("/tmp/d");
	CHECK("mkdir x", mkdir("/tmp/d/x", 0755));
	CHECK("mkdir y", mkdir("/tmp/d/y", 0755));
	touch("/tmp/d/y/inside");
	CHECK("rename file over dir", rename("/tmp/d/two", "/tmp/d/x"));
	CHECK("rename dir over file", rename("/tmp/d/x", "/tmp/d/two"));
	CHECK("rename dir over non-empty dir", rename("/tmp/d/x", "/tmp/d/y"));
	CHECK("rename dir into itself", rename("/tmp/d/y", "/tmp/d/y/z"));
	CHECK("rename dir over empty dir", rename("/tmp/d/y", "/tmp/d/x"));
	CHECK("rename to itself", rename("/tmp/d/two", "/tmp/d/two"));
	CHECK("rename into missing dir", rename("/tmp/d/two", "/tmp/none/two"));
	list("/tmp/d");
	list("/tmp/d/x");

	/* A directory larger than wasi-libc's readdir buffer: fd_readdir is called again with a cookie. */
	CHECK("mkdir many", mkdir("/tmp/many", 0755));
	for (int i = 0; i < 300; i++) {
		char path[64];
		snprintf(path, sizeof path, "/tmp/many/a-rather-long-file-name-to-fill-buffers-%03d", i);
		touch(path);
	}
	DIR *dir = opendir("/tmp/many");
	int seen = 0;
	long position = 0;
	for (struct dirent *entry; (entry = readdir(dir)) != NULL;) {
		if (entry->d_name[0] == '.') continue;
		if (++seen == 100) position = telldir(dir);
	}
	printf("many: %d entries\n", seen);
	seekdir(dir, position);
	int after = 0;
	while (readdir(dir) != NULL) after++;
	printf("after seekdir: %d\n", after);
	rewinddir(dir);
	int again = 0;
	for (struct dirent *entry; (entry = readdir(dir)) != NULL;) again += entry->d_name[0] != '.';
	printf("after rewind: %d\n", again);
	closedir(dir);

	int fd = open("/data/hello.txt", O_RDONLY);
	char buffer[256];
	__wasi_size_t used = 0;
	WASI("fd_readdir on a file", __wasi_fd_readdir(fd, (uint8_t *)buffer, sizeof buffer, 0, &used));
	close(fd);
	WASI("fd_readdir on closed", __wasi_fd_readdir(fd, (uint8_t *)buffer, sizeof buffer, 0, &used));
	fd = open("/data/sub", O_RDONLY | O_DIRECTORY);
	WASI("fd_readdir tiny buffer", __wasi_fd_readdir(fd, (uint8_t *)buffer, 10, 0, &used));
	printf("tiny buffer used: %u\n", (unsigned)used);
	WASI("fd_readdir past the end", __wasi_fd_readdir(fd, (uint8_t *)buffer, sizeof buffer, 1000, &used));
	printf("past the end used: %u\n", (unsigned)used);
	close(fd);

	/* POSIX refuses to remove "."; the reference normalises the path away and removes the directory. */
	mkdir("/tmp/dot", 0755);
	CHECK("rmdir with dot", rmdir("/tmp/dot/."));
	return 0;
}
