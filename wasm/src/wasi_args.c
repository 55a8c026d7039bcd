/* WASI test: args_get, args_sizes_get, environ_get, environ_sizes_get. */
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>
#include "check.h"

extern char **environ;

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	printf("argc: %d\n", argc);
	for (int i = 0; i < argc; i++) printf("argv[%d]: \"%s\"\n", i, argv[i]);
	printf("argv[argc]: %s\n", argv[argc] == NULL ? "NULL" : "set");

	__wasi_size_t count = 0, size = 0;
	WASI("args_sizes_get", __wasi_args_sizes_get(&count, &size));
	printf("args count/bytes: %u/%u\n", (unsigned)count, (unsigned)size);
	WASI("environ_sizes_get", __wasi_environ_sizes_get(&count, &size));
	printf("environ count/bytes: %u/%u\n", (unsigned)count, (unsigned)size);

	size_t n = 0;
	while (environ[n] != NULL) n++;
	char **sorted = malloc((n + 1) * sizeof *sorted);
	memcpy(sorted, environ, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, by_text);
	for (size_t i = 0; i < n; i++) printf("env: \"%s\"\n", sorted[i]);

	const char *home = getenv("HOME");
	printf("getenv HOME: %s\n", home ? home : "(unset)");
	printf("getenv MISSING: %s\n", getenv("NIDO_MISSING") ? "set" : "(unset)");
	WASI("args_get to bad memory", __wasi_args_get((uint8_t **)0xfffffff0u, (uint8_t *)0xfffffff0u));
	return 0;
}
