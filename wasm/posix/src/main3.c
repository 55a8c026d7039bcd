/*
 * main with the environment as its third argument, as Unix programs of
 * old (bash among them) declare it: int main(int argc, char **argv,
 * char **envp). clang on wasm32 renames a two-argument main to
 * __main_argc_argv, which wasi-libc's start code calls; a main of three
 * keeps its name, and wasi-libc's own fallback would call it with two
 * (a signature mismatch: the program traps at once). This fallback, in
 * an archive of its own linked before wasi-libc, calls such a main with
 * the environment. It is linked only where wasi-libc's start code looks
 * for __main_argc_argv and the program has none: a program whose main
 * takes two arguments brings its own (unless it is a K&R definition,
 * below), one whose main takes none starts elsewhere (the weak reference
 * to main keeps the linker from wanting one).
 */
#include <stdlib.h>
#include "noux.h"

extern char **environ;
extern int main(int argc, char **argv, char **envp) __attribute__((weak));

__attribute__((weak)) int __main_argc_argv(int argc, char **argv)
{
	/*
	 * A K&R main of two (`int main(argc, argv) int argc; char **argv;`)
	 * is not renamed by clang either. Calls go through the table, as
	 * direct ones would make the linker put a trap in place of the one
	 * that does not match, and the runtime says how many parameters
	 * main has (a program built with fpcast-emu takes any call).
	 */
	int (*volatile three)(int, char **, char **) = main;
	if (!three) abort();
	if (__noux_function_params((void *)three) == 2) {
		int (*volatile two)(int, char **) = (int (*)(int, char **))(void *)three;
		return two(argc, argv);
	}
	return three(argc, argv, environ);
}
