/*
 * <stdlib.h> for programs on noux: wasi-libc's, plus the temporary files
 * it hides ("WASI has no temp directories"): noux has a file system with
 * a /tmp where the fstab gives one, and the POSIX layer makes them
 * (src/tempfile.c). Declared under the feature macros musl declares them
 * under.
 */
#ifndef _NIDO_STDLIB_H
#define _NIDO_STDLIB_H

#include_next <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_POSIX_SOURCE) || defined(_POSIX_C_SOURCE) || defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
int mkstemp(char *);
int mkostemp(char *, int);
char *mkdtemp(char *);
#endif

#if defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
char *mktemp(char *);
int mkstemps(char *, int);
int mkostemps(char *, int, int);
#endif

#ifdef __cplusplus
}
#endif
#endif
