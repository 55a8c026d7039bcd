/*
 * The debug monitor (docs/debugging.md): `monitor` runs init's config;
 * the children whose PD and CPU sessions it serves (<local/>) are its
 * inferiors, and `nido run --inspect` offers each to a Chrome DevTools
 * Protocol debugger, none other. A debugger here is a protocol client
 * (monitor_cdp.ts) that applies the bundle's source map as DevTools does.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Nido, repoRoot } from '../harness.js';
import { CdpClient, generatedOf, originalOf, sourceMapOf, type Params, type SourceMap } from './monitor_cdp.js';

const dir = join(repoRoot, 'test', 'scenarios', 'monitor');

interface ListEntry { readonly id: string; readonly title: string; readonly type: string; readonly webSocketDebuggerUrl: string }

async function list(port: number): Promise<ListEntry[]> {
  return await (await fetch(`http://127.0.0.1:${port}/json/list`)).json() as ListEntry[];
}

/* The 0-based line of `file` in the boot directory whose text ends with `// marker`. */
async function lineOf(file: string, marker: string): Promise<number> {
  const lines = (await readFile(join(dir, file), 'utf8')).split('\n');
  const index = lines.findIndex((line) => line.endsWith(`// ${marker}`));
  assert.ok(index >= 0, `${file}: no line "// ${marker}"`);
  return index;
}

interface CallFrame { readonly callFrameId: string; readonly functionName: string; readonly location: { readonly lineNumber: number; readonly columnNumber: number }; readonly scopeChain: { readonly type: string; readonly object: { readonly objectId: string } }[] }

/* Where a paused frame is in the TypeScript: file and 0-based line. */
function placeOf(map: SourceMap, frame: CallFrame): string {
  const original = originalOf(map, frame.location.lineNumber, frame.location.columnNumber);
  return original === undefined ? '?' : `${original.source.split('/').at(-1)}:${original.originalLine}`;
}

/* Attaches a debugger to target `title`, with its Runtime and Debugger domains enabled. */
async function attach(port: number, title: string): Promise<CdpClient> {
  const entry = (await list(port)).find((e) => e.title === title);
  assert.ok(entry !== undefined, `${title} is not listed`);
  const cdp = await CdpClient.connect(entry.webSocketDebuggerUrl);
  await cdp.send('Runtime.enable');
  await cdp.send('Debugger.enable');
  return cdp;
}

/* The source map of component `name`'s script, as the debugger gets it (once the script is compiled). */
async function mapOf(cdp: CdpClient, name: string): Promise<SourceMap> {
  const parsed = await cdp.event('Debugger.scriptParsed', (p) => p['url'] === name);
  const url = parsed['sourceMapURL'];
  assert.ok(typeof url === 'string' && url.startsWith('data:application/json'), `no source map for ${name}`);
  return sourceMapOf(url);
}

const frames = (paused: Params) => paused['callFrames'] as CallFrame[];

