/*
 * Locking of stdio streams (flockfile & co.): wasi-libc declares them but,
 * built without threads, has none. A process on noux has one thread
 * (wasm/posix/src/pthread.c), so a stream is always its own: the lock is
 * always had.
 */
#include <stdio.h>

void flockfile(FILE *file) { (void)file; }
int ftrylockfile(FILE *file) { (void)file; return 0; }
void funlockfile(FILE *file) { (void)file; }
