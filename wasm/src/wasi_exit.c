/* WASI test: proc_exit. Exits with the code given as argument, after writing buffered output. */
#include <stdlib.h>
#include "check.h"

static void at_exit(void)
{
	printf("atexit handler ran\n");
}

int main(int argc, char **argv)
{
	atexit(at_exit);
	int code = argc > 1 ? atoi(argv[1]) : 0;
	printf("exiting with %d\n", code);
	if (argc > 2) _Exit(code); /* no atexit handlers, no flush of stdio */
	exit(code);
}
