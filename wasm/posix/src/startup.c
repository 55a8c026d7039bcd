/*
 * Start-up of a noux process. wasi-libc resolves every path against a
 * preopened directory; noux offers none at descriptor 3 (which belongs to
 * the program, as on Unix) but answers the root of the process's file
 * system under NOUX_ROOT_FD, a number beyond the descriptor table.
 * Then the process enters the working directory its creator had: exec
 * keeps the directory, as on Unix.
 */
#include <limits.h>
#include <unistd.h>
#include "noux.h"

#define NOUX_ROOT_FD 0x40000000

int __wasilibc_register_preopened_fd(int fd, const char *prefix);

__attribute__((constructor(60))) static void noux_startup(void)
{
	__wasilibc_register_preopened_fd(NOUX_ROOT_FD, "/");
	char cwd[PATH_MAX];
	if (__noux_cwd(cwd, sizeof cwd) > 0) chdir(cwd);
}