test('monitor: breakpoints at TypeScript lines, locals, stepping, uncaught exceptions, wait, and only inferiors are targets', async () => {
  const nido = new Nido(dir, ['--inspect=0', '--timeout', '170']);
  try {
    const port = Number((await nido.waitFor(/^inspector: http:\/\/127\.0\.0\.1:\d+\/json\/list$/)).match(/:(\d+)\//)?.[1]);
    await nido.waitFor(/^Debugger for "init -> monitor -> counter"/);
    await nido.waitFor(/^\[init -> monitor -> counter\] round 3 /);

    /* Only the inferiors are listed; the bystander runs, is not a target, and cannot make itself one. */
    await nido.waitFor(/^Debugger for "init -> monitor -> waiter"/);
    await nido.waitFor(/^Debugger for "init -> monitor -> thrower"/);
    const titles = (await list(port)).map((e) => e.title).sort();
    assert.deepEqual(titles, ['init -> monitor -> counter', 'init -> monitor -> thrower', 'init -> monitor -> waiter']);
    assert.ok((await list(port)).every((e) => e.type === 'node'));
    const refused = await nido.waitFor(/^\[init -> monitor -> bystander\] bystander: (refused|monitors)/);
    assert.match(refused, /refused: "init -> monitor -> bystander" cannot monitor "init -> monitor -> bystander": only the PD that pays for it/);
    await assert.rejects(CdpClient.connect(`ws://127.0.0.1:${port}/bystander`), /HTTP 400/);
    const version = await (await fetch(`http://127.0.0.1:${port}/json/version`)).json() as Record<string, string>;
    assert.equal(version['Protocol-Version'], '1.1');

    /* wait="yes": the waiter has not run while everything else did; it runs once a debugger lets it. */
    assert.ok(!nido.lines.some((line) => line.includes('waiter: running')), 'the waiter ran before its debugger');
    const waiter = await attach(port, 'init -> monitor -> waiter');
    assert.ok(!nido.lines.some((line) => line.includes('waiter: running')));
    await waiter.send('Runtime.runIfWaitingForDebugger');
    await nido.waitFor(/^\[init -> monitor -> waiter\] waiter: running$/);
    await waiter.close();

    /* A breakpoint at a TypeScript line, found through the source map the debugger got. */
    const cdp = await attach(port, 'init -> monitor -> counter');
    const map = await mapOf(cdp, 'counter');
    assert.ok(map.sourcesContent?.some((text) => text?.includes('// tick squares')), 'the map carries the TypeScript');
    const squares = await lineOf('counter.ts', 'tick squares');
    const at = generatedOf(map, 'counter.ts', squares);
    assert.ok(at !== undefined, 'the tick squares line is not in the map');
    const breakpoint = await cdp.send('Debugger.setBreakpointByUrl', { url: 'counter', lineNumber: at.line, columnNumber: at.column });
    const hit = await cdp.event('Debugger.paused');
    assert.deepEqual(hit['hitBreakpoints'], [breakpoint['breakpointId']]);
    const top = frames(hit)[0] as CallFrame;
    assert.equal(top.functionName, 'tick');
    assert.equal(placeOf(map, top), `counter.ts:${squares}`);
    /* A local of the paused frame, and evaluation there. */
    const local = top.scopeChain.find((scope) => scope.type === 'local');
    assert.ok(local !== undefined);
    const properties = await cdp.send('Runtime.getProperties', { objectId: local.object.objectId, ownProperties: true });
    assert.ok((properties['result'] as { name: string }[]).some((p) => p.name === 'squared'), 'squared is not a local of tick');
    const round = await cdp.send('Debugger.evaluateOnCallFrame', { callFrameId: top.callFrameId, expression: 'round' });
    const value = (round['result'] as { value: number }).value;
    assert.ok(Number.isInteger(value) && value >= 3, `round is ${value}`);
    /* Step over the call: the next TypeScript line, where squared holds the square. */
    await cdp.send('Debugger.stepOver');
    const stepped = frames(await cdp.event('Debugger.paused'))[0] as CallFrame;
    assert.equal(placeOf(map, stepped), `counter.ts:${await lineOf('counter.ts', 'tick adds')}`);
    const squared = await cdp.send('Debugger.evaluateOnCallFrame', { callFrameId: stepped.callFrameId, expression: 'squared' });
    assert.equal((squared['result'] as { value: number }).value, value * value);
    /* Step into square: a backtrace of two TypeScript functions. */
    await cdp.send('Debugger.removeBreakpoint', { breakpointId: breakpoint['breakpointId'] });
    await cdp.send('Debugger.resume');
    await nido.waitFor(new RegExp(`^\\[init -> monitor -> counter\\] round ${value} `));
    await cdp.send('Debugger.pause');
    const broken = frames(await cdp.event('Debugger.paused'));
    assert.ok(broken.length > 0);
    await cdp.send('Debugger.resume');
    /* A closed debugger leaves the component running. */
    await cdp.close();
    const after = nido.lines.length;
    await nido.waitFor(/^\[init -> monitor -> counter\] round \d+ /, 30_000, after);

    /* An uncaught exception stops the thrower where it was thrown, with its backtrace. */
    const thrower = await attach(port, 'init -> monitor -> thrower');
    await thrower.send('Debugger.setPauseOnExceptions', { state: 'uncaught' });
    await thrower.send('Runtime.runIfWaitingForDebugger');
    const throwerMap = await mapOf(thrower, 'thrower');
    const thrown = await thrower.event('Debugger.paused');
    assert.match(String(thrown['reason']), /exception|promiseRejection/);
    const stack = frames(thrown).filter((frame) => placeOf(throwerMap, frame).startsWith('thrower.ts'));
    assert.deepEqual(stack.map((frame) => frame.functionName), ['explode', 'later']);
    assert.equal(placeOf(throwerMap, stack[0] as CallFrame), `thrower.ts:${await lineOf('thrower.ts', 'explode throws')}`);
    assert.equal(placeOf(throwerMap, stack[1] as CallFrame), `thrower.ts:${await lineOf('thrower.ts', 'later calls explode')}`);
    await thrower.send('Debugger.resume');
    await nido.waitFor(/^\[init -> monitor -> thrower\] Error: uncaught Error: thrower: on purpose/);
    await thrower.closed;
  } finally {
    await nido.stop();
  }
});

test('monitor: the config of Genode\'s monitor scenario runs unchanged; its inferiors are targets', async () => {
  const nido = new Nido(join(repoRoot, 'test', 'scenarios', 'monitor_genode'), ['--inspect=0', '--timeout', '60']);
  try {
    await nido.waitFor(/^\[init -> monitor\] monitoring "first-test-log" \(wait="no" stop="yes"\)$/);
    await nido.waitFor(/^\[init -> monitor\] monitoring "second-test-log" \(wait="no" stop="yes"\)$/);
    await nido.waitFor(/^Debugger for "init -> monitor -> first-test-log" at ws:\/\/127\.0\.0\.1:\d+\//);
    await nido.waitFor(/^\[init -> monitor -> first-test-log\] Test done\.$/);
    await nido.waitFor(/^\[init -> monitor -> second-test-log\] Test done\.$/);
  } finally {
    await nido.stop();
  }
});
