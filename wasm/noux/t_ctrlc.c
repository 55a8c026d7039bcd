/*
 * t_ctrlc: Ctrl-C on a terminal reaches the foreground process as SIGINT.
 * Run on a terminal (natively a tmux pane, under noux the runtime's
 * terminal), in the foreground. It prints "ready" and reads standard
 * input until end of file (then prints "eof" and exits 0); the driver
 * waits for "ready" and sends Ctrl-C (tmux: send-keys C-c).
 *
 *   t_ctrlc             SIGINT at its default: the process dies by SIGINT;
 *                       a shell shows status 130 and a new prompt
 *   t_ctrlc --handler   a handler catches it; the interrupted read fails
 *                       with EINTR and it prints "got SIGINT", exits 0
 *
 * SIGINT is set explicitly (default or handler) rather than inherited, so
 * the check is of the terminal's signal, not of what the parent left.
 * After a stop (Ctrl-Z) and SIGCONT (a shell's fg) it prints "continued":
 * a driver waits for that before its next key, since only then is the
 * process the terminal's foreground again.
 * A 60 s alarm ends it if no signal ever comes.
 */
#include "noux_check.h"

static volatile sig_atomic_t interrupted, continued;

static void on_interrupt(int signal_number)
{
	(void)signal_number;
	interrupted = 1;
}

static void on_continue(int signal_number)
{
	(void)signal_number;
	continued = 1;
}

int main(int argc, char **argv)
{
	noux_start(60);
	int with_handler = argc > 1 && strcmp(argv[1], "--handler") == 0;
	struct sigaction action;
	memset(&action, 0, sizeof action);
	sigemptyset(&action.sa_mask);
	/* No SA_RESTART: the read must come back with EINTR for the loop to notice. */
	action.sa_handler = with_handler ? on_interrupt : SIG_DFL;
	sigaction(SIGINT, &action, NULL);
	action.sa_handler = on_continue;
	sigaction(SIGCONT, &action, NULL);
	printf("ready\n");
	char buffer[256];
	for (;;) {
		ssize_t n = read(0, buffer, sizeof buffer);
		if (continued) {
			continued = 0;
			printf("continued\n");
		}
		if (interrupted) {
			printf("got SIGINT\n");
			return 0;
		}
		if (n == 0) {
			printf("eof\n");
			return 0;
		}
		if (n < 0 && errno != EINTR) {
			printf("read: %s\n", errno_name(errno));
			return 1;
		}
	}
}
