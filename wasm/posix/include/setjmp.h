/*
 * <setjmp.h> for programs built with `nido cc` (wasi-libc has none).
 * WebAssembly cannot save and restore a machine stack, so clang lowers
 * every setjmp call (by name) into code that records the buffer, and
 * every longjmp into a jump that unwinds the frames in between
 * (Emscripten's scheme: -mllvm -enable-emscripten-sjlj); Nido's C runtime
 * supplies the few functions the lowering calls. setjmp therefore has to
 * stay a direct call in the function whose frame it marks: sigsetjmp is a
 * macro for that reason.
 */
#ifndef _SETJMP_H
#define _SETJMP_H

#include <signal.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct __jmp_buf_tag {
	unsigned long __jb[6];
	int __saved_mask;
	sigset_t __mask;
} jmp_buf[1];

typedef jmp_buf sigjmp_buf;

int setjmp(jmp_buf);
_Noreturn void longjmp(jmp_buf, int);
#define _setjmp setjmp
#define _longjmp longjmp

/* Saves the signal mask before marking the frame, when asked to. */
#define sigsetjmp(env, savemask) \
	((env)->__saved_mask = (savemask), \
	 (savemask) ? (void)sigprocmask(SIG_BLOCK, 0, &(env)->__mask) : (void)0, \
	 setjmp(env))
_Noreturn void siglongjmp(sigjmp_buf, int);

#ifdef __cplusplus
}
#endif
#endif
