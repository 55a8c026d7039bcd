/*
 * t_jmp: non-local jumps, which wasm has no native form of (the toolchain
 * lowers them to exception handling or to a runtime's unwinding), so each
 * shape is checked: longjmp from several frames down delivers its value
 * (0 arrives as 1); volatile locals keep the values they had at the
 * longjmp; nested jump buffers each return to their own setjmp; a jump
 * buffer reused after a jump works again; and sigsetjmp/siglongjmp out of
 * a signal handler, where a non-zero savesigs restores the mask saved at
 * sigsetjmp (the signal being handled is unblocked again).
 */
#include <setjmp.h>
#include "noux_check.h"

static jmp_buf outer, inner;
static sigjmp_buf from_handler;
static int depth_reached;

static void __attribute__((noinline)) descend(int depth, int value)
{
	volatile char frame[64];
	frame[0] = (char)depth;
	depth_reached = depth;
	if (depth < 5) descend(depth + 1, value);
	else longjmp(outer, value);
	depth_reached = -1 - frame[0];
}

static int __attribute__((noinline)) nested(void)
{
	volatile int steps = 0;
	int value = setjmp(inner);
	if (value == 0) {
		steps++;
		longjmp(inner, 2);
	}
	steps += 10;
	/* A jump to the outer buffer from inside: leaves this frame for good. */
	if (value == 2) longjmp(outer, 20 + steps);
	return -1;
}

static void on_usr1(int signal_number)
{
	siglongjmp(from_handler, signal_number == SIGUSR1 ? 7 : 8);
}

static int usr1_blocked(void)
{
	sigset_t mask;
	sigprocmask(SIG_BLOCK, NULL, &mask);
	return sigismember(&mask, SIGUSR1);
}

int main(void)
{
	noux_start(30);
	volatile int counter = 0;
	int value = setjmp(outer);
	counter++;
	if (value == 0) descend(1, 3);
	printf("longjmp from depth %d: setjmp answered %d, volatile counter %d\n", depth_reached, value, counter);

	counter = 0;
	value = setjmp(outer);
	counter++;
	if (value == 0) descend(1, 0);
	printf("longjmp with 0: setjmp answered %d, volatile counter %d\n", value, counter);

	value = setjmp(outer);
	if (value == 0) nested();
	printf("nested buffers: outer setjmp answered %d\n", value);

	/* The same buffer, set and jumped to ten times. */
	volatile int rounds = 0;
	value = setjmp(outer);
	if (value < 10) {
		rounds++;
		longjmp(outer, value + 1);
	}
	printf("reused buffer: %d rounds, last value %d\n", rounds, value);

	struct sigaction action;
	memset(&action, 0, sizeof action);
	action.sa_handler = on_usr1;
	sigemptyset(&action.sa_mask);
	sigaction(SIGUSR1, &action, NULL);
	value = sigsetjmp(from_handler, 1);
	if (value == 0) {
		raise(SIGUSR1);
		printf("handler did not jump\n");
	}
	printf("siglongjmp out of the handler: sigsetjmp answered %d\n", value);
	EXPECT("SIGUSR1 unblocked again (savesigs 1)", !usr1_blocked());
	/* Once more, so a mask left blocked by the first jump would show here. */
	value = sigsetjmp(from_handler, 1);
	if (value == 0) raise(SIGUSR1);
	printf("second siglongjmp: sigsetjmp answered %d\n", value);
	EXPECT("SIGUSR1 unblocked again", !usr1_blocked());
	return 0;
}
