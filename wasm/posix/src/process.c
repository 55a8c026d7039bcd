/*
 * Processes: fork, exec, wait and the process identifiers, answered by
 * noux. fork returns twice because the runtime unwinds the program's
 * stack into __noux_fork_stack, copies its memory into the new process
 * and winds both back (docs/noux.md, "How fork works").
 */
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "noux.h"

extern char **environ;

pid_t fork(void) { return noux_result(__noux_fork()); }
pid_t _Fork(void) { return fork(); }
/* A vfork'd child may do what a forked one may, so fork is a correct vfork. */
pid_t vfork(void) { return fork(); }

/* Joins a NULL-terminated vector into NUL-separated strings. */
static char *join(char *const vector[], size_t *length)
{
	size_t total = 0;
	for (size_t i = 0; vector && vector[i]; i++) total += strlen(vector[i]) + 1;
	char *block = malloc(total + 1);
	if (!block) return 0;
	char *at = block;
	for (size_t i = 0; vector && vector[i]; i++) {
		size_t n = strlen(vector[i]) + 1;
		memcpy(at, vector[i], n);
		at += n;
	}
	*length = total;
	return block;
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	size_t argv_length = 0, envp_length = 0;
	char *args = join(argv, &argv_length);
	char *env = join(envp, &envp_length);
	char cwd[PATH_MAX];
	if (!args || !env || !getcwd(cwd, sizeof cwd)) {
		free(args);
		free(env);
		if (errno == 0) errno = ENOMEM;
		return -1;
	}
	/* Returns only if the program could not be replaced. */
	int result = __noux_execve(path, args, argv_length, env, envp_length, cwd);
	free(args);
	free(env);
	return noux_result(result);
}

int execv(const char *path, char *const argv[]) { return execve(path, argv, environ); }

int execvpe(const char *file, char *const argv[], char *const envp[])
{
	if (!*file) {
		errno = ENOENT;
		return -1;
	}
	if (strchr(file, '/')) return execve(file, argv, envp);
	const char *path = getenv("PATH");
	if (!path) path = "/usr/local/bin:/bin:/usr/bin";
	size_t file_length = strnlen(file, NAME_MAX + 1);
	if (file_length > NAME_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	/* As musl: EACCES from any candidate is reported if no candidate runs. */
	int seen_eacces = 0;
	for (const char *p = path, *z; ; p = z + 1) {
		z = strchr(p, ':');
		if (!z) z = p + strlen(p);
		size_t dir_length = (size_t)(z - p);
		char candidate[PATH_MAX];
		if (dir_length + 1 + file_length + 1 <= sizeof candidate) {
			memcpy(candidate, p, dir_length);
			candidate[dir_length] = '/';
			memcpy(candidate + dir_length + (dir_length > 0), file, file_length + 1);
			execve(candidate, argv, envp);
			if (errno == EACCES) seen_eacces = 1;
			else if (errno != ENOENT && errno != ENOTDIR) return -1;
		}
		if (!*z) break;
	}
	if (seen_eacces) errno = EACCES;
	return -1;
}

int execvp(const char *file, char *const argv[]) { return execvpe(file, argv, environ); }

/* The list forms gather their arguments into a vector on the stack. */
#define GATHER(first, args, extra) \
	int count = 1; \
	va_list ap; \
	va_start(ap, first); \
	while (va_arg(ap, const char *)) count++; \
	va_end(ap); \
	char *args[count + 1]; \
	args[0] = (char *)(first); \
	va_start(ap, first); \
	for (int i = 1; i <= count; i++) args[i] = va_arg(ap, char *); \
	extra; \
	va_end(ap)

int execl(const char *path, const char *arg, ...)
{
	GATHER(arg, args, (void)0);
	return execv(path, args);
}

int execlp(const char *file, const char *arg, ...)
{
	GATHER(arg, args, (void)0);
	return execvp(file, args);
}

int execle(const char *path, const char *arg, ...)
{
	char **envp;
	GATHER(arg, args, envp = va_arg(ap, char **));
	return execve(path, args, envp);
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage)
{
	int code = 0;
	int result = noux_result(__noux_wait4(pid, &code, options));
	if (result > 0 && status) *status = code;
	if (usage) memset(usage, 0, sizeof *usage);
	return result;
}

pid_t waitpid(pid_t pid, int *status, int options) { return wait4(pid, status, options, 0); }
pid_t wait(int *status) { return wait4(-1, status, 0, 0); }
pid_t wait3(int *status, int options, struct rusage *usage) { return wait4(-1, status, options, usage); }

pid_t getpid(void) { return __noux_getpid(); }
pid_t getppid(void) { return __noux_getppid(); }
pid_t getpgid(pid_t pid) { return noux_result(__noux_getpgid(pid)); }
pid_t getpgrp(void) { return getpgid(0); }
int setpgid(pid_t pid, pid_t pgid) { return noux_result(__noux_setpgid(pid, pgid)); }
pid_t setpgrp(void) { return setpgid(0, 0); }
pid_t getsid(pid_t pid) { return noux_result(__noux_getsid(pid)); }
pid_t setsid(void) { return noux_result(__noux_setsid()); }

/* One user (docs/noux.md): the identities are all 0 and cannot change. */
uid_t getuid(void) { return 0; }
uid_t geteuid(void) { return 0; }
gid_t getgid(void) { return 0; }
gid_t getegid(void) { return 0; }
int getgroups(int size, gid_t list[])
{
	if (size == 0) return 1;
	if (size < 1) {
		errno = EINVAL;
		return -1;
	}
	list[0] = 0;
	return 1;
}
static int same_identity(unsigned id)
{
	if (id == 0) return 0;
	errno = EPERM;
	return -1;
}
int setuid(uid_t uid) { return same_identity(uid); }
int seteuid(uid_t uid) { return same_identity(uid); }
int setgid(gid_t gid) { return same_identity(gid); }
int setegid(gid_t gid) { return same_identity(gid); }
/* The supplementary groups are the one group: asking for it is no change (tar resets a child's so before it runs rsh). */
int initgroups(const char *user, gid_t group)
{
	(void)user;
	return same_identity(group);
}

mode_t umask(mode_t mask) { return (mode_t)__noux_umask((int)(mask & 0777)); }
