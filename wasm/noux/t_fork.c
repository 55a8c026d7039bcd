/*
 * t_fork: fork copies the whole process. Under noux a fork must copy the
 * wasm instance's linear memory (globals, heap, the C stack) and its
 * globals such as the stack pointer, and the copy must then be private:
 * these checks see each of those three kinds of memory from both sides,
 * before and after changes. Then vfork followed by _exit, and twenty
 * forks in a row, each reaped, for a runtime that leaks per child.
 *
 * Children report through their exit status (a bit per check) and the
 * parent prints, so the output's order does not depend on scheduling.
 */
#include "noux_check.h"

static int global_value = 1;
static char global_text[16] = "parent";

/* A few frames deep, so the child returns through copied stack frames. */
static pid_t __attribute__((noinline)) fork_deep(int depth, int *frames_intact)
{
	volatile int here = depth * 10;
	if (depth == 0) return noux_fork();
	pid_t pid = fork_deep(depth - 1, frames_intact);
	if (here != depth * 10) *frames_intact = 0;
	return pid;
}

int main(void)
{
	noux_start(30);
	int *heap_value = malloc(sizeof *heap_value);
	*heap_value = 2;
	volatile int stack_value = 3;

	/* Both return: the child with 0, the parent with the child's pid. */
	pid_t pid = noux_fork();
	if (pid == 0) {
		int seen = 0;
		if (global_value == 1 && strcmp(global_text, "parent") == 0) seen |= 1;
		if (*heap_value == 2) seen |= 2;
		if (stack_value == 3) seen |= 4;
		/* Changes in the child must stay in the child. */
		global_value = 100;
		*heap_value = 200;
		stack_value = 300;
		strcpy(global_text, "child");
		noux_exit(seen);
	}
	EXPECT("fork returned a pid", pid > 0);
	/* A change the parent makes right after fork must not reach the child: it already has its copy. */
	global_value = 10;
	int status = noux_wait(pid);
	EXPECT("child exited", status >= 0 && WIFEXITED(status));
	int seen = status >= 0 && WIFEXITED(status) ? WEXITSTATUS(status) : 0;
	EXPECT("child saw globals", seen & 1);
	EXPECT("child saw heap", seen & 2);
	EXPECT("child saw stack locals", seen & 4);
	EXPECT("parent's global kept", global_value == 10 && strcmp(global_text, "parent") == 0);
	EXPECT("parent's heap kept", *heap_value == 2);
	EXPECT("parent's stack local kept", stack_value == 3);

	/* The parent changes its memory while the child still runs; the child must not see it. */
	int go[2];
	CHECK("pipe", pipe(go));
	pid = noux_fork();
	if (pid == 0) {
		close(go[1]);
		char byte;
		noux_read_full(go[0], &byte, 1);
		noux_exit(global_value == 10 && *heap_value == 2 ? 0 : 1);
	}
	close(go[0]);
	global_value = 11;
	*heap_value = 22;
	noux_write_full(go[1], "x", 1);
	close(go[1]);
	status = noux_wait(pid);
	EXPECT("parent's later changes unseen by child", status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* fork from a few frames deep: the child unwinds the copied frames. */
	int frames_intact = 1;
	pid = fork_deep(5, &frames_intact);
	if (pid == 0) noux_exit(frames_intact ? 7 : 8);
	EXPECT("deep fork: parent's frames intact", frames_intact);
	status = noux_wait(pid);
	printf("deep fork child (7: frames intact): %s\n", status >= 0 ? status_text(status) : errno_name(errno));

	/* vfork: the child may only _exit or exec; the parent resumes after that. */
	fflush(stdout);
	pid = vfork();
	if (pid == 0) _exit(5);
	EXPECT("vfork returned a pid", pid > 0);
	status = noux_wait(pid);
	printf("vfork child: %s\n", status >= 0 ? status_text(status) : errno_name(errno));

	/* Twenty forks, each reaped before the next: the exit statuses tell them apart. */
	int right = 0;
	for (int i = 0; i < 20; i++) {
		pid = noux_fork();
		if (pid == 0) noux_exit(i);
		if (pid < 0) {
			printf("fork %d: %s\n", i, errno_name(errno));
			break;
		}
		status = noux_wait(pid);
		if (status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == i) right++;
	}
	printf("forks in a loop reaped with their status: %d of 20\n", right);
	FAILS("no child left", waitpid(-1, &status, WNOHANG));
	free(heap_value);
	return 0;
}
