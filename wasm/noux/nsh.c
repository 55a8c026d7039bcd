/*
 * nsh: a small POSIX shell for noux until bash is ported: enough for
 * scripts and for interactive use on a terminal.
 *
 *   nsh                 reads commands from standard input; on a terminal
 *                       it prompts "$ " on stderr and does job control
 *   nsh -c 'CMD' [NAME [ARG...]]   runs CMD ($0 is NAME, $1... the ARGs)
 *   nsh FILE [ARG...]   runs the script FILE
 *
 * Grammar: simple commands, pipelines of any length ("!" negates), lists
 * with ";", "&&", "||", "&" and newlines, comments, line continuation.
 * Words: '...', "...", backslash; $NAME, ${NAME}, ${NAME:-word} (also -,
 * :=, =, :+, +), ${#NAME}, $?, $$, $!, $#, $0-$9, $@, $*; "~" at the start
 * of a word; unquoted expansions split at blanks (IFS is fixed). NAME=value
 * before a command sets it for the command, alone for the shell.
 * Redirections: <, >, >|, >>, <>, <&, >&, each with an optional
 * descriptor number (2>file, 2>&1, 3<&-). Builtins: cd, pwd, exit,
 * export, unset, echo [-n], true, false, :, test and [, wait, exec,
 * . and source, jobs, fg, bg.
 * Not supported (said so on use where the syntax shows it): if/while/for/
 * case and functions, ( ) and { } groups, here-documents, command
 * substitution, arithmetic, globbing, aliases, traps.
 *
 * Job control (interactive only): each pipeline is a process group, made
 * the terminal's foreground group while it runs. The shell ignores
 * SIGINT, SIGQUIT, SIGTSTP, SIGTTIN and SIGTTOU, and its children set them
 * back to default, so Ctrl-C ends the foreground job and Ctrl-Z stops it
 * ("[1]+ Stopped ..."; fg and bg continue it with SIGCONT). At the prompt
 * Ctrl-C discards the line being typed.
 *
 * Each input line is lexed into tokens, parsed into lists of pipelines
 * whose words stay raw, and run; words are expanded just before their
 * command runs, so "A=1; echo $A" sees the assignment. Memory of a line
 * lives in an arena freed after the line ran.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

extern char **environ;

/* ---- memory: checked allocation, growing strings, per-line arenas ---- */

__attribute__((returns_nonnull)) static void *allocate(size_t size)
{
	void *memory = malloc(size > 0 ? size : 1);
	if (memory == NULL) {
		static const char message[] = "nsh: out of memory\n";
		write(2, message, sizeof message - 1);
		_exit(2);
	}
	return memory;
}

static void *reallocate(void *memory, size_t size)
{
	void *larger = realloc(memory, size > 0 ? size : 1);
	if (larger == NULL) {
		free(memory);
		return allocate(size);
	}
	return larger;
}

static char *duplicate_length(const char *text, size_t length)
{
	char *copy = allocate(length + 1);
	memcpy(copy, text, length);
	copy[length] = '\0';
	return copy;
}

static char *duplicate(const char *text)
{
	return duplicate_length(text, strlen(text));
}

struct text {
	char *data;
	size_t length, capacity;
};

static void text_add(struct text *text, const char *bytes, size_t length)
{
	if (text->length + length + 1 > text->capacity) {
		text->capacity = (text->length + length + 1) * 2;
		text->data = reallocate(text->data, text->capacity);
	}
	memcpy(text->data + text->length, bytes, length);
	text->length += length;
	text->data[text->length] = '\0';
}

static void text_char(struct text *text, char c)
{
	text_add(text, &c, 1);
}

static void text_clear(struct text *text)
{
	text->length = 0;
	if (text->data != NULL) text->data[0] = '\0';
}

/* A growing array of strings, NULL-terminated, for argv and fields. */
struct strings {
	char **items;
	size_t count, capacity;
};

static void strings_push(struct strings *strings, char *item)
{
	if (strings->count + 2 > strings->capacity) {
		strings->capacity = (strings->count + 2) * 2;
		strings->items = reallocate(strings->items, strings->capacity * sizeof *strings->items);
	}
	strings->items[strings->count++] = item;
	strings->items[strings->count] = NULL;
}

static void strings_free(struct strings *strings)
{
	for (size_t i = 0; i < strings->count; i++) free(strings->items[i]);
	free(strings->items);
	strings->items = NULL;
	strings->count = strings->capacity = 0;
}

/* Everything parsed from one input line, freed at once after it ran. */
struct arena {
	void **blocks;
	size_t count, capacity;
};

static void *arena_keep(struct arena *arena, void *block)
{
	if (arena->count == arena->capacity) {
		arena->capacity = arena->capacity * 2 + 16;
		arena->blocks = reallocate(arena->blocks, arena->capacity * sizeof *arena->blocks);
	}
	arena->blocks[arena->count++] = block;
	return block;
}

static void *arena_copy(struct arena *arena, const void *data, size_t size)
{
	void *block = allocate(size);
	if (size > 0) memcpy(block, data, size);
	return arena_keep(arena, block);
}

static void arena_free(struct arena *arena)
{
	for (size_t i = 0; i < arena->count; i++) free(arena->blocks[i]);
	free(arena->blocks);
	arena->blocks = NULL;
	arena->count = arena->capacity = 0;
}

/* ---- messages: "nsh: ..." on stderr in one write ---- */

static void complain(const char *format, ...)
{
	char message[1024] = "nsh: ";
	va_list arguments;
	va_start(arguments, format);
	vsnprintf(message + 5, sizeof message - 6, format, arguments);
	va_end(arguments);
	strcat(message, "\n");
	write(2, message, strlen(message));
}

/* Writes all of text; 0, or -1 if the descriptor refused. */
static int write_text(int fd, const char *text)
{
	size_t length = strlen(text);
	while (length > 0) {
		ssize_t n = write(fd, text, length);
		if (n < 0 && errno == EINTR) continue;
		if (n <= 0) return -1;
		text += n;
		length -= (size_t)n;
	}
	return 0;
}

/* ---- shell state ---- */

struct variable {
	char *name;
	char *value; /* NULL: exported but never set */
	int exported;
};

static struct variable *variables;
static size_t variable_count, variable_capacity;
static int last_status;
static pid_t shell_pid, last_background;
static char *script_name;
static char **positional;
static int positional_count;

/* Job control: on only in an interactive shell, off in every child. */
static int interactive, job_control_signals, in_subshell;
static pid_t shell_pgid, original_pgid;
static struct termios shell_modes;

static void shell_exit(int status)
{
	if (interactive && !in_subshell && original_pgid > 0) tcsetpgrp(0, original_pgid);
	exit(status & 255);
}

/* ---- variables ---- */

static int name_start(char c) { return isalpha((unsigned char)c) || c == '_'; }
static int name_char(char c) { return isalnum((unsigned char)c) || c == '_'; }

static int valid_name(const char *name, size_t length)
{
	if (length == 0 || !name_start(name[0])) return 0;
	for (size_t i = 1; i < length; i++)
		if (!name_char(name[i])) return 0;
	return 1;
}

static struct variable *variable_find(const char *name, size_t length)
{
	for (size_t i = 0; i < variable_count; i++)
		if (strlen(variables[i].name) == length && strncmp(variables[i].name, name, length) == 0)
			return &variables[i];
	return NULL;
}

static const char *variable_get(const char *name)
{
	struct variable *variable = variable_find(name, strlen(name));
	return variable != NULL ? variable->value : NULL;
}

/* Sets a variable; export 1 marks it exported, 0 keeps what it was. */
static void variable_set(const char *name, size_t length, const char *value, int export)
{
	struct variable *variable = variable_find(name, length);
	if (variable == NULL) {
		if (variable_count == variable_capacity) {
			variable_capacity = variable_capacity * 2 + 32;
			variables = reallocate(variables, variable_capacity * sizeof *variables);
		}
		variable = &variables[variable_count++];
		variable->name = duplicate_length(name, length);
		variable->value = NULL;
		variable->exported = 0;
	}
	if (value != NULL) {
		char *copy = duplicate(value);
		free(variable->value);
		variable->value = copy;
	}
	if (export) variable->exported = 1;
}

/* "NAME=value" as an assignment to the shell. */
static void variable_assign(const char *assignment, int export)
{
	const char *equals = strchr(assignment, '=');
	if (equals != NULL) variable_set(assignment, (size_t)(equals - assignment), equals + 1, export);
}

