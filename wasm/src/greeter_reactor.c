/*
 * A WASI reactor (no main; built with -mexec-model=reactor because its
 * name ends in _reactor): the host initializes it once and then calls its
 * exports, as ruby.wasm's driver does with CRuby.
 */
#include <stdio.h>
#include <stdlib.h>

static int calls;

__attribute__((export_name("greet"))) int greet(int times)
{
	const char *who = getenv("WHO");
	for (int i = 0; i < times; i++) printf("hello %d from %s\n", ++calls, who ? who : "nobody");
	fflush(stdout);
	return calls;
}
