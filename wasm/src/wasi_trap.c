/* WASI test: a program that traps (unreachable, an out-of-bounds access, or a stack overflow, which wasm32 reports as one). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int recurse(volatile int depth)
{
	volatile char frame[1024];
	frame[0] = (char)depth;
	if (depth == -1) return 0; /* never: keeps the compiler from calling this an endless loop */
	return recurse(depth + 1) + frame[0];
}

int main(int argc, char **argv)
{
	(void)!write(1, "before the trap\n", 16);
	const char *how = argc > 1 ? argv[1] : "unreachable";
	if (strcmp(how, "memory") == 0) return *(volatile int *)0xfffffff0u;
	if (strcmp(how, "stack") == 0) return recurse(0);
	__builtin_trap();
}
