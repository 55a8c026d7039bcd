/*
 * Scenario tests of Terminal sessions (docs/terminal.md): log_terminal
 * turns a terminal's output into log lines; core's Terminal on the host's
 * console, driven once through a piped stdin and once through a
 * pseudo-terminal in tmux (raw mode, Ctrl-C as a byte, Ctrl-] to leave,
 * size changes, the TTY restored afterwards).
 *
 * Terminal output and log lines share stdout, as in Genode: a log line may
 * follow a prompt on the same line, so log lines are matched without ^.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Nido, nidoBin, repoRoot } from '../harness.js';
import { TmuxPane, tmuxInstalled } from './tmux_pane.js';

const scenarios = join(repoRoot, 'test', 'scenarios');

test('log_terminal: each line written to the terminal is a log line as it is, without the session label; reads return nothing', async () => {
  const nido = new Nido(join(scenarios, 'log_terminal'), ['--timeout', '60']);
  try {
    await nido.waitFor(/^\[init -> writer\] writer done$/);
    const shown = nido.lines.filter((line) => line.startsWith('[init -> log_terminal] '));
    assert.deepEqual(shown, [
      '[init -> log_terminal] Hello terminal',
      '[init -> log_terminal] split line',
      '[init -> log_terminal] first',
      '[init -> log_terminal] second',
      '[init -> log_terminal] grüße ✓',
      '[init -> log_terminal] bye',
    ]);
    assert.ok(nido.lines.includes('[init -> writer] read 0 bytes, avail 0, eof true, size 80x24'), nido.lines.join('\n'));
  } finally {
    await nido.stop();
  }
});

test('core Terminal, piped stdin: input reaches the component, its output stdout; size from COLUMNS/LINES; end of input', async () => {
  const env = { ...process.env, COLUMNS: '100', LINES: '30' };
  const nido = new Nido(join(scenarios, 'terminal_echo'), ['--timeout', '90'], { env });
  try {
    await nido.waitFor(/\[init -> echo\] ready$/);
    await nido.waitFor(/\[init -> echo\] size 100x30$/);
    await nido.waitFor(/^echo on a 100x30 terminal\r?$/);
    assert.ok(!nido.lines.some((line) => line.includes('raw mode')), 'a pipe is no TTY: no raw mode');

    nido.input('hello\nwor');
    await nido.waitFor(/\[init -> echo\] line "hello"$/);
    await nido.waitFor(/^echo: hello\r?$/);
    nido.input('ld\n\x1d still data\n');
    await nido.waitFor(/\[init -> echo\] line "world"$/);
    /* Ctrl-] is data on a pipe (the component gets it; LOG shows it escaped). */
    await nido.waitFor(/\[init -> echo\] line "\\x1d still data"$/);

    nido.input('partial');
    nido.endInput();
    await nido.waitFor(/\[init -> echo\] end of input after "partial"$/);
  } finally {
    const result = await nido.stop();
    assert.equal(result.code, 0, result.stderr);
  }
});

test('core Terminal on a TTY (tmux): raw mode, Ctrl-C to the component, size changes, Ctrl-] ends the run and restores the TTY', async () => {
  assert.ok(tmuxInstalled(), 'tmux is not installed: apt-get install tmux (.ci/run does)');
  const dir = await mkdtemp(join(tmpdir(), 'nido-tmux-'));
  const pane = new TmuxPane(join(dir, 'socket'));
  try {
    /* After nido, the shell shows its exit status and the TTY's modes, and the pane stays for capture. */
    const script = '"$0" "$1" run "$2" --timeout 120; echo "nido exited with $?"; stty -a; exec sleep 600';
    pane.start(90, 20, ['sh', '-c', script, process.execPath, nidoBin, join(scenarios, 'terminal_echo')]);

    await pane.waitFor(/\[init -> echo\] ready$/m);
    const first = pane.size();
    await pane.waitFor(new RegExp(`\\[init -> echo\\] size ${first}$`, 'm'));
    await pane.waitFor(new RegExp(`^echo on a ${first} terminal$`, 'm'));
    await pane.waitFor(/^Terminal: the console is in raw mode: Ctrl-C goes to the component, Ctrl-\] ends the run$/m);

    /* No echo from the TTY: what shows is the component's echo, once; and it shows before Enter (no line buffering). */
    pane.type('hi there');
    await pane.waitFor(/hi there/);
    pane.key('Enter');
    await pane.waitFor(/\[init -> echo\] line "hi there"$/m);
    const answered = await pane.waitFor(/^echo: hi there$/m);
    assert.doesNotMatch(answered, /hi therehi there|hi there\s*\n\s*hi there\s*\n/, 'typed text echoed twice: the TTY is not raw');

    /* Ctrl-C is a byte for the component, not the end of nido. */
    pane.type('abc');
    await pane.waitFor(/abc$/m);
    pane.key('C-c');
    await pane.waitFor(/\[init -> echo\] got Ctrl-C$/m);
    await pane.waitFor(/\^C$/m);

    pane.resize(100, 30);
    const resized = pane.size();
    assert.notEqual(resized, first);
    await pane.waitFor(new RegExp(`\\[init -> echo\\] size changed to ${resized}$`, 'm'));
    await pane.waitFor(new RegExp(`^now ${resized}$`, 'm'));

    pane.key('C-]');
    /* The shell's line may follow the component's last prompt. */
    const end = await pane.waitFor(/nido exited with \d+$/m);
    assert.match(end, /nido exited with 0$/m);
    /* The TTY is back in its cooked mode: signals, line editing, echo. */
    const modes = await pane.waitFor(/(^|\s)-?icanon(\s|$)/m);
    for (const mode of ['isig', 'icanon', 'echo', 'icrnl']) assert.match(modes, new RegExp(`(^|\\s)${mode}(\\s|$)`, 'm'), `stty shows ${mode}`);
    /* Log lines are ended with a carriage return too (libuv's raw mode keeps onlcr): none starts indented. */
    assert.doesNotMatch(modes, /^\s+\[init -> /m);
  } finally {
    pane.kill();
    await rm(dir, { recursive: true, force: true });
  }
});