static void variable_unset(const char *name)
{
	struct variable *variable = variable_find(name, strlen(name));
	if (variable == NULL) return;
	free(variable->name);
	free(variable->value);
	*variable = variables[--variable_count];
}

/* The environment of a command: exported variables, overridden by its own assignments. */
static char **environment_build(char **assignments, size_t assignment_count)
{
	struct strings environment = { 0 };
	for (size_t i = 0; i < variable_count; i++) {
		struct variable *variable = &variables[i];
		if (!variable->exported || variable->value == NULL) continue;
		size_t length = strlen(variable->name);
		int overridden = 0;
		for (size_t j = 0; j < assignment_count; j++)
			if (strncmp(assignments[j], variable->name, length) == 0 && assignments[j][length] == '=') overridden = 1;
		if (overridden) continue;
		char *entry = allocate(length + strlen(variable->value) + 2);
		sprintf(entry, "%s=%s", variable->name, variable->value);
		strings_push(&environment, entry);
	}
	for (size_t j = 0; j < assignment_count; j++) strings_push(&environment, duplicate(assignments[j]));
	if (environment.items == NULL) strings_push(&environment, NULL);
	return environment.items;
}

/* ---- lexer: a line into tokens; words stay raw (quotes kept) ---- */

enum token_kind {
	TOKEN_WORD, TOKEN_REDIRECT, TOKEN_PIPE, TOKEN_AND, TOKEN_OR,
	TOKEN_SEMICOLON, TOKEN_AMPERSAND, TOKEN_NEWLINE, TOKEN_END,
};

enum redirect_kind {
	REDIRECT_INPUT, REDIRECT_OUTPUT, REDIRECT_APPEND, REDIRECT_READ_WRITE,
	REDIRECT_DUP_INPUT, REDIRECT_DUP_OUTPUT,
};

struct token {
	enum token_kind kind;
	const char *text; /* a word's raw text, an operator's spelling */
	enum redirect_kind redirect;
	int fd;
	size_t start, end;
};

struct tokens {
	struct token *items;
	size_t count, capacity;
};

enum lex_result { LEX_DONE, LEX_INCOMPLETE, LEX_ERROR };

static int blank(char c) { return c == ' ' || c == '\t'; }
static int operator_char(char c) { return strchr("|&;<>()", c) != NULL && c != '\0'; }

static void token_push(struct tokens *tokens, struct token token)
{
	if (tokens->count == tokens->capacity) {
		tokens->capacity = tokens->capacity * 2 + 16;
		tokens->items = reallocate(tokens->items, tokens->capacity * sizeof *tokens->items);
	}
	tokens->items[tokens->count++] = token;
}

/* The end of the word starting at position, or -1 if a quote is still open. */
static long word_end(const char *source, size_t position)
{
	size_t i = position;
	while (source[i] != '\0' && !blank(source[i]) && source[i] != '\n' && !operator_char(source[i])) {
		if (source[i] == '\\') {
			if (source[i + 1] == '\n' && source[i + 2] == '\0') return -1;
			i += source[i + 1] != '\0' ? 2 : 1;
		} else if (source[i] == '\'') {
			const char *close = strchr(source + i + 1, '\'');
			if (close == NULL) return -1;
			i = (size_t)(close - source) + 1;
		} else if (source[i] == '"') {
			for (i++; source[i] != '"'; i++) {
				if (source[i] == '\0') return -1;
				if (source[i] == '\\' && source[i + 1] != '\0') i++;
			}
			i++;
		} else if (source[i] == '$' && source[i + 1] == '{') {
			const char *close = strchr(source + i, '}');
			if (close == NULL) return -1;
			i = (size_t)(close - source) + 1;
		} else {
			i++;
		}
	}
	return (long)i;
}

static enum lex_result lex(const char *source, struct arena *arena, struct tokens *tokens, const char **error)
{
	size_t i = 0;
	for (;;) {
		while (blank(source[i]) || (source[i] == '\\' && source[i + 1] == '\n')) {
			if (source[i] != '\\') i++;
			else if (source[i + 2] == '\0') return LEX_INCOMPLETE;
			else i += 2;
		}
		if (source[i] == '\0') break;
		if (source[i] == '#') {
			while (source[i] != '\0' && source[i] != '\n') i++;
			continue;
		}
		struct token token = { TOKEN_WORD, NULL, REDIRECT_INPUT, -1, i, i };
		size_t digits = i;
		while (isdigit((unsigned char)source[digits])) digits++;
		char c = source[i];
		if (c == '\n') {
			token.kind = TOKEN_NEWLINE;
			token.text = "newline";
			i++;
		} else if (c == '(' || c == ')') {
			*error = c == '(' && i > 0 && source[i - 1] == '$'
				? "command substitution $( ) is not supported"
				: "( ) groups are not supported";
			return LEX_ERROR;
		} else if (c == '|') {
			token.kind = source[i + 1] == '|' ? TOKEN_OR : TOKEN_PIPE;
			token.text = token.kind == TOKEN_OR ? "||" : "|";
			i += token.kind == TOKEN_OR ? 2 : 1;
		} else if (c == '&') {
			token.kind = source[i + 1] == '&' ? TOKEN_AND : TOKEN_AMPERSAND;
			token.text = token.kind == TOKEN_AND ? "&&" : "&";
			i += token.kind == TOKEN_AND ? 2 : 1;
		} else if (c == ';') {
			if (source[i + 1] == ';') {
				*error = "syntax error near ';;' (case is not supported)";
				return LEX_ERROR;
			}
			token.kind = TOKEN_SEMICOLON;
			token.text = ";";
			i++;
		} else if (c == '<' || c == '>' || (digits > i && (source[digits] == '<' || source[digits] == '>'))) {
			token.kind = TOKEN_REDIRECT;
			token.fd = digits > i ? atoi(source + i) : -1;
			i = digits;
			char next = source[i + 1];
			if (source[i] == '<') {
				if (next == '<') {
					*error = "here-documents are not supported";
					return LEX_ERROR;
				}
				token.redirect = next == '&' ? REDIRECT_DUP_INPUT : next == '>' ? REDIRECT_READ_WRITE : REDIRECT_INPUT;
				i += next == '&' || next == '>' ? 2 : 1;
				if (token.fd < 0) token.fd = 0;
			} else {
				token.redirect = next == '>' ? REDIRECT_APPEND : next == '&' ? REDIRECT_DUP_OUTPUT : REDIRECT_OUTPUT;
				i += next == '>' || next == '&' || next == '|' ? 2 : 1;
				if (token.fd < 0) token.fd = 1;
			}
			token.text = "redirection";
		} else {
			long end = word_end(source, i);
			if (end < 0) return LEX_INCOMPLETE;
			token.text = arena_copy(arena, source + i, (size_t)end - i + 1);
			((char *)token.text)[(size_t)end - i] = '\0';
			i = (size_t)end;
		}
		token.end = i;
		token_push(tokens, token);
	}
	/* A line ending in an operator that needs a right side goes on on the next line. */
	for (size_t k = tokens->count; k > 0; k--) {
		enum token_kind kind = tokens->items[k - 1].kind;
		if (kind == TOKEN_NEWLINE) continue;
		if (kind == TOKEN_PIPE || kind == TOKEN_AND || kind == TOKEN_OR) return LEX_INCOMPLETE;
		break;
	}
	struct token end = { TOKEN_END, "end of file", REDIRECT_INPUT, -1, i, i };
	token_push(tokens, end);
	return LEX_DONE;
}

/* ---- parser: tokens into lists of and-or lists of pipelines of commands ---- */

struct redirection {
	int fd;
	enum redirect_kind kind;
	const char *word;
	struct redirection *next;
};

struct command {
	const char **words;
	size_t word_count;
	struct redirection *redirections;
};

struct pipeline {
	struct command *commands;
	size_t count;
	int negated;
	const char *text;
};

struct and_or {
	struct pipeline *pipelines;
	enum token_kind *connectors; /* connectors[i] joins pipelines i and i + 1 */
	size_t count;
	int background;
	const char *text;
};

struct list {
	struct and_or *items;
	size_t count;
};

struct parser {
	const struct token *tokens;
	size_t position;
	const char *source;
	struct arena *arena;
	char error[128];
};

/* A growing array whose final copy goes to the arena. */
struct vector {
	char *data;
	size_t count, capacity, item_size;
};

static void *vector_push(struct vector *vector, const void *item)
{
	if (vector->count == vector->capacity) {
		vector->capacity = vector->capacity * 2 + 4;
		vector->data = reallocate(vector->data, vector->capacity * vector->item_size);
	}
	void *slot = vector->data + vector->count++ * vector->item_size;
	memcpy(slot, item, vector->item_size);
	return slot;
}

