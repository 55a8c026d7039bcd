/*
 * t_signal: signal delivery as a wasm runtime must emulate it, at the
 * points POSIX fixes: a handler runs before raise() and kill(getpid())
 * return; signal() answers the previous handler; a blocked signal waits
 * in sigpending and is delivered once when unblocked, however often it
 * was sent; sigsuspend waits for a child's SIGUSR1 (and SA_SIGINFO names
 * the sender); SIGCHLD arrives when a child exits, and SIGCHLD ignored
 * lets children vanish without zombies; alarm() interrupts a blocking
 * pipe read, which fails with EINTR without SA_RESTART and goes on to
 * read the data with it; alarm answers the seconds left; setitimer's
 * one-shot timer rings SIGALRM once and a zero value disarms it; across exec an
 * ignored SIGINT stays ignored, a handled SIGUSR1 returns to default and
 * a blocked SIGUSR2 stays blocked.
 *
 * The SA_RESTART case is ordered without timing: the SIGALRM handler
 * itself tells the child (through a pipe) to write, so the data can only
 * come after the read was interrupted.
 */
#include <sys/time.h>
#include "noux_check.h"

static volatile sig_atomic_t usr1_count, usr2_count, alarm_count, child_count, last_signal;
static volatile pid_t sender;
static int release_writer = -1;

static void on_usr1(int signal_number) { usr1_count++; last_signal = signal_number; }
static void on_usr2(int signal_number) { usr2_count++; last_signal = signal_number; }
static void on_chld(int signal_number) { (void)signal_number; child_count++; }
static void other_handler(int signal_number) { (void)signal_number; }
static volatile sig_atomic_t timer_count;
static void on_timer(int signal_number) { (void)signal_number; timer_count++; }

static void on_alarm(int signal_number)
{
	(void)signal_number;
	alarm_count++;
	if (release_writer >= 0) write(release_writer, "go", 2);
}

static void on_usr1_info(int signal_number, siginfo_t *info, void *context)
{
	(void)context;
	usr1_count++;
	last_signal = signal_number;
	sender = info->si_pid;
}

static void handle(int signal_number, void (*handler)(int), int flags)
{
	struct sigaction action;
	memset(&action, 0, sizeof action);
	action.sa_handler = handler;
	action.sa_flags = flags;
	sigemptyset(&action.sa_mask);
	if (sigaction(signal_number, &action, NULL) < 0) printf("sigaction: %s\n", errno_name(errno));
}

static void block(int how, int signal_number)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, signal_number);
	sigprocmask(how, &set, NULL);
}

/* Reads from a pipe while SIGALRM fires; with restart the handler releases a child's write. */
static void interrupted_read(int restart)
{
	int data[2], go[2];
	if (pipe(data) < 0 || pipe(go) < 0) printf("pipe: %s\n", errno_name(errno));
	pid_t pid = noux_fork();
	if (pid == 0) {
		close(go[1]);
		close(data[0]);
		char token[2];
		if (restart && noux_read_full(go[0], token, 2) == 2) write(data[1], "data", 4);
		else noux_read_full(go[0], token, 2);
		noux_exit(0);
	}
	close(go[0]);
	close(data[1]);
	release_writer = restart ? go[1] : -1;
	handle(SIGALRM, on_alarm, restart ? SA_RESTART : 0);
	alarm_count = 0;
	alarm(1);
	char text[8] = "";
	errno = 0;
	ssize_t n = read(data[0], text, sizeof text - 1);
	const char *label = restart ? "read with SA_RESTART" : "read without SA_RESTART";
	if (n < 0) printf("%s: %s\n", label, errno_name(errno));
	else printf("%s: %zd bytes \"%s\"\n", label, n, text);
	printf("alarm handler ran: %d\n", (int)alarm_count);
	release_writer = -1;
	close(go[1]);
	close(data[0]);
	printf("writer child: %s\n", status_text(noux_wait(pid)));
}

