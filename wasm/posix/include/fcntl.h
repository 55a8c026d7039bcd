/*
 * <fcntl.h> for programs on noux: wasi-libc's, plus the descriptor
 * duplication commands noux answers (musl's numbers). O_CLOEXEC stays
 * wasi-libc's 0, because wasi-libc's open() has no way to pass it on:
 * set FD_CLOEXEC with fcntl(F_SETFD) after opening (docs/noux.md).
 *
 * The open and status flags that wasi-libc defines through WASI's typed
 * constants (`((__wasi_fdflags_t)(1 << 2))`) are defined again with the
 * same values as plain numbers: POSIX wants them "suitable for use in #if
 * preprocessing directives", and programs test them so (gzip's and tar's
 * `#if defined F_SETFL && O_NONBLOCK`). src/fd.c checks that the values
 * are WASI's.
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

/* WASI's fdflags. */
#undef O_APPEND
#define O_APPEND 0x0001
#undef O_DSYNC
#define O_DSYNC 0x0002
#undef O_NONBLOCK
#define O_NONBLOCK 0x0004
#undef O_RSYNC
#define O_RSYNC 0x0008
#undef O_SYNC
#define O_SYNC 0x0010
/* WASI's oflags, shifted by 12 as wasi-libc does. */
#undef O_CREAT
#define O_CREAT 0x1000
#undef O_DIRECTORY
#define O_DIRECTORY 0x2000
#undef O_EXCL
#define O_EXCL 0x4000
#undef O_TRUNC
#define O_TRUNC 0x8000

#endif
