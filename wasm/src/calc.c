/*
 * calc: an interactive calculator with a line editor, the REPL that runs
 * on a Terminal. On a terminal (isatty) it reads keys one by one and
 * edits the line itself, as programs on Genode's raw terminals do:
 * left/right, home/end (also ctrl-a/ctrl-e), backspace, delete, ctrl-u,
 * history with up/down, ctrl-d on an empty line ends. Elsewhere it reads
 * plain lines without prompts, so it also works as a filter.
 *
 * The editor keeps its line on one row of the terminal: a line wider
 * than that scrolls horizontally (as readline's horizontal-scroll-mode),
 * showing the part around the cursor in the columns but the last, with
 * "< " instead of "> " while text is hidden on the left. The width comes
 * from the terminal plugin's companion file /dev/.terminal/info
 * (<terminal rows=".." columns=".."/>). The editor polls that file beside
 * its keyboard: Nido's C runtime reports it readable when the size changed
 * since it was last read, and the editor then lays the line out anew for
 * the new width (reflow). Without the file it assumes 80 columns.
 *
 *   > x = 6 * 7
 *   x = 42
 *   > sqrt(x - 6) / 2
 *   = 3
 *
 * Commands: "vars" lists the variables, "quit" ends.
 */
#include <ctype.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_LINE 256
#define MAX_HISTORY 32
#define MAX_VARIABLES 32
#define PROMPT "> "
#define PROMPT_SCROLLED "< "
#define PROMPT_CELLS 2
#define TERMINAL_INFO "/dev/.terminal/info"
#define DEFAULT_COLUMNS 80

static int interactive;

/* ---- output: on a raw terminal a line ends with CR LF ---- */

static void say(const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	vprintf(format, arguments);
	va_end(arguments);
	fputs(interactive ? "\r\n" : "\n", stdout);
	fflush(stdout);
}

static void raw(const char *text, size_t length)
{
	fflush(stdout);
	while (length > 0) {
		ssize_t n = write(1, text, length);
		if (n <= 0) return;
		text += n;
		length -= (size_t)n;
	}
}

/* ---- the line editor ---- */

static char history[MAX_HISTORY][MAX_LINE];
static int history_count;

static int read_key(void)
{
	unsigned char c;
	return read(0, &c, 1) == 1 ? c : -1;
}

/* ---- the terminal's width, from its info file ---- */

static int info_fd = -1;
static char info[128];
static int columns = DEFAULT_COLUMNS;

/* Reads the info file anew (which also tells the runtime it was read); answers whether it changed. */
static int read_info(void)
{
	char now[sizeof info];
	ssize_t n = pread(info_fd, now, sizeof now - 1, 0);
	if (n < 0) n = 0;
	now[n] = '\0';
	if (strcmp(now, info) == 0) return 0;
	strcpy(info, now);
	const char *value = strstr(info, "columns=\"");
	long parsed = value ? strtol(value + strlen("columns=\""), NULL, 10) : 0;
	if (parsed > 0 && parsed < 10000) columns = (int)parsed;
	return 1;
}

static void open_terminal_info(void)
{
	info_fd = open(TERMINAL_INFO, O_RDONLY);
	if (info_fd >= 0) read_info();
}

#define KEY_RESIZED -2

/*
 * Waits for a key or a new width, whichever comes first; answers the key,
 * KEY_RESIZED, or -1 at the end of input. A new height alone is no event.
 * An info file that is readable although it did not change cannot tell of
 * changes (a plain file, elsewhere than on Nido's terminal plugin): then
 * the editor waits for the key alone, so that the wait does not spin.
 */
static int next_event(void)
{
	while (info_fd >= 0) {
		struct pollfd watched[2] = { { .fd = 0, .events = POLLIN }, { .fd = info_fd, .events = POLLIN } };
		if (poll(watched, 2, -1) < 0) break;
		if (watched[1].revents & (POLLERR | POLLNVAL)) { close(info_fd); info_fd = -1; break; }
		if (watched[1].revents & POLLIN) {
			int before = columns;
			if (!read_info()) break;
			if (columns != before) return KEY_RESIZED;
		}
		if (watched[0].revents & (POLLIN | POLLHUP | POLLERR)) break;
	}
	return read_key();
}

/* What the line editor's row shows now. */
static struct {
	size_t scroll;  /* the first character of the line shown */
	size_t cells;   /* cells written, prompt included */
	size_t cursor;  /* the cursor's column */
} shown;

