/*
 * t_tempfile: temporary files from a template, which wasi-libc leaves out
 * and the POSIX layer makes (wasm/posix/src/tempfile.c; GNU make keeps
 * `make -f -`'s input in one): mkstemp, mkstemps, mkdtemp and mktemp
 * replace the template's six X with a name that was free, create the file
 * or directory (mkstemp refuses to reuse one), and reject a template
 * without six X with EINVAL, leaving it as it was. Also the O_* flags of
 * <fcntl.h> in #if, as POSIX has them (gzip and tar test them so).
 */
#include <fcntl.h>
#include <sys/stat.h>
#include "noux_check.h"

#if !(O_NONBLOCK && O_APPEND && O_CREAT && O_EXCL && O_TRUNC)
#error "the O_* flags of <fcntl.h> are not usable in #if"
#endif

/* Whether `name` is `template` with its six X (before `suffix` bytes) replaced, and nothing else changed. */
static int replaced(const char *name, const char *template, size_t suffix)
{
	size_t length = strlen(template);
	if (strlen(name) != length) return 0;
	size_t x = length - suffix - 6;
	return memcmp(name, template, x) == 0 && memcmp(name + x, "XXXXXX", 6) != 0 && strcmp(name + x + 6, template + x + 6) == 0;
}

int main(void)
{
	noux_start(30);
	const char *tmp = getenv("TMPDIR");
	if (tmp == NULL) tmp = "/tmp";
	char template[256], first[256], second[256];
	snprintf(template, sizeof template, "%s/t_tempfile.XXXXXX", tmp);

	strcpy(first, template);
	int fd = mkstemp(first);
	EXPECT("mkstemp opens a file", fd >= 0);
	EXPECT("mkstemp replaced the six X", replaced(first, template, 0));
	CHECK("write to it", write(fd, "x", 1));
	struct stat info;
	EXPECT("it is a regular file of 1 byte", stat(first, &info) == 0 && S_ISREG(info.st_mode) && info.st_size == 1);
	strcpy(second, template);
	int other = mkstemp(second);
	EXPECT("a second mkstemp makes another", other >= 0 && strcmp(first, second) != 0);
	close(fd);
	close(other);
	unlink(first);
	unlink(second);

	snprintf(template, sizeof template, "%s/t_tempfile.XXXXXX.txt", tmp);
	strcpy(first, template);
	fd = mkstemps(first, 4);
	EXPECT("mkstemps keeps the suffix", fd >= 0 && replaced(first, template, 4));
	close(fd);
	unlink(first);

	snprintf(template, sizeof template, "%s/t_tempdir.XXXXXX", tmp);
	strcpy(first, template);
	EXPECT("mkdtemp answers the template", mkdtemp(first) == first);
	EXPECT("it is a directory", stat(first, &info) == 0 && S_ISDIR(info.st_mode) && replaced(first, template, 0));
	CHECK("rmdir it", rmdir(first));

	strcpy(first, template);
	EXPECT("mktemp names a file that is not there", mktemp(first) == first && replaced(first, template, 0)
		&& stat(first, &info) < 0 && errno == ENOENT);

	snprintf(template, sizeof template, "%s/t_tempfile.XXXXX", tmp);
	strcpy(first, template);
	FAILS("mkstemp of five X", mkstemp(first));
	EXPECT("the template is as it was", strcmp(first, template) == 0);
	strcpy(first, template);
	EXPECT("mkdtemp of five X", mkdtemp(first) == NULL && errno == EINVAL);
	snprintf(template, sizeof template, "%s/no-such-directory/t_tempfile.XXXXXX", tmp);
	strcpy(first, template);
	FAILS("mkstemp in a missing directory", mkstemp(first));
	return 0;
}
