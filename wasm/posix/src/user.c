/*
 * The user and group databases, host name and resource limits. Noux has
 * one user; /etc/passwd and /etc/group in the process's file system name
 * it (and others) if they exist, otherwise the built-in user "root"
 * (uid 0, home "/", shell /bin/sh) stands, as in Genode's Noux.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

static struct passwd builtin_user = { "root", "x", 0, 0, "root", "/", "/bin/sh" };
static char *builtin_members[] = { 0 };
static struct group builtin_group = { "root", "x", 0, builtin_members };

static FILE *passwd_file;
static int passwd_builtin_done;
static struct passwd entry;
static char line[1024];

/* Splits `text` at ':' into at most `count` fields. */
static int split(char *text, char *fields[], int count)
{
	int n = 0;
	char *at = text;
	while (n < count) {
		fields[n++] = at;
		char *colon = strchr(at, ':');
		if (!colon) break;
		*colon = 0;
		at = colon + 1;
	}
	char *newline = strchr(fields[n - 1], '\n');
	if (newline) *newline = 0;
	return n;
}

void setpwent(void)
{
	if (passwd_file) fclose(passwd_file);
	passwd_file = fopen("/etc/passwd", "r");
	passwd_builtin_done = 0;
}

void endpwent(void)
{
	if (passwd_file) fclose(passwd_file);
	passwd_file = 0;
	passwd_builtin_done = 0;
}

struct passwd *getpwent(void)
{
	if (!passwd_file && !passwd_builtin_done) passwd_file = fopen("/etc/passwd", "r");
	if (!passwd_file) {
		if (passwd_builtin_done) return 0;
		passwd_builtin_done = 1;
		return &builtin_user;
	}
	while (fgets(line, sizeof line, passwd_file)) {
		char *fields[7];
		if (split(line, fields, 7) < 7) continue;
		entry = (struct passwd){ fields[0], fields[1], (uid_t)atoi(fields[2]), (gid_t)atoi(fields[3]),
		                         fields[4], fields[5], fields[6] };
		return &entry;
	}
	return 0;
}

static struct passwd *find_user(const char *name, uid_t uid)
{
	struct passwd *found = 0;
	setpwent();
	for (struct passwd *p; (p = getpwent());) {
		if (name ? strcmp(p->pw_name, name) == 0 : p->pw_uid == uid) {
			found = p;
			break;
		}
	}
	if (passwd_file) {
		fclose(passwd_file);
		passwd_file = 0;
	}
	passwd_builtin_done = 0;
	return found;
}

struct passwd *getpwnam(const char *name) { return find_user(name, 0); }
struct passwd *getpwuid(uid_t uid) { return find_user(0, uid); }

static int copy_user(struct passwd *found, struct passwd *out, char *buffer, size_t size, struct passwd **result)
{
	*result = 0;
	if (!found) return 0;
	char *strings[] = { found->pw_name, found->pw_passwd, found->pw_gecos, found->pw_dir, found->pw_shell };
	char **targets[] = { &out->pw_name, &out->pw_passwd, &out->pw_gecos, &out->pw_dir, &out->pw_shell };
	size_t used = 0;
	for (int i = 0; i < 5; i++) {
		size_t n = strlen(strings[i]) + 1;
		if (used + n > size) return ERANGE;
		memcpy(buffer + used, strings[i], n);
		*targets[i] = buffer + used;
		used += n;
	}
	out->pw_uid = found->pw_uid;
	out->pw_gid = found->pw_gid;
	*result = out;
	return 0;
}

int getpwnam_r(const char *name, struct passwd *out, char *buffer, size_t size, struct passwd **result)
{
	return copy_user(getpwnam(name), out, buffer, size, result);
}

int getpwuid_r(uid_t uid, struct passwd *out, char *buffer, size_t size, struct passwd **result)
{
	return copy_user(getpwuid(uid), out, buffer, size, result);
}

static FILE *group_file;
static int group_builtin_done;
static struct group group_entry;
static char *group_members[64];

void setgrent(void)
{
	if (group_file) fclose(group_file);
	group_file = fopen("/etc/group", "r");
	group_builtin_done = 0;
}

void endgrent(void)
{
	if (group_file) fclose(group_file);
	group_file = 0;
	group_builtin_done = 0;
}

struct group *getgrent(void)
{
	if (!group_file && !group_builtin_done) group_file = fopen("/etc/group", "r");
	if (!group_file) {
		if (group_builtin_done) return 0;
		group_builtin_done = 1;
		return &builtin_group;
	}
	while (fgets(line, sizeof line, group_file)) {
		char *fields[4];
		if (split(line, fields, 4) < 4) continue;
		int n = 0;
		for (char *member = strtok(fields[3], ","); member && n < 63; member = strtok(0, ",")) group_members[n++] = member;
		group_members[n] = 0;
		group_entry = (struct group){ fields[0], fields[1], (gid_t)atoi(fields[2]), group_members };
		return &group_entry;
	}
	return 0;
}

static struct group *find_group(const char *name, gid_t gid)
{
	struct group *found = 0;
	setgrent();
	for (struct group *g; (g = getgrent());) {
		if (name ? strcmp(g->gr_name, name) == 0 : g->gr_gid == gid) {
			found = g;
			break;
		}
	}
	if (group_file) {
		fclose(group_file);
		group_file = 0;
	}
	group_builtin_done = 0;
	return found;
}

struct group *getgrnam(const char *name) { return find_group(name, 0); }
struct group *getgrgid(gid_t gid) { return find_group(0, gid); }

char *getlogin(void)
{
	struct passwd *user = getpwuid(getuid());
	return user ? user->pw_name : 0;
}

int getlogin_r(char *buffer, size_t size)
{
	char *name = getlogin();
	if (!name) return ENXIO;
	if (strlen(name) + 1 > size) return ERANGE;
	strcpy(buffer, name);
	return 0;
}

int gethostname(char *name, size_t size)
{
	struct utsname system;
	if (uname(&system) < 0) return -1;
	size_t n = strnlen(system.nodename, sizeof system.nodename);
	if (n + 1 > size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(name, system.nodename, n + 1);
	return 0;
}

/* Limits: the descriptor table's size (noux's), everything else unlimited. */
static struct rlimit limits[RLIM_NLIMITS];
static int limits_set;

static void init_limits(void)
{
	if (limits_set) return;
	for (int i = 0; i < RLIM_NLIMITS; i++) limits[i] = (struct rlimit){ RLIM_INFINITY, RLIM_INFINITY };
	limits[RLIMIT_NOFILE] = (struct rlimit){ 1024, 1024 };
	limits_set = 1;
}

int getrlimit(int resource, struct rlimit *limit)
{
	if (resource < 0 || resource >= RLIM_NLIMITS) {
		errno = EINVAL;
		return -1;
	}
	init_limits();
	*limit = limits[resource];
	return 0;
}

int setrlimit(int resource, const struct rlimit *limit)
{
	if (resource < 0 || resource >= RLIM_NLIMITS || limit->rlim_cur > limit->rlim_max) {
		errno = EINVAL;
		return -1;
	}
	init_limits();
	/* One user without privileges to raise a hard limit. */
	if (limit->rlim_max > limits[resource].rlim_max) {
		errno = EPERM;
		return -1;
	}
	limits[resource] = *limit;
	return 0;
}

/* One user without a scheduler of its own: every process has the default priority. */
int getpriority(int which, id_t who)
{
	(void)which;
	(void)who;
	return 0;
}

int setpriority(int which, id_t who, int priority)
{
	(void)which;
	(void)who;
	if (priority == 0) return 0;
	errno = EPERM;
	return -1;
}
