/*
 * <mntent.h> for programs on noux (wasi-libc has none): the table of
 * mounted file systems in fstab(5)'s format, read from the file a program
 * names (MOUNTED, /etc/mtab, if the fstab has one). noux keeps no such
 * table of its own: without the file there is none, as on a system
 * without /proc. GNU's mount list (df, stat's %m) is built on these.
 */
#ifndef _MNTENT_H
#define _MNTENT_H

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MOUNTED "/etc/mtab"
#define _PATH_MOUNTED MOUNTED

struct mntent {
	char *mnt_fsname;
	char *mnt_dir;
	char *mnt_type;
	char *mnt_opts;
	int mnt_freq;
	int mnt_passno;
};

FILE *setmntent(const char *, const char *);
int endmntent(FILE *);
struct mntent *getmntent(FILE *);
struct mntent *getmntent_r(FILE *, struct mntent *, char *, int);
char *hasmntopt(const struct mntent *, const char *);

#ifdef __cplusplus
}
#endif
#endif
