/*
 * `nido cc` (issue 11): a user's own C program, using what wasi-libc
 * leaves out (fork, pipe, waitpid, sigaction, setjmp), built by the
 * command and run under noux from the boot directory; --print-flags for a
 * ./configure; errors as clang gives them.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Nido, bootDir, nidoBin } from '../harness.js';

const PROGRAM = `#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static jmp_buf back;
static void on_usr1(int sig) { (void)sig; longjmp(back, 2); }

int main(int argc, char **argv)
{
	int fds[2];
	if (pipe(fds) < 0) return 1;
	pid_t child = fork();
	if (child == 0) {
		close(fds[0]);
		dprintf(fds[1], "from the child of %s", argv[0]);
		_exit(7);
	}
	close(fds[1]);
	char text[64] = { 0 };
	ssize_t n = read(fds[0], text, sizeof text - 1);
	int status;
	waitpid(child, &status, 0);
	printf("read %zd bytes: %s; child exit %d\\n", n, text, WEXITSTATUS(status));
	signal(SIGUSR1, on_usr1);
	if (setjmp(back) == 0) raise(SIGUSR1);
	else printf("longjmp out of the handler: yes (argc %d)\\n", argc);
	return 3;
}
`;

function nidoCc(args: readonly string[], cwd: string) {
  return spawnSync(process.execPath, [nidoBin, 'cc', ...args], { cwd, encoding: 'utf8' });
}

/* A boot directory running /bin/NAME (NAME.wasm built in `work`) under noux, with `start` inside its <start>. */
async function nouxBoot(work: string, name: string, start: string): Promise<string> {
  return bootDir({
    [`${name}.wasm`]: await readFile(join(work, `${name}.wasm`)),
    config: `<config>
  <parent-provides> <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Timer"/> </parent-provides>
  <default-route> <any-service> <parent/> <any-child/> </any-service> </default-route>
  <default caps="100"/>
  <start name="log_terminal" ram="2M"> <provides> <service name="Terminal"/> </provides> </start>
  <start name="noux" caps="300" ram="32M">
    <exit propagate="yes"/>
    <config>
      <fstab> <dir name="bin"> <rom name="${name}" label="${name}.wasm"/> </dir> </fstab>
      <start name="/bin/${name}"> ${start} </start>
    </config>
    <route> <service name="Terminal"> <child name="log_terminal"/> </service> <any-service> <parent/> </any-service> </route>
  </start>
</config>
`,
  });
}

test('nido cc --print-flags prints what a ./configure needs', () => {
  const result = nidoCc(['--print-flags'], tmpdir());
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^CC='\S*clang'$/m);
  assert.match(result.stdout, /^CFLAGS=.*--target=wasm32-wasi.*-enable-emscripten-sjlj/m);
  assert.match(result.stdout, /^LDFLAGS=.*libnoux_posix\.a/m);
  assert.match(result.stdout, /^ASYNCIFY=.*--asyncify/m);
});

test('nido cc builds a program with fork, pipe, signals and setjmp; it runs under noux from the boot directory', async () => {
  const work = await mkdtemp(join(tmpdir(), 'nido-cc-'));
  await writeFile(join(work, 'hello.c'), PROGRAM);
  const built = nidoCc(['-O2', 'hello.c', '-o', 'hello.wasm'], work);
  assert.equal(built.status, 0, built.stderr);
  const dir = await nouxBoot(work, 'hello', '<arg value="one"/>');
  const result = await new Nido(dir, ['--timeout', '120']).exited;
  const console = result.lines.filter((line) => line.startsWith('[init -> log_terminal] ')).map((line) => line.replace(/^\[init -> log_terminal\] /, ''));
  assert.deepEqual(console, ['read 28 bytes: from the child of /bin/hello; child exit 7', 'longjmp out of the handler: yes (argc 2)']);
  assert.equal(result.code, 3);
});

/* main with the environment as its third argument, as old Unix programs (bash) have it, and a crash. */
const ENV_MAIN = `#include <stdio.h>
#include <string.h>

int main(argc, argv, envp) int argc; char **argv, **envp;
{
	for (char **entry = envp; *entry; entry++)
		if (strncmp(*entry, "T_VAR=", 6) == 0) printf("argc %d, envp has %s\\n", argc, *entry);
	fflush(stdout);
	__builtin_trap();
}
`;