static void *vector_finish(struct vector *vector, struct arena *arena)
{
	void *copy = arena_copy(arena, vector->data, vector->count * vector->item_size);
	free(vector->data);
	return copy;
}

static const struct token *current(struct parser *parser)
{
	return &parser->tokens[parser->position];
}

static int unexpected(struct parser *parser)
{
	snprintf(parser->error, sizeof parser->error, "syntax error near unexpected '%s'", current(parser)->text);
	return -1;
}

static void skip_newlines(struct parser *parser)
{
	while (current(parser)->kind == TOKEN_NEWLINE) parser->position++;
}

static const char *source_text(struct parser *parser, size_t start, size_t end)
{
	char *text = arena_copy(parser->arena, parser->source + start, end - start + 1);
	text[end - start] = '\0';
	return text;
}

/* Reserved words of the compound commands nsh lacks: an error, not "command not found". */
static const char *const unsupported_words[] = {
	"if", "then", "else", "elif", "fi", "while", "until", "do", "done", "for", "case", "esac", "{", "}",
};

static int parse_command(struct parser *parser, struct command *command)
{
	if (current(parser)->kind == TOKEN_WORD) {
		for (size_t i = 0; i < sizeof unsupported_words / sizeof unsupported_words[0]; i++) {
			if (strcmp(current(parser)->text, unsupported_words[i]) != 0) continue;
			snprintf(parser->error, sizeof parser->error, "'%s' is not supported (nsh has no compound commands)",
			         unsupported_words[i]);
			return -1;
		}
	}
	struct vector words = { NULL, 0, 0, sizeof(const char *) };
	struct redirection **tail = &command->redirections;
	command->redirections = NULL;
	for (;;) {
		const struct token *token = current(parser);
		if (token->kind == TOKEN_WORD) {
			vector_push(&words, &token->text);
			parser->position++;
		} else if (token->kind == TOKEN_REDIRECT) {
			parser->position++;
			if (current(parser)->kind != TOKEN_WORD) {
				free(words.data);
				return unexpected(parser);
			}
			struct redirection *redirection = arena_copy(parser->arena, &(struct redirection){
				token->fd, token->redirect, current(parser)->text, NULL }, sizeof *redirection);
			*tail = redirection;
			tail = &redirection->next;
			parser->position++;
		} else {
			break;
		}
	}
	if (words.count == 0 && command->redirections == NULL) {
		free(words.data);
		return unexpected(parser);
	}
	command->word_count = words.count;
	command->words = vector_finish(&words, parser->arena);
	return 0;
}

static int parse_pipeline(struct parser *parser, struct pipeline *pipeline)
{
	size_t start = current(parser)->start;
	pipeline->negated = 0;
	if (current(parser)->kind == TOKEN_WORD && strcmp(current(parser)->text, "!") == 0) {
		pipeline->negated = 1;
		parser->position++;
	}
	struct vector commands = { NULL, 0, 0, sizeof(struct command) };
	for (;;) {
		struct command command;
		if (parse_command(parser, &command) < 0) {
			free(commands.data);
			return -1;
		}
		vector_push(&commands, &command);
		if (current(parser)->kind != TOKEN_PIPE) break;
		parser->position++;
		skip_newlines(parser);
	}
	pipeline->count = commands.count;
	pipeline->commands = vector_finish(&commands, parser->arena);
	pipeline->text = source_text(parser, start, parser->tokens[parser->position - 1].end);
	return 0;
}

static int parse_and_or(struct parser *parser, struct and_or *and_or)
{
	size_t start = current(parser)->start;
	struct vector pipelines = { NULL, 0, 0, sizeof(struct pipeline) };
	struct vector connectors = { NULL, 0, 0, sizeof(enum token_kind) };
	for (;;) {
		struct pipeline pipeline;
		if (parse_pipeline(parser, &pipeline) < 0) {
			free(pipelines.data);
			free(connectors.data);
			return -1;
		}
		vector_push(&pipelines, &pipeline);
		enum token_kind kind = current(parser)->kind;
		if (kind != TOKEN_AND && kind != TOKEN_OR) break;
		vector_push(&connectors, &kind);
		parser->position++;
		skip_newlines(parser);
	}
	and_or->count = pipelines.count;
	and_or->pipelines = vector_finish(&pipelines, parser->arena);
	and_or->connectors = vector_finish(&connectors, parser->arena);
	and_or->background = 0;
	and_or->text = source_text(parser, start, parser->tokens[parser->position - 1].end);
	return 0;
}

static int parse_list(struct parser *parser, struct list *list)
{
	struct vector items = { NULL, 0, 0, sizeof(struct and_or) };
	for (;;) {
		skip_newlines(parser);
		if (current(parser)->kind == TOKEN_END) break;
		struct and_or and_or;
		if (parse_and_or(parser, &and_or) < 0) {
			free(items.data);
			return -1;
		}
		enum token_kind kind = current(parser)->kind;
		if (kind == TOKEN_AMPERSAND) and_or.background = 1;
		vector_push(&items, &and_or);
		if (kind == TOKEN_AMPERSAND || kind == TOKEN_SEMICOLON || kind == TOKEN_NEWLINE) parser->position++;
		else if (kind != TOKEN_END) {
			free(items.data);
			return unexpected(parser);
		}
	}
	list->count = items.count;
	list->items = vector_finish(&items, parser->arena);
	return 0;
}

/* ---- expansion: parameters, quote removal, field splitting, "~" ---- */

struct expansion {
	struct strings *fields;
	struct text current;
	int exists;       /* the current field exists even if empty ("" or '') */
	int split;        /* unquoted expansions split at blanks */
	int empty_at;     /* "$@" without parameters: no field from it */
};

static void field_end(struct expansion *expansion)
{
	if (expansion->exists && !(expansion->empty_at && expansion->current.length == 0))
		strings_push(expansion->fields, duplicate(expansion->current.data != NULL ? expansion->current.data : ""));
	text_clear(&expansion->current);
	expansion->exists = 0;
	expansion->empty_at = 0;
}

static void add_value(struct expansion *expansion, const char *value, int quoted)
{
	if (value == NULL) return;
	if (quoted || !expansion->split) {
		text_add(&expansion->current, value, strlen(value));
		if (quoted || value[0] != '\0') expansion->exists = 1;
		return;
	}
	for (; *value != '\0'; value++) {
		if (blank(*value) || *value == '\n') {
			field_end(expansion);
		} else {
			text_char(&expansion->current, *value);
			expansion->exists = 1;
		}
	}
}

static void expand_word(const char *raw, struct strings *fields, int split);

/* A word expanded as one string: assignment values, redirection targets, ${X:-word}. */
static char *expand_single(const char *raw)
{
	struct strings fields = { 0 };
	expand_word(raw, &fields, 0);
	struct text joined = { 0 };
	text_add(&joined, "", 0);
	for (size_t i = 0; i < fields.count; i++) {
		if (i > 0) text_char(&joined, ' ');
		text_add(&joined, fields.items[i], strlen(fields.items[i]));
	}
	strings_free(&fields);
	return joined.data;
}

static void number_text(char *buffer, size_t size, long number)
{
	snprintf(buffer, size, "%ld", number);
}

