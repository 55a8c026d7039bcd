/* WASI test: the standard streams. Copies stdin to stdout with line numbers, writes to stderr. */
#include <string.h>
#include <unistd.h>
#include "check.h"

int main(void)
{
	char line[256];
	int number = 0;
	while (fgets(line, sizeof line, stdin) != NULL) printf("%d: %s", ++number, line);
	printf("lines: %d eof: %d\n", number, feof(stdin) != 0);
	fprintf(stderr, "to stderr\n");
	VALUE("write stdout", write(1, "raw\n", 4));
	VALUE("write stderr", write(2, "raw\n", 4));
	VALUE("read stdin at end", read(0, line, sizeof line));
	CHECK("write stdin", write(0, "x", 1));
	CHECK("read stdout", read(1, line, 1));
	return 0;
}
