/*
 * noux as a component (issue 11): the seed's "Bash + file system" layout
 * (examples/noux, nsh standing in for bash) driven on core's console
 * through tmux, job control from the terminal's keys (Ctrl-C, Ctrl-Z, fg),
 * a terminal size change as SIGWINCH; and client pays: after noux exits,
 * or is killed with its processes running, init has every byte and cap
 * back.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Nido, bootDir, initAccounts, initAccountsWhenEmpty, nidoBin, reportDir, repoRoot, waitForReport } from '../harness.js';
import { TmuxPane, tmuxInstalled } from './tmux_pane.js';

/* examples/noux with the test programs in the fstab as well. */
async function exampleWithTests(): Promise<string> {
  const config = (await readFile(join(repoRoot, 'examples', 'noux', 'config'), 'utf8'))
    .replace('<tar name="nsh.tar" />', '<tar name="nsh.tar" /> <tar name="noux_tests.tar" />');
  assert.match(config, /noux_tests\.tar/);
  return bootDir({ config });
}

/* A tmux pane running `nido run boot`, then (once it ended) its exit status; resolves at nsh's first prompt. */
async function shellIn(boot: string): Promise<TmuxPane> {
  assert.ok(tmuxInstalled(), 'tmux is not installed: apt-get install tmux (.ci/run does)');
  const dir = await mkdtemp(join(tmpdir(), 'nido-noux-'));
  const pane = new TmuxPane(join(dir, 'socket'));
  const script = '"$0" "$1" run "$2" --timeout 240; echo "nido exited with $?"; exec sleep 600';
  pane.start(100, 30, ['sh', '-c', script, process.execPath, nidoBin, boot]);
  try {
    await pane.waitFor(/^\$ $/m);
  } catch (error) {
    pane.kill();
    throw error;
  }
  return pane;
}

test('the seed\'s Bash + file system on the console (tmux): ram_fs\'s content, a pipeline, files in /tmp, exit status', async () => {
  const pane = await shellIn(join(repoRoot, 'examples', 'noux'));
  try {
    pane.type('ls /ram/tmp; ls /home; echo made > /tmp/made; cat /tmp/made | wc');
    pane.key('Enter');
    await pane.waitFor(/^something\ntimer\n +1 +1 +5\n\$ $/m);
    /* What was written to the home mount is ram_fs's /home/user: the root mount sees it (read only). */
    pane.type('echo note > /home/note; cat /ram/home/user/note; echo x > /ram/x; echo status $?');
    pane.key('Enter');
    await pane.waitFor(/^note\n(.*\n)?status 1\n\$ $/m);
    pane.type('exit 3');
    pane.key('Enter');
    await pane.waitFor(/^nido exited with 3$/m);
  } finally {
    pane.kill();
  }
});

test('job control from the terminal: Ctrl-C ends the foreground job (status 130), Ctrl-Z stops it, fg resumes it; the shell goes on', async () => {
  const pane = await shellIn(await exampleWithTests());
  try {
    pane.type('t_ctrlc');
    pane.key('Enter');
    await pane.waitFor(/^ready$/m);
    pane.key('C-c');
    await pane.waitFor(/^\^C\n\$ $/m);
    pane.type('echo status $?');
    pane.key('Enter');
    await pane.waitFor(/^status 130$/m);

    pane.type('t_ctrlc --handler');
    pane.key('Enter');
    await pane.waitFor(/--handler\nready$/m);
    pane.key('C-c');
    /* The line discipline echoes ^C (ECHOCTL), without a newline, as Linux's does. */
    await pane.waitFor(/^\^Cgot SIGINT\n\$ $/m);
    pane.type('echo status $?');
    pane.key('Enter');
    await pane.waitFor(/^status 0\n\$ $/m);

    pane.type('t_ctrlc');
    pane.key('Enter');
    await pane.waitFor(/^status 0\n\$ t_ctrlc\nready$/m);
    pane.key('C-z');
    await pane.waitFor(/Stopped.*\n\$ $/m);
    pane.type('fg');
    pane.key('Enter');
    await pane.waitFor(/^continued$/m);
    pane.key('C-c');
    await pane.waitFor(/^continued\n\^C\n\$ $/m);
    pane.type('echo after fg $?');
    pane.key('Enter');
    await pane.waitFor(/^after fg 130$/m);
    pane.type('exit');
    pane.key('Enter');
    await pane.waitFor(/^nido exited with 0$/m);
  } finally {
    pane.kill();
  }
});