/* Expands the parameter at raw[position] == '$'; answers the position after it. */
static size_t expand_parameter(struct expansion *expansion, const char *raw, size_t position, int quoted)
{
	const char *start = raw + position + 1;
	char number[32];
	if (*start == '{') {
		const char *close = strchr(start, '}');
		if (close == NULL) {
			add_value(expansion, "$", 1);
			return position + 1;
		}
		int length_of = start[1] == '#' && close > start + 2;
		const char *name = start + 1 + length_of;
		size_t name_length = 0;
		if (strchr("?$!#@*", name[0]) != NULL && name[0] != '\0') name_length = 1;
		else while (name + name_length < close && (isdigit((unsigned char)name[name_length]) || (name_char(name[name_length]) && !isdigit((unsigned char)name[0])))) name_length++;
		char *key = duplicate_length(name, name_length);
		const char *value = NULL;
		if (strcmp(key, "?") == 0 || strcmp(key, "$") == 0 || strcmp(key, "!") == 0 || strcmp(key, "#") == 0) {
			long special = key[0] == '?' ? last_status : key[0] == '$' ? shell_pid : key[0] == '!' ? last_background : positional_count;
			number_text(number, sizeof number, special);
			value = key[0] == '!' && last_background == 0 ? NULL : number;
		} else if (isdigit((unsigned char)key[0])) {
			int index = atoi(key);
			value = index == 0 ? script_name : index <= positional_count ? positional[index - 1] : NULL;
		} else {
			value = variable_get(key);
		}
		const char *operation = name + name_length;
		char *computed = NULL;
		if (length_of) {
			number_text(number, sizeof number, value != NULL ? (long)strlen(value) : 0);
			value = number;
		} else if (operation < close) {
			int colon = *operation == ':';
			char op = operation[colon];
			char *word = duplicate_length(operation + colon + 1, (size_t)(close - operation - colon - 1));
			int unset = value == NULL || (colon && value[0] == '\0');
			if (op == '-' || op == '=') {
				if (unset) {
					computed = expand_single(word);
					if (op == '=') variable_set(key, strlen(key), computed, 0);
					value = computed;
				}
			} else if (op == '+') {
				value = unset ? NULL : (computed = expand_single(word));
			} else {
				complain("${%.*s}: bad substitution", (int)(close - start - 1), start + 1);
			}
			free(word);
		}
		add_value(expansion, value, quoted);
		free(computed);
		free(key);
		return (size_t)(close - raw) + 1;
	}
	if (*start == '@' || *start == '*') {
		for (int i = 0; i < positional_count; i++) {
			if (i > 0) {
				if (quoted && *start == '@') {
					expansion->exists = 1;
					field_end(expansion);
					expansion->exists = 1;
				} else {
					add_value(expansion, " ", quoted);
				}
			}
			add_value(expansion, positional[i], quoted);
		}
		if (positional_count == 0 && quoted && *start == '@') expansion->empty_at = 1;
		return position + 2;
	}
	if (*start == '?' || *start == '$' || *start == '#' || *start == '!') {
		long value = *start == '?' ? last_status : *start == '$' ? shell_pid : *start == '#' ? positional_count : last_background;
		number_text(number, sizeof number, value);
		if (*start != '!' || last_background != 0) add_value(expansion, number, quoted);
		return position + 2;
	}
	if (isdigit((unsigned char)*start)) {
		int index = *start - '0';
		add_value(expansion, index == 0 ? script_name : index <= positional_count ? positional[index - 1] : NULL, quoted);
		return position + 2;
	}
	if (name_start(*start)) {
		size_t length = 1;
		while (name_char(start[length])) length++;
		char *key = duplicate_length(start, length);
		add_value(expansion, variable_get(key), quoted);
		free(key);
		return position + 1 + length;
	}
	text_char(&expansion->current, '$');
	expansion->exists = 1;
	return position + 1;
}

static void expand_word(const char *raw, struct strings *fields, int split)
{
	struct expansion expansion = { fields, { 0 }, 0, split, 0 };
	int quoted = 0;
	size_t i = 0;
	if (raw[0] == '~' && (raw[1] == '/' || raw[1] == '\0')) {
		const char *home = variable_get("HOME");
		add_value(&expansion, home != NULL ? home : "~", 1);
		i = 1;
	}
	while (raw[i] != '\0') {
		char c = raw[i];
		if (c == '\'' && !quoted) {
			const char *close = strchr(raw + i + 1, '\'');
			size_t length = close != NULL ? (size_t)(close - raw - i - 1) : strlen(raw + i + 1);
			text_add(&expansion.current, raw + i + 1, length);
			expansion.exists = 1;
			i += length + 1 + (close != NULL);
		} else if (c == '"') {
			quoted = !quoted;
			expansion.exists = 1;
			i++;
		} else if (c == '\\') {
			char next = raw[i + 1];
			if (next == '\n') {
				i += 2;
			} else if (next == '\0' || (quoted && strchr("$`\"\\", next) == NULL)) {
				text_char(&expansion.current, '\\');
				expansion.exists = 1;
				i++;
			} else {
				text_char(&expansion.current, next);
				expansion.exists = 1;
				i += 2;
			}
		} else if (c == '$') {
			i = expand_parameter(&expansion, raw, i, quoted);
		} else {
			text_char(&expansion.current, c);
			expansion.exists = 1;
			i++;
		}
	}
	if (!split) expansion.exists = 1;
	field_end(&expansion);
	free(expansion.current.data);
}

/* A command after expansion: prefix assignments, arguments, redirections (expanded when applied). */
struct simple {
	struct strings assignments;
	struct strings arguments;
	struct redirection *redirections;
};

static int assignment_word(const char *raw)
{
	const char *equals = strchr(raw, '=');
	return equals != NULL && valid_name(raw, (size_t)(equals - raw));
}

static void expand_command(const struct command *command, struct simple *simple)
{
	memset(simple, 0, sizeof *simple);
	size_t i = 0;
	for (; i < command->word_count && assignment_word(command->words[i]); i++) {
		const char *raw = command->words[i];
		const char *equals = strchr(raw, '=');
		char *value = expand_single(equals + 1);
		char *assignment = allocate((size_t)(equals - raw) + strlen(value) + 2);
		sprintf(assignment, "%.*s=%s", (int)(equals - raw), raw, value);
		free(value);
		strings_push(&simple->assignments, assignment);
	}
	for (; i < command->word_count; i++) expand_word(command->words[i], &simple->arguments, 1);
	simple->redirections = command->redirections;
}

static void simple_free(struct simple *simple)
{
	strings_free(&simple->assignments);
	strings_free(&simple->arguments);
}

/* ---- redirections ---- */

struct saved_fds {
	int fd[16], copy[16]; /* copy -1: the descriptor was closed before */
	size_t count;
};

static void save_fd(struct saved_fds *saved, int fd)
{
	for (size_t i = 0; i < saved->count; i++)
		if (saved->fd[i] == fd) return;
	if (saved->count == sizeof saved->fd / sizeof saved->fd[0]) return;
	saved->fd[saved->count] = fd;
	saved->copy[saved->count] = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	saved->count++;
}

static void restore_fds(struct saved_fds *saved)
{
	while (saved->count > 0) {
		saved->count--;
		int fd = saved->fd[saved->count], copy = saved->copy[saved->count];
		if (copy >= 0) {
			dup2(copy, fd);
			close(copy);
		} else {
			close(fd);
		}
	}
}

/* Applies redirections; with saved, the old descriptors are kept for restore_fds. 0, or -1 after a message. */
static int redirect(const struct redirection *redirection, struct saved_fds *saved)
{
	for (; redirection != NULL; redirection = redirection->next) {
		char *target = expand_single(redirection->word);
		int source = -1, opened = 0;
		if (redirection->kind == REDIRECT_DUP_INPUT || redirection->kind == REDIRECT_DUP_OUTPUT) {
			size_t digits = strspn(target, "0123456789");
			if (strcmp(target, "-") == 0) {
				source = -1;
			} else if (digits > 0 && target[digits] == '\0' && fcntl(atoi(target), F_GETFD) >= 0) {
				source = atoi(target);
			} else {
				complain("%s: %s", target, digits > 0 && target[digits] == '\0' ? "Bad file descriptor" : "ambiguous redirect");
				free(target);
				return -1;
			}
		} else {
			int flags = redirection->kind == REDIRECT_INPUT ? O_RDONLY
			          : redirection->kind == REDIRECT_READ_WRITE ? O_RDWR | O_CREAT
			          : redirection->kind == REDIRECT_APPEND ? O_WRONLY | O_CREAT | O_APPEND
			          : O_WRONLY | O_CREAT | O_TRUNC;
			source = open(target, flags, 0666);
			if (source < 0) {
				complain("%s: %s", target, strerror(errno));
				free(target);
				return -1;
			}
			opened = 1;
		}
		free(target);
		if (saved != NULL) save_fd(saved, redirection->fd);
		if (source < 0) {
			close(redirection->fd);
		} else if (source != redirection->fd) {
			dup2(source, redirection->fd);
			if (opened) close(source);
		}
	}
	return 0;
}

/* ---- jobs ---- */

enum process_state { PROCESS_RUNNING, PROCESS_STOPPED, PROCESS_DONE };

struct job {
	int id;
	pid_t pgid;
	pid_t *pids;
	int *statuses;
	enum process_state *states;
	size_t count;
	char *text;
	int stop_reported;
	int modes_saved;
	struct termios modes;
};

#define MAX_JOBS 64
static struct job *jobs[MAX_JOBS];

static void job_remove(struct job *job);
static int job_running(const struct job *job);
static int job_stopped(const struct job *job);
static void record_status(pid_t pid, int status);