/*
 * Draws the line on its row, scrolled so that the cursor is seen. After a
 * change of width (`resized`), a terminal that reflows (tmux, most of
 * today's emulators) has rewrapped a row that no longer fits and put the
 * cursor as many rows below the row's start as its column lies beyond
 * whole rows of the new width (at the end of the text: in its last row),
 * so the editor goes up there first and clears what the old row left
 * below. A terminal that cuts rows instead (xterm) keeps the cursor on the
 * row; there the editor's way up may overwrite rows above after a shrink.
 */
static void redraw(const char *line, size_t length, size_t cursor, int resized)
{
	char buffer[MAX_LINE + 64];
	int n = 0;
	size_t width = (size_t)columns;
	if (resized && width > 0) {
		size_t rows_up = shown.cursor < shown.cells ? shown.cursor / width
		               : shown.cells > 0 ? (shown.cells - 1) / width : 0;
		if (rows_up > 0) n += snprintf(buffer + n, sizeof buffer - n, "\x1b[%zuA", rows_up);
	}
	/* the last column stays empty, so the cursor never waits at the margin to wrap */
	size_t room = width > PROMPT_CELLS + 1 ? width - PROMPT_CELLS - 1 : 1;
	if (cursor < shown.scroll) shown.scroll = cursor;
	if (cursor > shown.scroll + room) shown.scroll = cursor - room;
	if (length <= room) shown.scroll = 0;
	else if (shown.scroll > length - room) shown.scroll = length - room;
	size_t visible = length - shown.scroll < room ? length - shown.scroll : room;
	n += snprintf(buffer + n, sizeof buffer - n, "\r%s%.*s%s", shown.scroll > 0 ? PROMPT_SCROLLED : PROMPT,
	              (int)visible, line + shown.scroll, resized ? "\x1b[J" : "\x1b[K");
	size_t back = visible - (cursor - shown.scroll);
	if (back > 0) n += snprintf(buffer + n, sizeof buffer - n, "\x1b[%zuD", back);
	raw(buffer, (size_t)n);
	shown.cells = PROMPT_CELLS + visible;
	shown.cursor = PROMPT_CELLS + cursor - shown.scroll;
}

static void recall(char *line, size_t *length, size_t *cursor, int index)
{
	if (index >= history_count) line[0] = '\0';
	else strcpy(line, history[index]);
	*length = *cursor = strlen(line);
}

/* Reads a line into `line` with editing; answers -1 at the end of input. */
static int edit_line(char *line)
{
	size_t length = 0, cursor = 0;
	int browsing = history_count;
	raw(PROMPT, strlen(PROMPT));
	shown.scroll = 0;
	shown.cells = shown.cursor = PROMPT_CELLS;
	for (;;) {
		int key = next_event();
		if (key == KEY_RESIZED) { redraw(line, length, cursor, 1); continue; }
		if (key < 0) { raw("\r\n", 2); return -1; }
		if (key == '\r' || key == '\n') {
			raw("\r\n", 2);
			line[length] = '\0';
			if (length > 0) {
				if (history_count == MAX_HISTORY) {
					memmove(history[0], history[1], sizeof history[0] * (MAX_HISTORY - 1));
					history_count--;
				}
				strcpy(history[history_count++], line);
			}
			return (int)length;
		}
		if (key == 4 && length == 0) { raw("\r\n", 2); return -1; }
		if (key == 127 || key == 8) {
			if (cursor > 0) {
				memmove(line + cursor - 1, line + cursor, length - cursor);
				cursor--;
				length--;
			}
		} else if (key == 1) {
			cursor = 0;
		} else if (key == 5) {
			cursor = length;
		} else if (key == 21) {
			memmove(line, line + cursor, length - cursor);
			length -= cursor;
			cursor = 0;
		} else if (key == 27) {
			int introducer = read_key();
			if (introducer != '[' && introducer != 'O') continue;
			/* the whole sequence is read, its parameters (Home is ESC [ 1 ~ on some terminals) up to the final byte */
			int parameter = 0, final;
			while ((final = read_key()) >= '0' && final <= '?')
				if (isdigit(final) && parameter < 1000) parameter = parameter * 10 + (final - '0');
			if (final == '~') final = parameter == 1 || parameter == 7 ? 'H' : parameter == 4 || parameter == 8 ? 'F' : parameter == 3 ? 'X' : 0;
			switch (final) {
			case 'D': if (cursor > 0) cursor--; break;
			case 'C': if (cursor < length) cursor++; break;
			case 'H': cursor = 0; break;
			case 'F': cursor = length; break;
			case 'X':
				if (cursor < length) {
					memmove(line + cursor, line + cursor + 1, length - cursor - 1);
					length--;
				}
				break;
			case 'A': if (browsing > 0) recall(line, &length, &cursor, --browsing); break;
			case 'B': if (browsing < history_count) recall(line, &length, &cursor, ++browsing); break;
			default: break;
			}
		} else if (isprint(key) && length < MAX_LINE - 1) {
			memmove(line + cursor + 1, line + cursor, length - cursor);
			line[cursor++] = (char)key;
			length++;
		}
		redraw(line, length, cursor, 0);
	}
}