test('nido cc: a main taking the environment as its third argument gets it; a trap names the function (names kept)', async () => {
  const work = await mkdtemp(join(tmpdir(), 'nido-cc-'));
  await writeFile(join(work, 'env3.c'), ENV_MAIN);
  const built = nidoCc(['-O2', 'env3.c', '-o', 'env3.wasm'], work);
  assert.equal(built.status, 0, built.stderr);
  assert.doesNotMatch(built.stderr, /signature mismatch/);
  const dir = await nouxBoot(work, 'env3', '<arg value="x"/> <env name="T_VAR" value="seen"/>');
  const result = await new Nido(dir, ['--timeout', '120']).exited;
  assert.ok(result.lines.includes('[init -> log_terminal] argc 2, envp has T_VAR=seen'), result.lines.join('\n'));
  assert.ok(result.lines.some((line) => /\[init -> noux -> 1\].*env3 \(pid 1\): program trapped: unreachable \(at main /.test(line)), result.lines.join('\n'));
  assert.equal(result.code, 128 + 6);
});

/*
 * Calls through pointers of another type, as bash makes them: more
 * arguments than the function takes, a double, a handler of three
 * parameters installed as one of one; in main (which calls setjmp, so
 * that its calls go through the runtime's invoke wrappers) and in a
 * function of its own (plain call_indirect).
 */
const CASTS = `#include <setjmp.h>
#include <signal.h>
#include <stdio.h>

typedef int (*Function)();
static int add3(int a, int b, int c) { return a + b + c; }
static double half(double x) { return x / 2; }
static volatile int seen;
static void on_signal(int sig, siginfo_t *info, void *context) { (void)info; (void)context; seen = sig; }
static jmp_buf env;

__attribute__((noinline)) static int plain(Function f) { return ((int (*)(int, int, int, int))f)(1, 2, 3, 99); }

int main(void)
{
	/* volatile: the compiler cannot see the function and make the call a direct one (which it would fix itself). */
	Function volatile f = (Function)add3;
	double (*volatile h)(double, int) = (double (*)(double, int))(void *)half;
	printf("plain %d\\n", plain(f));
	if (setjmp(env) == 0) {
		printf("invoked %d %.2f\\n", ((int (*)(int, int, int, int))f)(4, 5, 6, 0), h(5.0, 7));
		longjmp(env, 1);
	}
	signal(SIGUSR1, (void (*)(int))(void *)on_signal);
	raise(SIGUSR1);
	printf("signal %d\\n", seen);
	return 0;
}
`;

test('nido cc --fpcast-emu: calls through pointers of another type work (without it, they trap)', async () => {
  const work = await mkdtemp(join(tmpdir(), 'nido-cc-'));
  await writeFile(join(work, 'casts.c'), CASTS);
  const emulated = nidoCc(['-O2', '--fpcast-emu', 'casts.c', '-o', 'casts.wasm'], work);
  assert.equal(emulated.status, 0, emulated.stderr);
  const result = await new Nido(await nouxBoot(work, 'casts', ''), ['--timeout', '120']).exited;
  const console = result.lines.filter((line) => line.startsWith('[init -> log_terminal] ')).map((line) => line.replace(/^\[init -> log_terminal\] /, ''));
  assert.deepEqual(console, ['plain 6', 'invoked 15 2.50', 'signal 10'], result.lines.join('\n'));
  assert.equal(result.code, 0);

  const strict = nidoCc(['-O2', 'casts.c', '-o', 'casts.wasm'], work);
  assert.equal(strict.status, 0, strict.stderr);
  const trapped = await new Nido(await nouxBoot(work, 'casts', ''), ['--timeout', '120']).exited;
  assert.ok(trapped.lines.some((line) => /casts \(pid 1\): program trapped: .*signature mismatch/.test(line)), trapped.lines.join('\n'));
  /* A trap other than unreachable (abort) ends the process as SIGSEGV would. */
  assert.equal(trapped.code, 128 + 11);
});

/* A K&R main of two, as old programs (bash's test helpers) have it: clang renames neither kind. */
const KNR_MAIN = `#include <stdio.h>
int main(argc, argv) int argc; char **argv; { printf("argc %d, argv[1] %s\\n", argc, argv[1]); return 5; }
`;

test('nido cc: a K&R main of two arguments gets them', async () => {
  const work = await mkdtemp(join(tmpdir(), 'nido-cc-'));
  await writeFile(join(work, 'knr.c'), KNR_MAIN);
  const built = nidoCc(['-O2', 'knr.c', '-o', 'knr.wasm'], work);
  assert.equal(built.status, 0, built.stderr);
  assert.doesNotMatch(built.stderr, /signature mismatch/);
  const result = await new Nido(await nouxBoot(work, 'knr', '<arg value="given"/>'), ['--timeout', '120']).exited;
  assert.ok(result.lines.includes('[init -> log_terminal] argc 2, argv[1] given'), result.lines.join('\n'));
  assert.equal(result.code, 5);
});

test('nido cc: a compile error is clang\'s, with its exit status; no arguments is a usage error', async () => {
  const work = await mkdtemp(join(tmpdir(), 'nido-cc-'));
  await writeFile(join(work, 'broken.c'), 'int main(void) { return missing; }\n');
  const broken = nidoCc(['broken.c', '-o', 'broken.wasm'], work);
  assert.notEqual(broken.status, 0);
  assert.match(broken.stderr, /broken\.c:1:\d+: error: use of undeclared identifier 'missing'/);
  const empty = nidoCc([], work);
  assert.equal(empty.status, 2);
  assert.match(empty.stderr, /nido: cc: expected clang arguments/);
});
