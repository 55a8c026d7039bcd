/*
 * The table of mounted file systems (<mntent.h>): lines of fstab(5)'s
 * format in the file the program names, blank lines and comments
 * skipped, as glibc reads /etc/mtab.
 */
#include <mntent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

FILE *setmntent(const char *path, const char *mode) { return fopen(path, mode); }

int endmntent(FILE *file)
{
	if (file) fclose(file);
	return 1;
}

/* The next field of `*at` (blanks separate them), or "" at the line's end. */
static char *field(char **at)
{
	char *start = *at + strspn(*at, " \t\n");
	char *end = start + strcspn(start, " \t\n");
	*at = *end ? end + 1 : end;
	*end = 0;
	return start;
}

struct mntent *getmntent_r(FILE *file, struct mntent *entry, char *line, int size)
{
	for (;;) {
		if (!fgets(line, size, file)) return 0;
		char *at = line + strspn(line, " \t");
		if (*at == '#' || *at == '\n' || *at == 0) continue;
		entry->mnt_fsname = field(&at);
		entry->mnt_dir = field(&at);
		entry->mnt_type = field(&at);
		entry->mnt_opts = field(&at);
		entry->mnt_freq = atoi(field(&at));
		entry->mnt_passno = atoi(field(&at));
		return entry;
	}
}

struct mntent *getmntent(FILE *file)
{
	static struct mntent entry;
	static char line[1024];
	return getmntent_r(file, &entry, line, sizeof line);
}

char *hasmntopt(const struct mntent *entry, const char *option)
{
	size_t length = strlen(option);
	for (char *at = entry->mnt_opts; at && *at; ) {
		if (!strncmp(at, option, length) && (at[length] == 0 || at[length] == ',' || at[length] == '=')) return at;
		at = strchr(at, ',');
		if (at) at++;
	}
	return 0;
}
