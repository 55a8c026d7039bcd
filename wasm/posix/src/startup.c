/*
 * Start-up of a noux process. wasi-libc resolves every path against a
 * preopened directory; noux offers none at descriptor 3 (which belongs to
 * the program, as on Unix) but answers the root of the process's file
 * system under NOUX_ROOT_FD, a number beyond the descriptor table.
 * Then the process enters the working directory its creator had: exec
 * keeps the directory, as on Unix. And it learns its name: wasi-libc has
 * musl's program_invocation_name and program_invocation_short_name but,
 * unlike musl's start code, never sets them; GNU programs name themselves
 * in their messages by them (gnulib's error() and getprogname()).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>
#include "noux.h"

extern char *__progname, *__progname_full;

/* argv[0] from WASI's arguments, which wasi-libc reads again for main. */
static void learn_program_name(void)
{
	__wasi_size_t count, size;
	if (__wasi_args_sizes_get(&count, &size) != 0 || count == 0) return;
	char **argv = malloc(count * sizeof *argv);
	char *strings = malloc(size);
	if (!argv || !strings || __wasi_args_get((uint8_t **)argv, (uint8_t *)strings) != 0) {
		free(argv);
		free(strings);
		return;
	}
	__progname_full = argv[0];
	char *slash = strrchr(argv[0], '/');
	__progname = slash ? slash + 1 : argv[0];
	free(argv);
}

#define NOUX_ROOT_FD 0x40000000

int __wasilibc_register_preopened_fd(int fd, const char *prefix);

__attribute__((constructor(60))) static void noux_startup(void)
{
	__wasilibc_register_preopened_fd(NOUX_ROOT_FD, "/");
	char cwd[PATH_MAX];
	if (__noux_cwd(cwd, sizeof cwd) > 0) chdir(cwd);
	learn_program_name();
}
