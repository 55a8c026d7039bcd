/*
 * t_term: the terminal interface (termios) as programs use it, run on a
 * terminal (natively a tmux pane, under noux the runtime's terminal).
 * Without a terminal it prints "isatty 0: no" and exits 1.
 *
 * It prints, then waits for keys; a driver sends, after each prompt:
 *
 *   term: type hellp, Backspace, o, Enter     hellp BSpace o Enter
 *   term: ICRNL off, type x, Enter, Ctrl-J    x Enter C-j
 *   term: raw, press a, Backspace, Enter      a BSpace Enter
 *
 * (tmux send-keys names; Backspace must send DEL, 0x7f, which is VERASE
 * on Linux and xterm-like terminals; Enter sends CR.) Then it reads twice
 * without typing and prints "term: done". Expected lines, each after its
 * prompt:
 *
 *   canonical read: hello\n          the line editor erased 'p'; ICRNL made CR a NL
 *   ICRNL off read: x\r\n           CR kept, only NL (Ctrl-J) ended the line
 *   raw bytes: 61 7f 0a              no line editing, no echo, byte by byte
 *   raw read, VMIN 0 VTIME 0: 0      answers at once
 *   raw read, VMIN 0 VTIME 2: 0      answers after 0.2 s
 *
 * On the screen the typed "hello" and "x" are echoed; "a" is not (ECHO is
 * off in raw mode). Before, it checks isatty (and that a pipe is not a
 * terminal: ENOTTY), the window size (rows and columns non-zero) and that
 * the terminal's foreground group is its own; after, that tcsetattr put
 * the saved settings back. Each read is bounded by a 30 s alarm whose
 * handler restores the settings and exits 1.
 */
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include "noux_check.h"

static struct termios saved;

static void on_alarm(int signal_number)
{
	(void)signal_number;
	tcsetattr(0, TCSAFLUSH, &saved);
	static const char message[] = "term: timeout\n";
	write(1, message, sizeof message - 1);
	_exit(1);
}

/* The bytes as C escapes, for the lines read. */
static void print_escaped(const char *label, const char *bytes, ssize_t count)
{
	printf("%s: ", label);
	for (ssize_t i = 0; i < count; i++) {
		if (bytes[i] == '\n') printf("\\n");
		else if (bytes[i] == '\r') printf("\\r");
		else if ((unsigned char)bytes[i] < 32 || bytes[i] == 127) printf("\\x%02x", (unsigned char)bytes[i]);
		else putchar(bytes[i]);
	}
	if (count < 0) printf("%s", errno_name(errno));
	printf("\n");
}

static ssize_t read_line(char *buffer, size_t size)
{
	alarm(30);
	ssize_t n = read(0, buffer, size);
	alarm(0);
	return n;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	EXPECT("isatty 0", isatty(0));
	if (!isatty(0)) return 1;
	EXPECT("isatty 1", isatty(1));
	int ends[2];
	if (pipe(ends) == 0) {
		errno = 0;
		printf("isatty of a pipe: %s, %s\n", isatty(ends[0]) ? "yes" : "no", errno_name(errno));
		struct termios unused;
		FAILS("tcgetattr of a pipe", tcgetattr(ends[0], &unused));
		close(ends[0]);
		close(ends[1]);
	}
	CHECK("tcgetattr", tcgetattr(0, &saved));
	signal(SIGALRM, on_alarm);
	struct winsize size;
	memset(&size, 0, sizeof size);
	CHECK("TIOCGWINSZ", ioctl(0, TIOCGWINSZ, &size));
	EXPECT("rows and columns non-zero", size.ws_row > 0 && size.ws_col > 0);
	EXPECT("tcgetpgrp equals getpgrp", tcgetpgrp(0) == getpgrp());

	/* Canonical mode with echo and CR-to-NL, whatever the terminal was left in. */
	struct termios mode = saved;
	mode.c_lflag |= ICANON | ECHO | ISIG;
	mode.c_iflag |= ICRNL;
	CHECK("tcsetattr canonical", tcsetattr(0, TCSAFLUSH, &mode));
	char line[256];
	printf("term: type hellp, Backspace, o, Enter\n");
	ssize_t n = read_line(line, sizeof line);
	print_escaped("canonical read", line, n);

	mode.c_iflag &= ~ICRNL;
	CHECK("tcsetattr without ICRNL", tcsetattr(0, TCSAFLUSH, &mode));
	printf("term: ICRNL off, type x, Enter, Ctrl-J\n");
	n = read_line(line, sizeof line);
	print_escaped("ICRNL off read", line, n);

	/* Raw: no line editing, no echo, a read answers as soon as one byte is there. */
	mode.c_iflag |= ICRNL;
	mode.c_lflag &= ~(ICANON | ECHO);
	mode.c_cc[VMIN] = 1;
	mode.c_cc[VTIME] = 0;
	CHECK("tcsetattr raw", tcsetattr(0, TCSAFLUSH, &mode));
	printf("term: raw, press a, Backspace, Enter\n");
	printf("raw bytes:");
	for (int i = 0; i < 3; i++) {
		unsigned char byte;
		n = read_line((char *)&byte, 1);
		if (n == 1) printf(" %02x", byte);
		else printf(" (%s)", n == 0 ? "end of file" : errno_name(errno));
	}
	printf("\n");
	mode.c_cc[VMIN] = 0;
	CHECK("tcsetattr VMIN 0", tcsetattr(0, TCSANOW, &mode));
	VALUE("raw read, VMIN 0 VTIME 0", read_line(line, sizeof line));
	mode.c_cc[VTIME] = 2;
	CHECK("tcsetattr VTIME 2", tcsetattr(0, TCSANOW, &mode));
	struct timespec before, after;
	clock_gettime(CLOCK_MONOTONIC, &before);
	VALUE("raw read, VMIN 0 VTIME 2", read_line(line, sizeof line));
	clock_gettime(CLOCK_MONOTONIC, &after);
	long waited = (after.tv_sec - before.tv_sec) * 1000 + (after.tv_nsec - before.tv_nsec) / 1000000;
	EXPECT("VTIME 2 waited at least 150 ms", waited >= 150);

	CHECK("tcsetattr saved settings", tcsetattr(0, TCSAFLUSH, &saved));
	struct termios now;
	tcgetattr(0, &now);
	EXPECT("settings restored", now.c_lflag == saved.c_lflag && now.c_iflag == saved.c_iflag
	       && now.c_oflag == saved.c_oflag && now.c_cc[VMIN] == saved.c_cc[VMIN]);
	printf("term: done\n");
	return 0;
}
