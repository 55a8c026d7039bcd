/* echo: writes its arguments, separated by spaces; -n leaves out the newline. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	int first = 1, newline = 1;
	if (argc > first && strcmp(argv[first], "-n") == 0) { newline = 0; first++; }
	for (int i = first; i < argc; i++) printf(i > first ? " %s" : "%s", argv[i]);
	if (newline) putchar('\n');
	return 0;
}
