/*
 * <unistd.h> for programs on noux: wasi-libc's with the declarations
 * noux provides made visible (sysroot), plus the few that wasi-libc hides
 * in a block with others noux does not provide (posix_spawn's macro
 * among them), declared here one by one.
 */
#ifndef _NIDO_UNISTD_H
#define _NIDO_UNISTD_H

#include_next <unistd.h>

#ifdef __cplusplus
extern "C" {
#endif

pid_t vfork(void);
int getdtablesize(void);
void sync(void);

#ifdef __cplusplus
}
#endif
#endif
