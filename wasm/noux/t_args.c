/*
 * t_args: the program other tests exec, to see what arrived on the far
 * side of an exec. Without options it prints its argument vector and the
 * environment variables whose names start with "T_" (the ones the tests
 * set; the driver's own variables differ between systems):
 *
 *   argc: 3
 *   argv[0]: t_args
 *   argv[1]: one
 *   argv[2]: two words
 *   env: T_ONE=1
 *
 * An argument that starts with $TEST_BIN or $TMPDIR is printed with the
 * variable's name instead of its value, so a script's path reads the same
 * on Linux and under noux.
 *
 * Options (first argument) make it probe what exec keeps and resets:
 *   --fds N...   whether each descriptor N is open ("fd 20: open")
 *   --signals    dispositions of SIGINT and SIGUSR1, whether SIGUSR2 is blocked
 *   --cwd        the last component of the working directory
 *   --exit N     exits with status N after printing nothing
 */
#include <fcntl.h>
#include "noux_check.h"

extern char **environ;

/* Prints text with a leading $TEST_BIN or $TMPDIR replaced by the name. */
static void print_normalized(const char *label, const char *text)
{
	static const char *const names[] = { "TEST_BIN", "TMPDIR" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const char *value = getenv(names[i]);
		size_t length = value != NULL ? strlen(value) : 0;
		if (length > 0 && strncmp(text, value, length) == 0
		    && (text[length] == '/' || text[length] == '\0')) {
			printf("%s: $%s%s\n", label, names[i], text + length);
			return;
		}
	}
	printf("%s: %s\n", label, text);
}

static const char *disposition(int signal_number)
{
	struct sigaction current;
	if (sigaction(signal_number, NULL, &current) < 0) return errno_name(errno);
	if (current.sa_handler == SIG_IGN) return "ignored";
	if (current.sa_handler == SIG_DFL) return "default";
	return "handled";
}

static void probe_signals(void)
{
	printf("SIGINT: %s\n", disposition(SIGINT));
	printf("SIGUSR1: %s\n", disposition(SIGUSR1));
	sigset_t blocked;
	sigprocmask(SIG_BLOCK, NULL, &blocked);
	printf("SIGUSR2 blocked: %s\n", sigismember(&blocked, SIGUSR2) ? "yes" : "no");
}

static void probe_cwd(void)
{
	char path[4096];
	if (getcwd(path, sizeof path) == NULL) {
		printf("cwd: %s\n", errno_name(errno));
		return;
	}
	const char *last = strrchr(path, '/');
	printf("cwd: %s\n", last != NULL && last[1] != '\0' ? last + 1 : path);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && strcmp(argv[1], "--fds") == 0) {
		for (int i = 2; i < argc; i++) {
			int fd = atoi(argv[i]);
			printf("fd %d: %s\n", fd, fcntl(fd, F_GETFD) >= 0 ? "open" : "closed");
		}
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--signals") == 0) {
		probe_signals();
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--cwd") == 0) {
		probe_cwd();
		return 0;
	}
	if (argc > 2 && strcmp(argv[1], "--exit") == 0) return atoi(argv[2]);
	printf("argc: %d\n", argc);
	for (int i = 0; i < argc; i++) {
		char label[32];
		snprintf(label, sizeof label, "argv[%d]", i);
		print_normalized(label, argv[i]);
	}
	if (argv[argc] != NULL) printf("argv[argc]: not NULL\n");
	for (char **entry = environ; *entry != NULL; entry++)
		if (strncmp(*entry, "T_", 2) == 0) printf("env: %s\n", *entry);
	return 0;
}
