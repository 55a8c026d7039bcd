/*
 * <signal.h> for programs on noux: wasi-libc's with the declarations noux
 * provides made visible (sysroot), plus sigaction's flags, which musl
 * keeps in the per-architecture header that wasi-libc replaced (Linux's
 * numbers).
 */
#ifndef _NIDO_SIGNAL_H
#define _NIDO_SIGNAL_H

#include_next <signal.h>

#define SA_NOCLDSTOP  1
#define SA_NOCLDWAIT  2
#define SA_SIGINFO    4
#define SA_ONSTACK    0x08000000
#define SA_RESTART    0x10000000
#define SA_NODEFER    0x40000000
#define SA_RESETHAND  0x80000000
#define SA_RESTORER   0x04000000

#define MINSIGSTKSZ 2048
#define SIGSTKSZ    8192

#endif