static int plain_line(char *line)
{
	if (fgets(line, MAX_LINE, stdin) == NULL) return -1;
	line[strcspn(line, "\r\n")] = '\0';
	return (int)strlen(line);
}

/* ---- the calculator: recursive descent over doubles ---- */

static struct { char name[16]; double value; } variables[MAX_VARIABLES];
static int variable_count;
static const char *input;
static const char *failure;

static double *variable(const char *name, int create)
{
	for (int i = 0; i < variable_count; i++) if (strcmp(variables[i].name, name) == 0) return &variables[i].value;
	if (!create || variable_count == MAX_VARIABLES) return NULL;
	snprintf(variables[variable_count].name, sizeof variables[0].name, "%s", name);
	return &variables[variable_count++].value;
}

static void skip(void) { while (isspace((unsigned char)*input)) input++; }

static int name(char *out)
{
	skip();
	size_t n = 0;
	if (!isalpha((unsigned char)*input)) return 0;
	while ((isalnum((unsigned char)*input) || *input == '_') && n < 15) out[n++] = *input++;
	out[n] = '\0';
	return 1;
}

static double expression(void);

static double primary(void)
{
	skip();
	char word[16];
	if (*input == '(') {
		input++;
		double value = expression();
		skip();
		if (*input == ')') input++; else if (!failure) failure = "missing )";
		return value;
	}
	if (isdigit((unsigned char)*input) || *input == '.') {
		char *end;
		double value = strtod(input, &end);
		input = end;
		return value;
	}
	if (name(word)) {
		skip();
		if (*input == '(') {
			double argument = primary();
			if (strcmp(word, "sqrt") == 0) return sqrt(argument);
			if (strcmp(word, "abs") == 0) return fabs(argument);
			if (!failure) failure = "unknown function";
			return 0;
		}
		double *value = variable(word, 0);
		if (value == NULL && !failure) failure = "unknown variable";
		return value ? *value : 0;
	}
	if (!failure) failure = *input ? "unexpected character" : "unexpected end";
	return 0;
}

static double unary(void)
{
	skip();
	if (*input == '-') { input++; return -unary(); }
	if (*input == '+') { input++; return unary(); }
	double base = primary();
	skip();
	if (*input == '^') { input++; return pow(base, unary()); }
	return base;
}

static double term(void)
{
	double value = unary();
	for (;;) {
		skip();
		char op = *input;
		if (op != '*' && op != '/' && op != '%') return value;
		input++;
		double right = unary();
		if (op == '*') value *= right;
		else if (right == 0) { if (!failure) failure = "division by zero"; }
		else value = op == '/' ? value / right : fmod(value, right);
	}
}

static double expression(void)
{
	double value = term();
	for (;;) {
		skip();
		if (*input == '+') { input++; value += term(); }
		else if (*input == '-') { input++; value -= term(); }
		else return value;
	}
}

static void evaluate(const char *line)
{
	char target[16] = "";
	input = line;
	failure = NULL;
	const char *start = input;
	if (name(target)) {
		skip();
		if (*input != '=' || input[1] == '=') { input = start; target[0] = '\0'; }
		else input++;
	}
	double value = expression();
	skip();
	if (!failure && *input) failure = "unexpected character";
	if (failure) { say("error: %s at column %d", failure, (int)(input - line) + 1); return; }
	if (target[0]) {
		double *slot = variable(target, 1);
		if (slot == NULL) { say("error: too many variables"); return; }
		*slot = value;
		say("%s = %.10g", target, value);
	} else {
		say("= %.10g", value);
	}
}

int main(void)
{
	interactive = isatty(0);
	if (interactive) open_terminal_info();
	if (interactive) say("calc: type an expression, \"vars\" or \"quit\"");
	char line[MAX_LINE];
	for (;;) {
		int length = interactive ? edit_line(line) : plain_line(line);
		if (length < 0 || strcmp(line, "quit") == 0) break;
		if (length == 0) continue;
		if (strcmp(line, "vars") == 0) {
			for (int i = 0; i < variable_count; i++) say("%s = %.10g", variables[i].name, variables[i].value);
			continue;
		}
		evaluate(line);
	}
	if (interactive) say("bye");
	return 0;
}
