/*
 * <grp.h> for programs on noux (wasi-libc has none): /etc/group in the
 * process's file system, or noux's single built-in group.
 */
#ifndef _GRP_H
#define _GRP_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct group {
	char *gr_name;
	char *gr_passwd;
	gid_t gr_gid;
	char **gr_mem;
};

struct group *getgrgid(gid_t);
struct group *getgrnam(const char *);
void setgrent(void);
void endgrent(void);
struct group *getgrent(void);
int initgroups(const char *, gid_t);

#ifdef __cplusplus
}
#endif
#endif
