/*
 * calc: an interactive calculator with a line editor, the REPL that runs
 * on a Terminal. On a terminal (isatty) it reads keys one by one and
 * edits the line itself, as programs on Genode's raw terminals do:
 * left/right, home/end (also ctrl-a/ctrl-e), backspace, ctrl-u, history
 * with up/down, ctrl-d on an empty line ends. Elsewhere it reads plain
 * lines without prompts, so it also works as a filter.
 *
 *   > x = 6 * 7
 *   x = 42
 *   > sqrt(x - 6) / 2
 *   = 3
 *
 * Commands: "vars" lists the variables, "quit" ends.
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_LINE 256
#define MAX_HISTORY 32
#define MAX_VARIABLES 32
#define PROMPT "> "

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

static void redraw(const char *line, size_t length, size_t cursor)
{
	char buffer[MAX_LINE + 32];
	int n = snprintf(buffer, sizeof buffer, "\r" PROMPT "%.*s\x1b[K", (int)length, line);
	raw(buffer, (size_t)n);
	if (cursor < length) {
		n = snprintf(buffer, sizeof buffer, "\x1b[%zuD", length - cursor);
		raw(buffer, (size_t)n);
	}
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
	for (;;) {
		int key = read_key();
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
			if (read_key() != '[') continue;
			switch (read_key()) {
			case 'D': if (cursor > 0) cursor--; break;
			case 'C': if (cursor < length) cursor++; break;
			case 'H': cursor = 0; break;
			case 'F': cursor = length; break;
			case 'A': if (browsing > 0) recall(line, &length, &cursor, --browsing); break;
			case 'B': if (browsing < history_count) recall(line, &length, &cursor, ++browsing); break;
			default: break;
			}
		} else if (isprint(key) && length < MAX_LINE - 1) {
			memmove(line + cursor + 1, line + cursor, length - cursor);
			line[cursor++] = (char)key;
			length++;
		}
		redraw(line, length, cursor);
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
