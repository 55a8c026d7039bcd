/*
 * t_ids: the identity and environment calls a Unix program takes for
 * granted. Values differ between systems, so only their relations are
 * printed: a child's getppid is the parent's getpid; an orphan gets a new
 * parent; setpgid and setsid make a child a group and session leader, and
 * setsid fails with EPERM for a group leader; real and effective ids
 * agree; umask round-trips and shapes a new file's mode; the file limit,
 * uname, gethostname and the password entry of the user are there and
 * consistent; the clocks advance, and a 20 ms nanosleep moves the
 * monotonic clock by at least 20 ms.
 */
#include <fcntl.h>
#include <pwd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include "noux_check.h"

static long long nanoseconds(clockid_t clock)
{
	struct timespec now;
	if (clock_gettime(clock, &now) < 0) return -1;
	return (long long)now.tv_sec * 1000000000 + now.tv_nsec;
}

/* Runs in a child; each check is a bit of the exit status, printed by the parent. */
static int child_process_ids(pid_t parent)
{
	int bits = 0;
	if (getppid() == parent) bits |= 1;
	if (getpid() != parent) bits |= 2;
	if (getpgrp() == getpgid(0) && getpgrp() != getpid()) bits |= 4;
	if (setpgid(0, 0) == 0 && getpgrp() == getpid()) bits |= 8;
	if (setsid() < 0 && errno == EPERM) bits |= 16;
	return bits;
}

static int child_new_session(void)
{
	int bits = 0;
	pid_t session = setsid();
	if (session == getpid()) bits |= 1;
	if (getsid(0) == getpid()) bits |= 2;
	if (getpgrp() == getpid()) bits |= 4;
	return bits;
}

/* A grandchild whose parent exits reports whether getppid changed, through a pipe. */
static void orphan(void)
{
	int ends[2];
	if (pipe(ends) < 0) return;
	pid_t middle = noux_fork();
	if (middle == 0) {
		close(ends[0]);
		/* Taken before the fork: the middle may be gone before the grandchild first runs. */
		pid_t old_parent = getpid();
		pid_t grandchild = noux_fork();
		if (grandchild == 0) {
			char answer = 'n';
			struct timespec millisecond = { 0, 1000000 };
			for (int i = 0; i < 5000 && answer == 'n'; i++) {
				if (getppid() != old_parent) answer = 'y';
				else nanosleep(&millisecond, NULL);
			}
			noux_write_full(ends[1], &answer, 1);
			noux_exit(0);
		}
		noux_exit(0);
	}
	close(ends[1]);
	noux_wait(middle);
	char answer = '?';
	noux_read_full(ends[0], &answer, 1);
	close(ends[0]);
	printf("orphan gets a new parent: %s\n", answer == 'y' ? "yes" : "no");
}