int main(void)
{
	noux_start(30);
	handle(SIGUSR1, on_usr1, 0);
	CHECK("raise SIGUSR1", raise(SIGUSR1));
	printf("handler ran before raise returned: %d, signal %s\n", (int)usr1_count, signal_name(last_signal));
	handle(SIGUSR2, on_usr2, 0);
	CHECK("kill(getpid(), SIGUSR2)", kill(getpid(), SIGUSR2));
	printf("handler ran before kill returned: %d\n", (int)usr2_count);
	EXPECT("signal() answers the previous handler", signal(SIGUSR1, other_handler) == on_usr1);
	EXPECT("signal() answers the replaced one", signal(SIGUSR1, on_usr1) == other_handler);

	/* Blocked: sent twice, pending, delivered once on unblocking (standard signals do not queue). */
	usr1_count = 0;
	block(SIG_BLOCK, SIGUSR1);
	raise(SIGUSR1);
	raise(SIGUSR1);
	printf("while blocked, handler ran: %d\n", (int)usr1_count);
	sigset_t pending;
	sigpending(&pending);
	EXPECT("sigpending has SIGUSR1", sigismember(&pending, SIGUSR1));
	EXPECT("sigpending lacks SIGUSR2", !sigismember(&pending, SIGUSR2));
	block(SIG_UNBLOCK, SIGUSR1);
	printf("after unblocking, handler ran: %d\n", (int)usr1_count);

	/* sigsuspend: blocked first, so the child's signal cannot slip in before the wait. */
	struct sigaction action;
	memset(&action, 0, sizeof action);
	action.sa_sigaction = on_usr1_info;
	action.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &action, NULL);
	usr1_count = 0;
	block(SIG_BLOCK, SIGUSR1);
	pid_t parent = getpid();
	pid_t pid = noux_fork();
	if (pid == 0) noux_exit(kill(parent, SIGUSR1) == 0 ? 0 : 1);
	sigset_t waiting;
	sigprocmask(SIG_BLOCK, NULL, &waiting);
	sigdelset(&waiting, SIGUSR1);
	while (usr1_count == 0) FAILS("sigsuspend until SIGUSR1", sigsuspend(&waiting));
	EXPECT("si_pid names the child", sender == pid);
	block(SIG_UNBLOCK, SIGUSR1);
	printf("signalling child: %s\n", status_text(noux_wait(pid)));

	/* SIGCHLD when a child exits. */
	handle(SIGCHLD, on_chld, 0);
	block(SIG_BLOCK, SIGCHLD);
	pid = noux_fork();
	if (pid == 0) noux_exit(0);
	sigprocmask(SIG_BLOCK, NULL, &waiting);
	sigdelset(&waiting, SIGCHLD);
	while (child_count == 0) sigsuspend(&waiting);
	printf("SIGCHLD delivered: %d\n", (int)child_count);
	block(SIG_UNBLOCK, SIGCHLD);
	printf("child: %s\n", status_text(noux_wait(pid)));
	/* SIGCHLD ignored: no zombies; waitpid waits for the child, then finds none (ECHILD). */
	signal(SIGCHLD, SIG_IGN);
	pid = noux_fork();
	if (pid == 0) noux_exit(0);
	int status;
	FAILS("waitpid with SIGCHLD ignored", waitpid(pid, &status, 0));
	signal(SIGCHLD, SIG_DFL);

	interrupted_read(0);
	interrupted_read(1);
	alarm(20);
	unsigned left = alarm(0);
	EXPECT("alarm answers the seconds left", left > 0 && left <= 20);
	alarm(30);

	/*
	 * setitimer: a one-shot ITIMER_REAL of 0.2 s rings SIGALRM once (waited
	 * for with SIGALRM blocked until sigsuspend, so it cannot slip by);
	 * getitimer shows it armed, and a zero value disarms it. The timer is
	 * the guard alarm's, which is armed again after.
	 */
	{
		struct itimerval armed = { { 0, 0 }, { 0, 200000 } }, zero = { { 0, 0 }, { 0, 0 } }, now;
		handle(SIGALRM, on_timer, 0);
		block(SIG_BLOCK, SIGALRM);
		VALUE("setitimer 0.2 s", setitimer(ITIMER_REAL, &armed, NULL));
		VALUE("getitimer", getitimer(ITIMER_REAL, &now));
		EXPECT("getitimer shows it armed", now.it_value.tv_sec > 0 || now.it_value.tv_usec > 0);
		sigset_t unblocked;
		sigprocmask(SIG_BLOCK, NULL, &unblocked);
		sigdelset(&unblocked, SIGALRM);
		while (timer_count == 0) FAILS("sigsuspend until the timer", sigsuspend(&unblocked));
		block(SIG_UNBLOCK, SIGALRM);
		printf("the timer rang: %d\n", (int)timer_count);
		VALUE("setitimer 0.2 s again", setitimer(ITIMER_REAL, &armed, NULL));
		VALUE("setitimer zero", setitimer(ITIMER_REAL, &zero, NULL));
		getitimer(ITIMER_REAL, &now);
		EXPECT("disarmed", now.it_value.tv_sec == 0 && now.it_value.tv_usec == 0);
		signal(SIGALRM, SIG_DFL);
		alarm(30);
	}

	/* sigwait takes a blocked signal a child sent without running the handler, which stays. */
	{
		handle(SIGUSR2, on_usr2, 0);
		usr2_count = 0;
		block(SIG_BLOCK, SIGUSR2);
		pid_t sender = getpid();
		pid = noux_fork();
		if (pid == 0) noux_exit(kill(sender, SIGUSR2) == 0 ? 0 : 1);
		sigset_t wanted;
		sigemptyset(&wanted);
		sigaddset(&wanted, SIGUSR2);
		int taken = 0;
		VALUE("sigwait", sigwait(&wanted, &taken));
		printf("sigwait took %s, the handler ran: %d\n", signal_name(taken), (int)usr2_count);
		sigpending(&pending);
		EXPECT("nothing pending after sigwait", !sigismember(&pending, SIGUSR2));
		EXPECT("the handler is still there", signal(SIGUSR2, on_usr2) == on_usr2);
		block(SIG_UNBLOCK, SIGUSR2);
		printf("sigwait's child: %s\n", status_text(noux_wait(pid)));
	}

	/* Across exec: SIG_IGN stays, a handler becomes SIG_DFL, the mask stays. */
	pid = noux_fork();
	if (pid == 0) {
		signal(SIGINT, SIG_IGN);
		handle(SIGUSR1, on_usr1, 0);
		block(SIG_BLOCK, SIGUSR2);
		char *argv[] = { "t_args", "--signals", NULL };
		execvp(argv[0], argv);
		printf("execvp: %s\n", errno_name(errno));
		noux_exit(127);
	}
	printf("t_args --signals: %s\n", status_text(noux_wait(pid)));
	return 0;
}