static struct job *job_new(const char *text)
{
	int id = 1;
	size_t slot = MAX_JOBS;
	for (size_t i = 0; i < MAX_JOBS; i++) {
		if (jobs[i] == NULL) {
			if (slot == MAX_JOBS) slot = i;
		} else if (jobs[i]->id >= id) {
			id = jobs[i]->id + 1;
		}
	}
	if (slot == MAX_JOBS) {
		/* Full: statuses of finished jobs nobody waited for are dropped, as shells keep only so many. */
		int status;
		pid_t pid;
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) record_status(pid, status);
		for (size_t i = 0; i < MAX_JOBS; i++) {
			if (jobs[i] != NULL && !job_running(jobs[i]) && !job_stopped(jobs[i])) {
				job_remove(jobs[i]);
				if (slot == MAX_JOBS) slot = i;
			}
		}
		if (slot == MAX_JOBS) return NULL;
	}
	struct job *job = allocate(sizeof *job);
	memset(job, 0, sizeof *job);
	job->id = id;
	job->text = duplicate(text);
	jobs[slot] = job;
	return job;
}

static void job_add(struct job *job, pid_t pid)
{
	job->pids = reallocate(job->pids, (job->count + 1) * sizeof *job->pids);
	job->statuses = reallocate(job->statuses, (job->count + 1) * sizeof *job->statuses);
	job->states = reallocate(job->states, (job->count + 1) * sizeof *job->states);
	job->pids[job->count] = pid;
	job->statuses[job->count] = 0;
	job->states[job->count] = PROCESS_RUNNING;
	job->count++;
}

static void job_remove(struct job *job)
{
	for (size_t i = 0; i < MAX_JOBS; i++)
		if (jobs[i] == job) jobs[i] = NULL;
	free(job->pids);
	free(job->statuses);
	free(job->states);
	free(job->text);
	free(job);
}

static void jobs_forget(void)
{
	for (size_t i = 0; i < MAX_JOBS; i++)
		if (jobs[i] != NULL) job_remove(jobs[i]);
}

static int job_running(const struct job *job)
{
	for (size_t i = 0; i < job->count; i++)
		if (job->states[i] == PROCESS_RUNNING) return 1;
	return 0;
}

static int job_stopped(const struct job *job)
{
	if (job_running(job)) return 0;
	for (size_t i = 0; i < job->count; i++)
		if (job->states[i] == PROCESS_STOPPED) return 1;
	return 0;
}

/* The status of a job as $? shows it: its last process's exit status or 128 + signal. */
static int job_status(const struct job *job)
{
	if (job->count == 0) return 1;
	int status = job->statuses[job->count - 1];
	if (job->states[job->count - 1] == PROCESS_STOPPED) return 128 + WSTOPSIG(status);
	if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

static void record_status(pid_t pid, int status)
{
	for (size_t i = 0; i < MAX_JOBS; i++) {
		struct job *job = jobs[i];
		for (size_t k = 0; job != NULL && k < job->count; k++) {
			if (job->pids[k] != pid) continue;
			if (WIFSTOPPED(status)) {
				job->states[k] = PROCESS_STOPPED;
				job->stop_reported = 0;
			} else if (WIFCONTINUED(status)) {
				job->states[k] = PROCESS_RUNNING;
			} else {
				job->states[k] = PROCESS_DONE;
			}
			if (!WIFCONTINUED(status)) job->statuses[k] = status;
			return;
		}
	}
}

/* Waits until no process of the job runs: all ended or some stopped. */
static void job_wait(struct job *job)
{
	while (job_running(job)) {
		int status;
		pid_t pid = waitpid(-1, &status, WUNTRACED);
		if (pid < 0 && errno == EINTR) continue;
		if (pid < 0) {
			/* No children left (ECHILD): nothing of the job can still run. */
			for (size_t k = 0; k < job->count; k++)
				if (job->states[k] == PROCESS_RUNNING) job->states[k] = PROCESS_DONE;
			break;
		}
		record_status(pid, status);
	}
}

static void job_report_stop(struct job *job)
{
	char line[1024];
	snprintf(line, sizeof line, "\n[%d]+ Stopped %s\n", job->id, job->text);
	write_text(2, line);
	job->stop_reported = 1;
}

/* Runs a job in the foreground until it ends or stops; answers its status. */
static int job_foreground(struct job *job, int continuing)
{
	if (interactive && job->pgid > 0) {
		tcsetpgrp(0, job->pgid);
		if (continuing && job->modes_saved) tcsetattr(0, TCSADRAIN, &job->modes);
	}
	if (continuing) {
		for (size_t k = 0; k < job->count; k++)
			if (job->states[k] == PROCESS_STOPPED) job->states[k] = PROCESS_RUNNING;
		kill(-job->pgid, SIGCONT);
	}
	job_wait(job);
	int status = job_status(job);
	if (interactive) {
		tcsetpgrp(0, shell_pgid);
		if (job_stopped(job)) {
			job->modes_saved = tcgetattr(0, &job->modes) == 0;
		}
		tcsetattr(0, TCSADRAIN, &shell_modes);
	}
	if (job_stopped(job)) {
		job_report_stop(job);
		return status;
	}
	int last = job->count > 0 ? job->statuses[job->count - 1] : 0;
	if (interactive && WIFSIGNALED(last)) {
		if (WTERMSIG(last) == SIGINT) write_text(2, "\n");
		else if (WTERMSIG(last) != SIGPIPE) {
			char line[128];
			snprintf(line, sizeof line, "%s\n", strsignal(WTERMSIG(last)));
			write_text(2, line);
		}
	}
	job_remove(job);
	return status;
}

/* Before a prompt: collect what ended or stopped in the background and say so. */
static void jobs_notify(void)
{
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG | WUNTRACED)) > 0) record_status(pid, status);
	for (size_t i = 0; i < MAX_JOBS; i++) {
		struct job *job = jobs[i];
		if (job == NULL) continue;
		if (job_stopped(job) && !job->stop_reported) {
			job_report_stop(job);
		} else if (!job_running(job) && !job_stopped(job)) {
			char line[1024];
			snprintf(line, sizeof line, "[%d]+ Done %s\n", job->id, job->text);
			write_text(2, line);
			job_remove(job);
		}
	}
}

/* A job named by "%N", "N" (a pid) or nothing (the most recent). */
static struct job *job_named(const char *name)
{
	struct job *found = NULL;
	for (size_t i = 0; i < MAX_JOBS; i++) {
		struct job *job = jobs[i];
		if (job == NULL) continue;
		if (name == NULL) {
			if (found == NULL || job->id > found->id) found = job;
		} else if (name[0] == '%') {
			if (job->id == atoi(name + 1)) found = job;
		} else {
			for (size_t k = 0; k < job->count; k++)
				if (job->pids[k] == (pid_t)atol(name)) found = job;
		}
	}
	return found;
}

/* ---- running commands ---- */

static int run_file(const char *path);
static int run_and_or(const struct and_or *and_or);

/* In a new child: its process group, the terminal, the signals the shell changed. */
static void child_start(pid_t pgid, int background)
{
	int was_interactive = interactive;
	if (interactive) {
		pid_t pid = getpid();
		setpgid(pid, pgid > 0 ? pgid : pid);
		if (!background) tcsetpgrp(0, pgid > 0 ? pgid : pid);
	}
	if (job_control_signals) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGTSTP, SIG_DFL);
		signal(SIGTTIN, SIG_DFL);
		signal(SIGTTOU, SIG_DFL);
		job_control_signals = 0;
	}
	/* Without job control a background command must not take the terminal's signals or input. */
	if (background && !was_interactive) {
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		int null = open("/dev/null", O_RDONLY);
		if (null >= 0 && null != 0) {
			dup2(null, 0);
			close(null);
		}
	}
	interactive = 0;
	in_subshell = 1;
	jobs_forget();
}

/* A file that is executable but no program: this shell runs it as a script, in this child. */
static void run_as_script(const char *path, struct simple *simple)
{
	for (size_t i = 0; i < simple->assignments.count; i++) variable_assign(simple->assignments.items[i], 1);
	/* A new shell sees only the environment, not the caller's unexported variables. */
	for (size_t i = variable_count; i > 0; i--)
		if (!variables[i - 1].exported) variable_unset(variables[i - 1].name);
	script_name = duplicate(path);
	positional = simple->arguments.items + 1;
	positional_count = (int)simple->arguments.count - 1;
	int status = run_file(path);
	_exit(status < 0 ? 126 : status);
}