int main(void)
{
	noux_start(30);
	pid_t self = getpid();
	EXPECT("getpid stable", getpid() == self);
	EXPECT("getppid differs from getpid", getppid() != self);
	EXPECT("getpgrp equals getpgid(0)", getpgrp() == getpgid(0));
	EXPECT("getsid(0) answers", getsid(0) > 0);

	pid_t pid = noux_fork();
	if (pid == 0) noux_exit(child_process_ids(self));
	int status = noux_wait(pid), bits = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
	EXPECT("child's getppid is parent's getpid", bits & 1);
	EXPECT("child's getpid differs from parent's", bits & 2);
	EXPECT("child starts in the parent's group", bits & 4);
	EXPECT("setpgid(0, 0) makes the child a group leader", bits & 8);
	EXPECT("setsid of a group leader fails with EPERM", bits & 16);
	pid = noux_fork();
	if (pid == 0) noux_exit(child_new_session());
	status = noux_wait(pid);
	bits = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
	EXPECT("setsid in a child answers its pid", bits & 1);
	EXPECT("getsid of the new session leader is its pid", bits & 2);
	EXPECT("the session leader leads its group", bits & 4);
	orphan();

	EXPECT("getuid equals geteuid", getuid() == geteuid());
	EXPECT("getgid equals getegid", getgid() == getegid());

	mode_t original = umask(027);
	/* umask answers the mask it replaces. */
	printf("umask after setting 027: %03o\n", (unsigned)umask(022));
	printf("umask after setting 022: %03o\n", (unsigned)umask(027));
	char path[1024];
	snprintf(path, sizeof path, "%s/t_ids_umask", noux_tmp());
	unlink(path);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
	struct stat info;
	if (fd >= 0 && fstat(fd, &info) == 0) printf("mode of a new 0666 file under umask 027: %o\n", info.st_mode & 0777);
	else printf("new file: %s\n", errno_name(errno));
	if (fd >= 0) close(fd);
	unlink(path);
	umask(original);

	/* A file written is stamped with the time of the write (make compares these), whatever time it had. */
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) close(fd);
	struct timespec long_ago[2] = { { 1000000, 0 }, { 1000000, 0 } };
	CHECK("utimensat to long ago", utimensat(AT_FDCWD, path, long_ago, 0));
	fd = open(path, O_WRONLY);
	if (fd >= 0) {
		if (write(fd, "x", 1) != 1) printf("write: %s\n", errno_name(errno));
		close(fd);
	}
	time_t written = time(NULL);
	EXPECT("a written file's modification time is the time of the write",
	       stat(path, &info) == 0 && info.st_mtime >= written - 2 && info.st_mtime <= written);

	/* One time set, the other left alone or made "now" (touch -m, touch -a). */
	struct timespec mtime_only[2] = { { 0, UTIME_OMIT }, { 2000000, 0 } };
	CHECK("utimensat of the modification time only", utimensat(AT_FDCWD, path, mtime_only, 0));
	EXPECT("the access time left alone, the modification time set",
	       stat(path, &info) == 0 && info.st_atime != 2000000 && info.st_mtime == 2000000);
	struct timespec atime_now[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };
	CHECK("utimensat of the access time to now", utimensat(AT_FDCWD, path, atime_now, 0));
	EXPECT("the access time now, the modification time left alone",
	       stat(path, &info) == 0 && info.st_atime >= written - 2 && info.st_mtime == 2000000);
	fd = open(path, O_RDONLY);
	struct timespec mtime_now[2] = { { 3000000, 0 }, { 0, UTIME_NOW } };
	CHECK("futimens of the modification time to now", futimens(fd, mtime_now));
	EXPECT("the access time set, the modification time now",
	       fstat(fd, &info) == 0 && info.st_atime == 3000000 && info.st_mtime >= written - 2);
	struct timespec bad[2] = { { 0, 1000000000 }, { 0, UTIME_OMIT } };
	FAILS("futimens with a nanosecond count of a whole second", futimens(fd, bad));
	if (fd >= 0) close(fd);
	unlink(path);

	struct rlimit limit;
	CHECK("getrlimit RLIMIT_NOFILE", getrlimit(RLIMIT_NOFILE, &limit));
	EXPECT("soft limit at most the hard limit", limit.rlim_cur <= limit.rlim_max);
	EXPECT("soft limit above 19 files", limit.rlim_cur > 19);

	struct utsname names;
	CHECK("uname", uname(&names));
	EXPECT("uname fields non-empty", names.sysname[0] && names.nodename[0] && names.release[0]
	       && names.version[0] && names.machine[0]);
	char host[256] = "";
	CHECK("gethostname", gethostname(host, sizeof host));
	EXPECT("host name non-empty", host[0] != '\0');
	EXPECT("host name equals uname's nodename", strcmp(host, names.nodename) == 0);

	struct passwd *user = getpwuid(getuid());
	EXPECT("getpwuid finds the user", user != NULL);
	if (user != NULL) {
		EXPECT("pw_name non-empty", user->pw_name != NULL && user->pw_name[0] != '\0');
		EXPECT("pw_dir non-empty", user->pw_dir != NULL && user->pw_dir[0] != '\0');
		char name[256];
		snprintf(name, sizeof name, "%s", user->pw_name);
		struct passwd *by_name = getpwnam(name);
		EXPECT("getpwnam of that name has the same uid", by_name != NULL && by_name->pw_uid == getuid());
	}

	time_t now = time(NULL);
	EXPECT("time is after 2020", now > 1577836800);
	long long real_before = nanoseconds(CLOCK_REALTIME), monotonic_before = nanoseconds(CLOCK_MONOTONIC);
	EXPECT("CLOCK_REALTIME agrees with time", real_before / 1000000000 - now <= 1 && real_before / 1000000000 >= now);
	struct timespec twenty_ms = { 0, 20000000 };
	CHECK("nanosleep 20 ms", nanosleep(&twenty_ms, NULL));
	long long real_after = nanoseconds(CLOCK_REALTIME), monotonic_after = nanoseconds(CLOCK_MONOTONIC);
	EXPECT("CLOCK_REALTIME advanced", real_after > real_before);
	EXPECT("CLOCK_MONOTONIC advanced at least 20 ms", monotonic_after - monotonic_before >= 20000000);
	EXPECT("CLOCK_MONOTONIC advanced less than 5 s", monotonic_after - monotonic_before < 5000000000LL);
	return 0;
}
