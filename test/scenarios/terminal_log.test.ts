/*
 * Scenario tests of terminal_log, the LOG server that prints to a Terminal
 * (docs/terminal.md): a logger's LOG goes to terminal_log, whose Terminal
 * goes once to log_terminal (its lines come back as log lines) and once
 * to core's Terminal on the console, where the bytes are checked exactly;
 * and a terminal_log without a Terminal route says so.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Nido, bootDir, repoRoot } from '../harness.js';

const scenario = join(repoRoot, 'test', 'scenarios', 'terminal_log');

test('terminal_log prints each LOG line as "[label] text" on its Terminal; through log_terminal they come back as log lines', async () => {
  const nido = new Nido(scenario, ['--timeout', '60']);
  let stdout = '';
  try {
    await nido.waitFor(/^\[init -> log_terminal\] \[logger\] bye$/);
  } finally {
    stdout = (await nido.stop()).stdout;
  }
  const shown = nido.lines.filter((line) => line.startsWith('[init -> log_terminal] '));
  assert.deepEqual(shown, [
    '[init -> log_terminal] [logger] Hello log',
    '[init -> log_terminal] [logger] two',
    '[init -> log_terminal] [logger] lines',
    '[init -> log_terminal] [logger] ',
    '[init -> log_terminal] [logger] Warning: careful',
    '[init -> log_terminal] [logger] grüße ✓',
    '[init -> log_terminal] [logger -> second] from the second session',
    '[init -> log_terminal] [audit] relabelled by the route',
    '[init -> log_terminal] [logger] bye',
  ]);
  /* Colours pass terminal_log as they are; the bare reset has no label of its own, and no line. */
  assert.ok(stdout.includes('[init -> log_terminal] [logger] \x1b[34mWarning: careful\x1b[0m\n'), stdout);
  assert.ok(stdout.includes('[init -> log_terminal] \x1b[0m[logger] bye\n'), stdout);
});

const CONSOLE_CONFIG = `<config>
  <parent-provides>
    <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Terminal"/>
  </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="100" ram="2M"/>
  <start name="terminal_log">
    <provides> <service name="LOG"/> </provides>
  </start>
  <start name="logger">
    <route>
      <service name="LOG" label="renamed"> <child name="terminal_log" label="audit"/> </service>
      <service name="LOG"> <child name="terminal_log"/> </service>
      <any-service> <parent/> </any-service>
    </route>
  </start>
</config>
`;

test('terminal_log on core\'s Terminal: the console gets Genode\'s bytes, LF CR after each line, the colour reset bare', async () => {
  const nido = new Nido(await bootDir({ config: CONSOLE_CONFIG }, scenario), ['--timeout', '60']);
  let stdout = '';
  try {
    /* Lines after the first begin with the CR of the line before (the harness splits at LF). */
    await nido.waitFor(/\[logger\] bye$/);
  } finally {
    stdout = (await nido.stop()).stdout;
  }
  const expected = '[logger] Hello log\n\r'
    + '[logger] two\n\r'
    + '[logger] lines\n\r'
    + '[logger] \n\r'
    + '[logger] \x1b[34mWarning: careful\x1b[0m\n\r'
    + '[logger] grüße ✓\n\r'
    + '[logger -> second] from the second session\n\r'
    + '[audit] relabelled by the route\n\r'
    + '\x1b[0m[logger] bye\n\r';
  const start = stdout.indexOf('[logger] Hello log');
  assert.ok(start >= 0, stdout);
  assert.equal(stdout.slice(start, start + expected.length), expected);
});

test('terminal_log without a Terminal route: an error naming its Terminal session and what to route, exit 1', async () => {
  const config = CONSOLE_CONFIG.replace('<service name="Terminal"/>', '');
  const nido = new Nido(await bootDir({ config }, scenario), ['--timeout', '60']);
  try {
    await nido.waitFor(/^\[init\] Warning: terminal_log: no route to service "Terminal" \(label="terminal_log -> log"\)$/);
    const error = await nido.waitFor(/^\[init -> terminal_log\] Error: terminal_log: cannot open its Terminal session "log"/);
    assert.match(error, /route Terminal for terminal_log to a Terminal server \(log_terminal, or core's on the console\)$/);
    await nido.waitFor(/^\[init\] child "terminal_log" exited with exit value 1$/);
  } finally {
    await nido.stop();
  }
});