/* execs the command (PATH search if the name has no "/"); on failure exits 126 or 127. */
static void exec_external(struct simple *simple)
{
	char **argv = simple->arguments.items;
	char **environment = environment_build(simple->assignments.items, simple->assignments.count);
	const char *name = argv[0];
	if (strchr(name, '/') != NULL) {
		execve(name, argv, environment);
		int error = errno;
		if (error == ENOEXEC) run_as_script(name, simple);
		complain("%s: %s", name, strerror(error));
		_exit(error == ENOENT ? 127 : 126);
	}
	const char *path = NULL;
	for (size_t i = 0; i < simple->assignments.count; i++)
		if (strncmp(simple->assignments.items[i], "PATH=", 5) == 0) path = simple->assignments.items[i] + 5;
	if (path == NULL) path = variable_get("PATH");
	if (path == NULL) path = "/bin:/usr/bin";
	int denied = 0;
	/* Each ":"-separated directory in turn; an empty one is the working directory. */
	for (; name[0] != '\0'; path++) {
		size_t length = strcspn(path, ":");
		char *candidate = allocate(length + strlen(name) + 3);
		if (length == 0) sprintf(candidate, "./%s", name);
		else sprintf(candidate, "%.*s/%s", (int)length, path, name);
		execve(candidate, argv, environment);
		if (errno == ENOEXEC) run_as_script(candidate, simple);
		if (errno == EACCES) denied = 1;
		free(candidate);
		path += length;
		if (*path == '\0') break;
	}
	if (denied) {
		complain("%s: Permission denied", name);
		_exit(126);
	}
	complain("%s: command not found", name);
	_exit(127);
}

typedef int builtin_function(char **argv, int argc);
static builtin_function *builtin_find(const char *name);

/* In a child of a pipeline: expand (unless done), redirect, run; never returns. */
static void run_in_child(const struct command *command, struct simple *expanded)
{
	struct simple own;
	if (expanded == NULL) {
		expand_command(command, &own);
		expanded = &own;
	}
	if (redirect(expanded->redirections, NULL) < 0) _exit(1);
	if (expanded->arguments.count == 0) _exit(0);
	if (strcmp(expanded->arguments.items[0], "exec") == 0) {
		if (expanded->arguments.count == 1) _exit(0);
		struct simple command = *expanded;
		command.arguments.items++;
		command.arguments.count--;
		exec_external(&command);
	}
	builtin_function *builtin = builtin_find(expanded->arguments.items[0]);
	if (builtin != NULL) {
		for (size_t i = 0; i < expanded->assignments.count; i++) variable_assign(expanded->assignments.items[i], 0);
		_exit(builtin(expanded->arguments.items, (int)expanded->arguments.count));
	}
	exec_external(expanded);
}

/* Forks the processes of a pipeline as one job. expanded: the single command, already expanded. */
static int run_job(const struct pipeline *pipeline, int background, struct simple *expanded)
{
	struct job *job = job_new(pipeline->text);
	if (job == NULL) {
		complain("too many jobs");
		return 1;
	}
	int input = -1, failed = 0;
	pid_t last = 0;
	for (size_t i = 0; i < pipeline->count; i++) {
		int ends[2] = { -1, -1 };
		if (i + 1 < pipeline->count && pipe(ends) < 0) {
			complain("pipe: %s", strerror(errno));
			failed = 1;
			break;
		}
		pid_t pid = fork();
		if (pid == 0) {
			child_start(job->pgid, background);
			if (input >= 0) {
				dup2(input, 0);
				close(input);
			}
			if (ends[1] >= 0) {
				dup2(ends[1], 1);
				close(ends[1]);
				close(ends[0]);
			}
			run_in_child(&pipeline->commands[i], expanded);
		}
		if (pid < 0) {
			complain("fork: %s", strerror(errno));
			failed = 1;
			if (ends[0] >= 0) close(ends[0]);
			if (ends[1] >= 0) close(ends[1]);
			break;
		}
		if (interactive) {
			if (job->pgid == 0) job->pgid = pid;
			setpgid(pid, job->pgid);
		}
		job_add(job, pid);
		last = pid;
		if (input >= 0) close(input);
		if (ends[1] >= 0) close(ends[1]);
		input = ends[0];
	}
	if (input >= 0) close(input);
	if (background && job->count > 0) {
		last_background = last;
		if (interactive) {
			char line[64];
			snprintf(line, sizeof line, "[%d] %ld\n", job->id, (long)last);
			write_text(2, line);
		}
		return failed;
	}
	int status = job_foreground(job, 0);
	return failed ? 1 : status;
}

/* A builtin or assignments alone, run in the shell itself with its redirections undone after. */
static int run_in_shell(struct simple *simple)
{
	struct saved_fds saved = { .count = 0 };
	char **argv = simple->arguments.items;
	int argc = (int)simple->arguments.count;
	if (argc > 0 && strcmp(argv[0], "exec") == 0) {
		/* exec: redirections stay; with a command, the shell becomes it. */
		if (redirect(simple->redirections, NULL) < 0) return 1;
		if (argc == 1) return 0;
		if (job_control_signals) {
			signal(SIGINT, SIG_DFL);
			signal(SIGQUIT, SIG_DFL);
			signal(SIGTSTP, SIG_DFL);
			signal(SIGTTIN, SIG_DFL);
			signal(SIGTTOU, SIG_DFL);
		}
		struct simple command = *simple;
		command.arguments.items = argv + 1;
		command.arguments.count = (size_t)argc - 1;
		exec_external(&command);
	}
	int status = 0;
	if (redirect(simple->redirections, &saved) < 0) {
		status = 1;
	} else {
		for (size_t i = 0; i < simple->assignments.count; i++) variable_assign(simple->assignments.items[i], 0);
		if (argc > 0) status = builtin_find(argv[0])(argv, argc);
	}
	restore_fds(&saved);
	return status;
}

static int run_pipeline(const struct pipeline *pipeline)
{
	int status;
	if (pipeline->count == 1) {
		struct simple simple;
		expand_command(&pipeline->commands[0], &simple);
		if (simple.arguments.count == 0 || builtin_find(simple.arguments.items[0]) != NULL)
			status = run_in_shell(&simple);
		else
			status = run_job(pipeline, 0, &simple);
		simple_free(&simple);
	} else {
		status = run_job(pipeline, 0, NULL);
	}
	return pipeline->negated ? !status : status;
}

static int run_and_or(const struct and_or *and_or)
{
	int status = run_pipeline(&and_or->pipelines[0]);
	last_status = status;
	for (size_t i = 1; i < and_or->count; i++) {
		enum token_kind connector = and_or->connectors[i - 1];
		if ((connector == TOKEN_AND) != (status == 0)) continue;
		status = run_pipeline(&and_or->pipelines[i]);
		last_status = status;
	}
	return status;
}

/* "&": a lone pipeline becomes a job of its processes; anything longer runs in a forked shell. */
static void run_background(const struct and_or *and_or)
{
	if (and_or->count == 1) {
		run_job(&and_or->pipelines[0], 1, NULL);
		return;
	}
	struct job *job = job_new(and_or->text);
	if (job == NULL) {
		complain("too many jobs");
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		child_start(0, 1);
		_exit(run_and_or(and_or));
	}
	if (pid < 0) {
		complain("fork: %s", strerror(errno));
		job_remove(job);
		return;
	}
	if (interactive) {
		job->pgid = pid;
		setpgid(pid, pid);
		char line[64];
		snprintf(line, sizeof line, "[%d] %ld\n", job->id, (long)pid);
		write_text(2, line);
	}
	job_add(job, pid);
	last_background = pid;
}

static void run_list(const struct list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		if (list->items[i].background) {
			run_background(&list->items[i]);
			last_status = 0;
		} else {
			last_status = run_and_or(&list->items[i]);
		}
	}
}

/* ---- builtins ---- */

static int builtin_true(char **argv, int argc) { (void)argv; (void)argc; return 0; }
static int builtin_false(char **argv, int argc) { (void)argv; (void)argc; return 1; }

static int builtin_echo(char **argv, int argc)
{
	int first = 1, newline = 1;
	while (first < argc && strcmp(argv[first], "-n") == 0) {
		newline = 0;
		first++;
	}
	struct text line = { 0 };
	text_add(&line, "", 0);
	for (int i = first; i < argc; i++) {
		if (i > first) text_char(&line, ' ');
		text_add(&line, argv[i], strlen(argv[i]));
	}
	if (newline) text_char(&line, '\n');
	int status = write_text(1, line.data) < 0 ? 1 : 0;
	free(line.data);
	return status;
}

static int builtin_pwd(char **argv, int argc)
{
	(void)argv;
	(void)argc;
	char path[4096];
	if (getcwd(path, sizeof path - 1) == NULL) {
		complain("pwd: %s", strerror(errno));
		return 1;
	}
	strcat(path, "\n");
	write_text(1, path);
	return 0;
}

