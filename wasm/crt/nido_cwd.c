/*
 * Part of Nido's C runtime, linked into every program built from
 * wasm/src: changes into the working directory that the component's
 * `<libc cwd>` names. The runtime passes it as $PWD, because wasi-libc
 * starts every program in "/" and keeps its current directory to itself.
 */
#include <stdlib.h>
#include <unistd.h>

__attribute__((constructor)) static void nido_enter_cwd(void)
{
	const char *pwd = getenv("PWD");
	if (pwd != NULL && pwd[0] == '/' && pwd[1] != '\0')
		(void)chdir(pwd);
}
