/*
 * sbrk (-Wl,--wrap=sbrk): wasi-libc's malloc grows linear memory through
 * sbrk, between two system calls and by as much as a program asks for
 * (sort and sed take megabytes at once). A noux process's memory is paid
 * from its PD's RAM quota; growing beyond it ends the PD. So growth asks
 * noux for the quota first (noux's `reserve`, docs/noux.md), and a
 * refusal is what POSIX says: sbrk fails with ENOMEM, malloc answers NULL,
 * and the program decides (GNU tools print "memory exhausted").
 */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#include "noux.h"

void *__real_sbrk(intptr_t increment);

void *__wrap_sbrk(intptr_t increment)
{
	if (increment > 0) {
		uintptr_t end = (uintptr_t)__real_sbrk(0) + (uintptr_t)increment;
		if (end > __builtin_wasm_memory_size(0) * 65536u) {
			int result = __noux_memory_reserve(end);
			if (result < 0) {
				errno = -result;
				return (void *)-1;
			}
		}
	}
	return __real_sbrk(increment);
}

/*
 * POSIX has malloc, calloc and realloc set errno to ENOMEM when they
 * answer NULL; wasi-libc's dlmalloc is built without that (errno stays as
 * it was), so programs that report strerror(errno) would say "Success".
 * (-Wl,--wrap=malloc,calloc,realloc.)
 */
void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *old, size_t size);

void *__wrap_malloc(size_t size)
{
	void *memory = __real_malloc(size);
	if (memory == NULL && size != 0) errno = ENOMEM;
	return memory;
}

void *__wrap_calloc(size_t count, size_t size)
{
	void *memory = __real_calloc(count, size);
	if (memory == NULL && count != 0 && size != 0) errno = ENOMEM;
	return memory;
}

void *__wrap_realloc(void *old, size_t size)
{
	void *memory = __real_realloc(old, size);
	if (memory == NULL && size != 0) errno = ENOMEM;
	return memory;
}