test('the terminal on the console (tmux): canonical line editing, ICRNL, raw reads, the size, and a resize as SIGWINCH', async () => {
  const pane = await shellIn(await exampleWithTests());
  try {
    /* t_term's prompts and keys (wasm/noux/README.md): each prompt is waited for, since it changes modes with TCSAFLUSH. */
    pane.type('t_term');
    pane.key('Enter');
    await pane.waitFor(/^term: type hellp, Backspace, o, Enter$/m);
    pane.type('hellp');
    pane.key('BSpace');
    pane.type('o');
    pane.key('Enter');
    await pane.waitFor(/^canonical read: hello\\n$/m);
    await pane.waitFor(/^term: ICRNL off, type x, Enter, Ctrl-J$/m);
    pane.type('x');
    pane.key('Enter');
    pane.key('C-j');
    await pane.waitFor(/^ICRNL off read: x\\r\\n$/m);
    await pane.waitFor(/^term: raw, press a, Backspace, Enter$/m);
    pane.type('a');
    pane.key('BSpace');
    pane.key('Enter');
    await pane.waitFor(/^raw bytes: 61 7f 0d$|^raw bytes: 61 7f 0a$/m);
    await pane.waitFor(/^term: done$/m);
    const checks = pane.capture().split('\n').filter((line) => /: (no|yes)$/.test(line));
    assert.deepEqual(checks.filter((line) => line.endsWith(': no')), [], checks.join('\n'));

    pane.type('t_winch');
    pane.key('Enter');
    await pane.waitFor(/^size: 30x100$/m);
    pane.resize(80, 20);
    await pane.waitFor(/^winch: 20x80$/m);
    pane.type('exit');
    pane.key('Enter');
    await pane.waitFor(/^nido exited with 0$/m);
  } finally {
    pane.kill();
  }
});

function quotaConfig(noux: boolean, command: string): string {
  const start = noux ? `
  <start name="log_terminal" ram="2M"> <provides> <service name="Terminal"/> </provides> </start>
  <start name="noux" caps="1000" ram="96M">
    <config>
      <fstab> <tar name="noux_tests.tar"/> <tar name="nsh.tar"/> <dir name="tmp"> <ram/> </dir> </fstab>
      <start name="/bin/nsh"> <env name="PATH" value="/bin"/> <arg value="-c"/> <arg value="${command.replace(/&/g, "&amp;")}"/> </start>
    </config>
    <route> <service name="Terminal"> <child name="log_terminal"/> </service> <any-service> <parent/> </any-service> </route>
  </start>` : '';
  return `<config>
  <parent-provides>
    <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Timer"/>
  </parent-provides>
  <default-route> <any-service> <parent/> <any-child/> </any-service> </default-route>
  <default caps="100"/>
  <report init_ram="yes" init_caps="yes" delay_ms="200"/>${start}
</config>
`;
}

for (const [what, command, ending] of [
  ['exits by itself after a fork bomb', 't_forkbomb; echo done', /\[init -> log_terminal\] done$/],
  /*
   * "started" comes after nsh forked the three (a fork returns once the child runs, its sessions open). A kill
   * while a child's session request is still on its way is session_in_flight.test.ts's case.
   */
  ['is killed while a pipeline of three runs', 't_gen 100000000 | t_filter | t_count & echo started; wait', /\[init -> log_terminal\] started$/],
] as const) {
  test(`noux ${what}: every byte and cap comes back to init`, async () => {
    const reports = await reportDir();
    const dir = await bootDir({ config: quotaConfig(false, '') });
    const nido = new Nido(dir, ['--report-dir', reports, '--timeout', '300']);
    try {
      const before = initAccounts(await waitForReport(reports, 'init/state', (r) => r.includes('<ram quota=')));
      await writeFile(join(dir, 'config'), quotaConfig(true, command));
      await nido.waitFor(ending, 120_000);
      await writeFile(join(dir, 'config'), quotaConfig(false, ''));
      assert.deepEqual(await initAccountsWhenEmpty(reports, before, 120_000), before);
    } finally {
      await nido.stop();
    }
  });
}

for (const [what, start, message] of [
  ['a first program that is not in the fstab', '<start name="/bin/missing"/>', /noux: cannot start "\/bin\/missing": no such file/],
  ['a first program that is no program', '<start name="/tests/pipeline.sh"/>', /noux: cannot start "\/tests\/pipeline\.sh": not an executable \(neither WebAssembly nor #!\)/],
  ['a config without <start>', '', /noux: the config has no <start name="\.\.\."\/>: nothing to run/],
] as const) {
  test(`noux with ${what}: an error naming it, exit 1, the rest of the system goes on`, async () => {
    const dir = await bootDir({ config: quotaConfig(true, 'x').replace(/<start name="\/bin\/nsh">.*<\/start>/, start) });
    const nido = new Nido(dir, ['--timeout', '120']);
    try {
      await nido.waitFor(message, 60_000);
      await nido.waitFor(/^\[init\] child "noux" exited with exit value 1$/, 60_000);
    } finally {
      await nido.stop();
    }
  });
}