static int builtin_cd(char **argv, int argc)
{
	const char *target = argc > 1 ? argv[1] : variable_get("HOME");
	int show = 0;
	if (target == NULL) {
		complain("cd: HOME not set");
		return 1;
	}
	if (strcmp(target, "-") == 0) {
		target = variable_get("OLDPWD");
		if (target == NULL) {
			complain("cd: OLDPWD not set");
			return 1;
		}
		show = 1;
	}
	char before[4096], after[4096];
	if (getcwd(before, sizeof before) == NULL) before[0] = '\0';
	if (chdir(target) < 0) {
		complain("cd: %s: %s", target, strerror(errno));
		return 1;
	}
	if (getcwd(after, sizeof after) != NULL) {
		variable_set("OLDPWD", 6, before, 0);
		variable_set("PWD", 3, after, 0);
		if (show) {
			strcat(after, "\n");
			write_text(1, after);
		}
	}
	return 0;
}

static int builtin_exit(char **argv, int argc)
{
	int status = last_status;
	if (argc > 1) {
		char *end;
		status = (int)strtol(argv[1], &end, 10);
		if (argv[1][0] == '\0' || *end != '\0') {
			complain("exit: %s: numeric argument required", argv[1]);
			status = 2;
		}
	}
	if (in_subshell) _exit(status & 255);
	shell_exit(status);
	return status;
}

static int builtin_export(char **argv, int argc)
{
	if (argc == 1) {
		for (size_t i = 0; i < variable_count; i++) {
			if (!variables[i].exported || variables[i].value == NULL) continue;
			struct text line = { 0 };
			text_add(&line, "export ", 7);
			text_add(&line, variables[i].name, strlen(variables[i].name));
			text_add(&line, "='", 2);
			for (const char *c = variables[i].value; *c != '\0'; c++) {
				if (*c == '\'') text_add(&line, "'\\''", 4);
				else text_char(&line, *c);
			}
			text_add(&line, "'\n", 2);
			write_text(1, line.data);
			free(line.data);
		}
		return 0;
	}
	int status = 0;
	for (int i = 1; i < argc; i++) {
		const char *equals = strchr(argv[i], '=');
		size_t length = equals != NULL ? (size_t)(equals - argv[i]) : strlen(argv[i]);
		if (!valid_name(argv[i], length)) {
			complain("export: %s: not a valid identifier", argv[i]);
			status = 1;
			continue;
		}
		variable_set(argv[i], length, equals != NULL ? equals + 1 : NULL, 1);
	}
	return status;
}

static int builtin_unset(char **argv, int argc)
{
	for (int i = 1; i < argc; i++) variable_unset(argv[i]);
	return 0;
}

static int builtin_wait(char **argv, int argc)
{
	int status = 0;
	if (argc == 1) {
		for (;;) {
			struct job *oldest = NULL;
			for (size_t i = 0; i < MAX_JOBS; i++)
				if (jobs[i] != NULL && !job_stopped(jobs[i]) && (oldest == NULL || jobs[i]->id < oldest->id)) oldest = jobs[i];
			if (oldest == NULL) break;
			job_wait(oldest);
			if (job_stopped(oldest)) continue;
			status = job_status(oldest);
			job_remove(oldest);
		}
		/* POSIX: wait without operands answers 0 once all are done. */
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		struct job *job = job_named(argv[i]);
		if (job == NULL) {
			complain("wait: %s: no such job", argv[i]);
			status = 127;
			continue;
		}
		job_wait(job);
		status = job_status(job);
		if (!job_stopped(job)) job_remove(job);
	}
	return status;
}

static int builtin_jobs(char **argv, int argc)
{
	(void)argv;
	(void)argc;
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG | WUNTRACED)) > 0) record_status(pid, status);
	for (int id = 1; id < 1000; id++) {
		for (size_t i = 0; i < MAX_JOBS; i++) {
			struct job *job = jobs[i];
			if (job == NULL || job->id != id) continue;
			char line[1024];
			const char *state = job_running(job) ? "Running" : job_stopped(job) ? "Stopped" : "Done";
			snprintf(line, sizeof line, "[%d] %s %s\n", job->id, state, job->text);
			write_text(1, line);
			if (job_stopped(job)) job->stop_reported = 1;
			if (!job_running(job) && !job_stopped(job)) job_remove(job);
		}
	}
	return 0;
}

static int builtin_fg(char **argv, int argc)
{
	if (!interactive) {
		complain("%s: no job control", argv[0]);
		return 1;
	}
	struct job *job = job_named(argc > 1 ? argv[1] : NULL);
	if (job == NULL) {
		complain("%s: no such job", argv[0]);
		return 1;
	}
	char line[1024];
	if (strcmp(argv[0], "bg") == 0) {
		for (size_t k = 0; k < job->count; k++)
			if (job->states[k] == PROCESS_STOPPED) job->states[k] = PROCESS_RUNNING;
		kill(-job->pgid, SIGCONT);
		snprintf(line, sizeof line, "[%d]+ %s &\n", job->id, job->text);
		write_text(2, line);
		return 0;
	}
	snprintf(line, sizeof line, "%s\n", job->text);
	write_text(2, line);
	return job_foreground(job, 1);
}

static int builtin_source(char **argv, int argc)
{
	if (argc < 2) {
		complain("%s: filename argument required", argv[0]);
		return 2;
	}
	char *path = NULL;
	if (strchr(argv[1], '/') == NULL) {
		/* POSIX searches PATH; like bash, the working directory comes after it. */
		const char *search = variable_get("PATH");
		while (search != NULL && *search != '\0' && path == NULL) {
			size_t length = strcspn(search, ":");
			char *candidate = allocate(length + strlen(argv[1]) + 2);
			sprintf(candidate, "%.*s/%s", (int)length, search, argv[1]);
			struct stat info;
			if (length > 0 && stat(candidate, &info) == 0 && S_ISREG(info.st_mode)) path = candidate;
			else free(candidate);
			search += length + (search[length] == ':');
		}
	}
	if (path == NULL) path = duplicate(argv[1]);
	char **saved_positional = positional;
	int saved_count = positional_count;
	if (argc > 2) {
		positional = argv + 2;
		positional_count = argc - 2;
	}
	int status = run_file(path);
	if (status < 0) status = 1;
	positional = saved_positional;
	positional_count = saved_count;
	free(path);
	return status;
}

/* test and [: the one- to four-argument forms POSIX defines, without -a and -o. */
static int test_unary(const char *operator, const char *operand, int *result)
{
	struct stat info;
	int exists = stat(operand, &info) == 0;
	switch (operator[1]) {
	case 'n': *result = operand[0] != '\0'; break;
	case 'z': *result = operand[0] == '\0'; break;
	case 'e': *result = exists; break;
	case 'f': *result = exists && S_ISREG(info.st_mode); break;
	case 'd': *result = exists && S_ISDIR(info.st_mode); break;
	case 's': *result = exists && info.st_size > 0; break;
	case 'r': *result = access(operand, R_OK) == 0; break;
	case 'w': *result = access(operand, W_OK) == 0; break;
	case 'x': *result = access(operand, X_OK) == 0; break;
	case 'h': case 'L': *result = lstat(operand, &info) == 0 && S_ISLNK(info.st_mode); break;
	case 't': *result = isatty(atoi(operand)); break;
	default: return -1;
	}
	return operator[0] == '-' && operator[2] == '\0' ? 0 : -1;
}

static int test_binary(const char *left, const char *operator, const char *right, int *result)
{
	if (strcmp(operator, "=") == 0) *result = strcmp(left, right) == 0;
	else if (strcmp(operator, "!=") == 0) *result = strcmp(left, right) != 0;
	else if (operator[0] == '-' && strlen(operator) == 3) {
		char *left_end, *right_end;
		long a = strtol(left, &left_end, 10), b = strtol(right, &right_end, 10);
		if (*left == '\0' || *left_end != '\0' || *right == '\0' || *right_end != '\0') {
			complain("test: integer expression expected");
			return -2;
		}
		if (strcmp(operator, "-eq") == 0) *result = a == b;
		else if (strcmp(operator, "-ne") == 0) *result = a != b;
		else if (strcmp(operator, "-lt") == 0) *result = a < b;
		else if (strcmp(operator, "-le") == 0) *result = a <= b;
		else if (strcmp(operator, "-gt") == 0) *result = a > b;
		else if (strcmp(operator, "-ge") == 0) *result = a >= b;
		else return -1;
	} else return -1;
	return 0;
}

