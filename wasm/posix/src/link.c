/*
 * linkat with both descriptors AT_FDCWD: Debian's wasi-libc resolves the
 * two paths into one buffer, so the new name's path is passed as the old
 * one too (linkat(AT_FDCWD, "a", AT_FDCWD, "b", 0) asks to link b to b:
 * ENOENT). link, which resolves them one after the other, is right; this
 * wrapper (-Wl,--wrap=linkat) takes that way. GNU ln calls linkat so.
 */
#include <fcntl.h>
#include <unistd.h>

int __real_linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags);

int __wrap_linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)
{
	if (olddirfd == AT_FDCWD && newdirfd == AT_FDCWD && flags == 0) return link(oldpath, newpath);
	return __real_linkat(olddirfd, oldpath, newdirfd, newpath, flags);
}
