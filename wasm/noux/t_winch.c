/*
 * t_winch (terminal): the terminal's size change as SIGWINCH. Prints the
 * size (TIOCGWINSZ) as "size: ROWSxCOLUMNS", then waits in sigsuspend for
 * SIGWINCH and prints "winch: ROWSxCOLUMNS" with the new size, once; ends
 * by itself after 60 s without one. A driver resizes the terminal after
 * the first line.
 */
#include <signal.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

static volatile sig_atomic_t changed;

static void on_winch(int signal_number)
{
	(void)signal_number;
	changed = 1;
}

static void show(const char *what)
{
	struct winsize size;
	if (ioctl(0, TIOCGWINSZ, &size) < 0) perror("TIOCGWINSZ");
	else printf("%s: %ux%u\n", what, size.ws_row, size.ws_col);
	fflush(stdout);
}

int main(void)
{
	struct sigaction action = { 0 };
	action.sa_handler = on_winch;
	sigaction(SIGWINCH, &action, NULL);
	sigset_t blocked, waiting;
	sigemptyset(&blocked);
	sigaddset(&blocked, SIGWINCH);
	sigprocmask(SIG_BLOCK, &blocked, &waiting);
	alarm(60);
	show("size");
	while (!changed) sigsuspend(&waiting);
	show("winch");
	return 0;
}