/* 0 true, 1 false, 2 error. */
static int test_expression(char **arguments, int count)
{
	int result = 0, answer = 0;
	if (count == 0) return 1;
	if (count == 1) return arguments[0][0] != '\0' ? 0 : 1;
	if (strcmp(arguments[0], "!") == 0 && count <= 4) {
		int inner = test_expression(arguments + 1, count - 1);
		return inner == 2 ? 2 : !inner;
	}
	if (count == 2) answer = test_unary(arguments[0], arguments[1], &result);
	else if (count == 3) answer = test_binary(arguments[0], arguments[1], arguments[2], &result);
	else answer = -1;
	if (answer == -1) complain("test: %s: unexpected operator", arguments[count == 3 ? 1 : 0]);
	if (answer < 0) return 2;
	return result ? 0 : 1;
}

static int builtin_test(char **argv, int argc)
{
	if (strcmp(argv[0], "[") == 0) {
		if (strcmp(argv[argc - 1], "]") != 0) {
			complain("[: missing ]");
			return 2;
		}
		argc--;
	}
	return test_expression(argv + 1, argc - 1);
}

/* "exec" is listed to be found as a builtin; run_in_shell and run_in_child do its work. */
static const struct {
	const char *name;
	builtin_function *function;
} builtins[] = {
	{ ".", builtin_source }, { ":", builtin_true }, { "[", builtin_test }, { "bg", builtin_fg },
	{ "cd", builtin_cd }, { "echo", builtin_echo }, { "exec", builtin_true }, { "exit", builtin_exit },
	{ "export", builtin_export }, { "false", builtin_false }, { "fg", builtin_fg }, { "jobs", builtin_jobs },
	{ "pwd", builtin_pwd }, { "source", builtin_source }, { "test", builtin_test }, { "true", builtin_true },
	{ "unset", builtin_unset }, { "wait", builtin_wait },
};

static builtin_function *builtin_find(const char *name)
{
	for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
		if (strcmp(builtins[i].name, name) == 0) return builtins[i].function;
	return NULL;
}

/* ---- input: lines from a string, a file or standard input ---- */

struct input {
	const char *string; /* nsh -c */
	size_t position;
	int fd;
	int byte_at_a_time; /* standard input: read no further than the line, the commands share it */
	int terminal;
	char buffer[4096];
	size_t start, end;
};

static volatile sig_atomic_t prompt_interrupted;

static void on_prompt_interrupt(int signal_number)
{
	(void)signal_number;
	prompt_interrupted = 1;
}

/* Appends one line (with its newline) to line: 1, or 0 at end of input, -1 when Ctrl-C discarded it. */
static int input_line(struct input *input, struct text *line, const char *prompt)
{
	if (input->string != NULL) {
		const char *text = input->string + input->position;
		if (*text == '\0') return 0;
		size_t length = strcspn(text, "\n");
		length += text[length] == '\n';
		text_add(line, text, length);
		input->position += length;
		return 1;
	}
	struct sigaction interrupt, previous;
	if (input->terminal) {
		write_text(2, prompt);
		/* Ctrl-C at the prompt interrupts the read (no SA_RESTART) instead of being ignored. */
		memset(&interrupt, 0, sizeof interrupt);
		interrupt.sa_handler = on_prompt_interrupt;
		sigemptyset(&interrupt.sa_mask);
		prompt_interrupted = 0;
		sigaction(SIGINT, &interrupt, &previous);
	}
	int got = 0, answer = 1;
	for (;;) {
		char c;
		if (input->byte_at_a_time) {
			ssize_t n = read(input->fd, &c, 1);
			if (n < 0 && errno == EINTR && !prompt_interrupted) continue;
			if (n < 0 && errno == EINTR) {
				answer = -1;
				break;
			}
			if (n <= 0) {
				answer = got;
				break;
			}
		} else {
			if (input->start == input->end) {
				ssize_t n = read(input->fd, input->buffer, sizeof input->buffer);
				if (n < 0 && errno == EINTR) continue;
				if (n <= 0) {
					answer = got;
					break;
				}
				input->start = 0;
				input->end = (size_t)n;
			}
			c = input->buffer[input->start++];
		}
		text_char(line, c);
		got = 1;
		if (c == '\n') break;
	}
	if (input->terminal) sigaction(SIGINT, &previous, NULL);
	return answer;
}

/* Reads, parses and runs commands until the input ends; answers the last status. */
static int run_input(struct input *input)
{
	struct text source = { 0 };
	for (;;) {
		if (input->terminal) jobs_notify();
		text_clear(&source);
		int got = input_line(input, &source, "$ ");
		if (got < 0) {
			write_text(2, "\n");
			continue;
		}
		if (got == 0) break;
		for (;;) {
			struct arena arena = { 0 };
			struct tokens tokens = { 0 };
			const char *error = NULL;
			enum lex_result result = lex(source.data, &arena, &tokens, &error);
			if (result == LEX_INCOMPLETE) {
				free(tokens.items);
				tokens.items = NULL;
				arena_free(&arena);
				got = input_line(input, &source, "> ");
				if (got > 0) continue;
				if (got < 0) {
					write_text(2, "\n");
					break;
				}
				error = "syntax error: unexpected end of file";
				result = LEX_ERROR;
			}
			struct parser parser = { tokens.items, 0, source.data, &arena, "" };
			struct list list;
			if (result == LEX_DONE && parse_list(&parser, &list) < 0) {
				error = parser.error;
				result = LEX_ERROR;
			}
			if (result == LEX_ERROR) {
				complain("%s", error);
				last_status = 2;
				free(tokens.items);
				arena_free(&arena);
				if (!interactive) shell_exit(2);
				/* Interactive: a sourced file ends here, the prompt goes on. */
				if (!input->terminal) {
					free(source.data);
					return last_status;
				}
				break;
			}
			free(tokens.items);
			run_list(&list);
			arena_free(&arena);
			break;
		}
	}
	free(source.data);
	return last_status;
}

/* Runs a script file in this shell (nsh FILE, ".", an executable text file); -1 if it cannot be read. */
static int run_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		complain("%s: %s", path, strerror(errno));
		return -1;
	}
	/* Out of the way of redirections to low descriptors, and not inherited by commands. */
	int high = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	close(fd);
	if (high < 0) return -1;
	struct input *input = allocate(sizeof *input);
	memset(input, 0, sizeof *input);
	input->fd = high;
	int status = run_input(input);
	free(input);
	close(high);
	return status;
}

/* ---- start ---- */

/* Interactive: the shell becomes its own process group in the terminal's foreground. */
static void job_control_start(void)
{
	for (int tries = 0; tcgetpgrp(0) != getpgrp(); tries++) {
		/* In the background a SIGTTIN stops us until a parent shell gives us the terminal. */
		if (tries == 100 || tcgetpgrp(0) < 0) {
			complain("not in the terminal's foreground; no job control");
			interactive = 0;
			return;
		}
		kill(-getpgrp(), SIGTTIN);
	}
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	job_control_signals = 1;
	original_pgid = getpgrp();
	/* A session leader (the terminal's first process) already leads its group: EPERM is fine. */
	setpgid(0, 0);
	shell_pgid = getpgrp();
	tcsetpgrp(0, shell_pgid);
	tcgetattr(0, &shell_modes);
}

int main(int argc, char **argv)
{
	shell_pid = getpid();
	for (char **entry = environ; *entry != NULL; entry++) variable_assign(*entry, 1);
	script_name = "nsh";
	struct input standard_input;
	memset(&standard_input, 0, sizeof standard_input);
	if (argc > 2 && strcmp(argv[1], "-c") == 0) {
		standard_input.string = argv[2];
		if (argc > 3) script_name = argv[3];
		positional = argv + 4;
		positional_count = argc > 4 ? argc - 4 : 0;
		shell_exit(run_input(&standard_input));
	}
	if (argc > 1 && argv[1][0] == '-' && argv[1][1] != '\0') {
		complain("%s: unknown option (nsh [-c COMMAND [NAME [ARG...]] | FILE [ARG...]])", argv[1]);
		return 2;
	}
	if (argc > 1) {
		script_name = argv[1];
		positional = argv + 2;
		positional_count = argc - 2;
		int status = run_file(argv[1]);
		shell_exit(status < 0 ? 127 : status);
	}
	standard_input.fd = 0;
	standard_input.byte_at_a_time = 1;
	interactive = isatty(0) && isatty(2);
	if (interactive) job_control_start();
	standard_input.terminal = interactive;
	shell_exit(run_input(&standard_input));
	return 0;
}
