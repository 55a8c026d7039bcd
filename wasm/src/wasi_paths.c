/*
 * WASI test: paths. Names with spaces, newlines, quotes, backslashes,
 * glob characters and non-ASCII letters; '.', '..' and repeated slashes;
 * paths that climb above their directory; a NUL inside a path; names that
 * are no UTF-8. Works in /tmp.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>
#include "check.h"

/* path_open as imported, with the path's length: this wasi-libc's wrapper takes a C string. */
__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_open")))
extern uint16_t raw_path_open(uint32_t fd, uint32_t dirflags, const char *path, size_t length, uint32_t oflags,
                              uint64_t base, uint64_t inheriting, uint32_t fdflags, __wasi_fd_t *opened);

static const char *const names[] = {
	"with space", "new\nline", "tab\tbed", "quote\"s'", "back\\slash", "colon:semi;comma,",
	"glob*?[]", "-dash", " leading", "trailing ", "\xc3\xbcnic\xc3\xb6\x64\x65", "emoji \xf0\x9f\x98\x80", "...", "..a",
};

/* A name as a line can show it: bytes outside printable ASCII as \xNN. */
static void shown(const char *name, char *out)
{
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (*p >= 0x20 && *p < 0x7f && *p != '\\') *out++ = (char)*p;
		else out += sprintf(out, "\\x%02x", *p);
	}
	*out = 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	char path[512], show[1024];
	CHECK("mkdir", mkdir("/tmp/names", 0755));
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		snprintf(path, sizeof path, "/tmp/names/%s", names[i]);
		shown(names[i], show);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd < 0) { printf("create \"%s\": %s\n", show, errno_name(errno)); continue; }
		(void)!write(fd, names[i], strlen(names[i]));
		close(fd);
		struct stat st;
		errno = 0;
		printf("create \"%s\": stat %s size %lld\n", show, stat(path, &st) == 0 ? "ok" : errno_name(errno), (long long)st.st_size);
	}
	DIR *dir = opendir("/tmp/names");
	char *listed[64];
	size_t count = 0;
	for (struct dirent *entry; dir != NULL && (entry = readdir(dir)) != NULL && count < 64;) {
		if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
		listed[count++] = strdup(entry->d_name);
	}
	if (dir != NULL) closedir(dir);
	qsort(listed, count, sizeof *listed, by_name);
	printf("listed: %zu\n", count);
	for (size_t i = 0; i < count; i++) {
		shown(listed[i], show);
		printf("  \"%s\"\n", show);
		free(listed[i]);
	}
	CHECK("rename to a name with a newline", rename("/tmp/names/with space", "/tmp/names/with\nnewline"));
	CHECK("stat the renamed", access("/tmp/names/with\nnewline", F_OK));
	CHECK("unlink a backslash name", unlink("/tmp/names/back\\slash"));
	CHECK("mkdir with spaces", mkdir("/tmp/names/a dir ", 0755));
	CHECK("rmdir with spaces", rmdir("/tmp/names/a dir "));

	/* '.', '..' and repeated slashes inside the directory. */
	CHECK("mkdir nested", mkdir("/tmp/d", 0755));
	CHECK("mkdir nested 2", mkdir("/tmp/d/nested", 0755));
	int fd = open("/tmp/d/nested/file", O_WRONLY | O_CREAT, 0644);
	close(fd);
	CHECK("open with dots", fd = open("/tmp/d/.//nested/../../d/nested/../nested///./file", O_RDONLY));
	close(fd);
	CHECK("open file with slashes", open("/tmp/d/nested/file///", O_RDONLY));
	CHECK("open directory with slashes", fd = open("/tmp/d/nested///", O_RDONLY));
	close(fd);

	/* Relative to a directory descriptor: climbing above it is not allowed. */
	int base = open("/tmp/d/nested", O_RDONLY | O_DIRECTORY);
	CHECK("openat inside", fd = openat(base, "file", O_RDONLY));
	close(fd);
	CHECK("openat through dot-dot and back", fd = openat(base, "../nested/file", O_RDONLY));
	close(fd);
	CHECK("openat above the directory", openat(base, "../../d/nested/file", O_RDONLY));
	__wasi_fd_t opened;
	WASI("path_open absolute", raw_path_open(base, 0, "/tmp", 4, 0, 0, 0, 0, &opened));
	WASI("path_open with a NUL", raw_path_open(base, 0, "file\0", 5, 0, 0, 0, 0, &opened));
	close(base);

	/* The root's '..' is the root (POSIX); names are UTF-8, as the VFS's. */
	struct stat st;
	CHECK("stat dot-dot of the root", stat("/../data/hello.txt", &st));
	CHECK("create a name that is no UTF-8", open("/tmp/names/\xff\xfe", O_WRONLY | O_CREAT, 0644));
	return 0;
}
