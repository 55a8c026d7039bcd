/*
 * <fcntl.h> for programs on noux: wasi-libc's, plus the descriptor
 * duplication commands noux answers (musl's numbers). O_CLOEXEC stays
 * wasi-libc's 0, because wasi-libc's open() has no way to pass it on:
 * set FD_CLOEXEC with fcntl(F_SETFD) after opening (docs/noux.md).
 */
#ifndef _NIDO_FCNTL_H
#define _NIDO_FCNTL_H

#include_next <fcntl.h>

#ifndef F_DUPFD
#define F_DUPFD 0
#endif
#ifndef F_DUPFD_CLOEXEC
#define F_DUPFD_CLOEXEC 1030
#endif

#endif
