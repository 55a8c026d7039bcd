/*
 * sysconf (-Wl,--wrap=sysconf): wasi-libc answers _SC_PHYS_PAGES and
 * _SC_AVPHYS_PAGES with an internal code (a negative number), so gnulib's
 * physmem guesses 64 MB and GNU sort, which sizes its buffer by it, sorts
 * 10 MB through temporary files. A process's memory is what noux can
 * give it: noux's RAM quota, and what of it is available now.
 */
#include <unistd.h>
#include "noux.h"

long __real_sysconf(int name);

long __wrap_sysconf(int name)
{
	switch (name) {
	case _SC_PHYS_PAGES: return __noux_memory_pages(0);
	case _SC_AVPHYS_PAGES: return __noux_memory_pages(1);
	default: return __real_sysconf(name);
	}
}
