/*
 * test-input: logs every input event it gets, as Genode's test-input
 * (repos/os/src/test/input) does: a test presses keys and clicks on the
 * screen and waits for the lines. It reads an Input session of its parent
 * (core's screen, `nido run --ui`: the page's keyboard and pointer).
 *
 *   [init -> test-input] input event #1: press KEY_H 'h' (keys held: 1)
 *   [init -> test-input] input event #2: release KEY_H (keys held: 0)
 *   [init -> test-input] input event #3: motion 120,45
 */

import { Input, INPUT_SESSION_CAPS, INPUT_SESSION_RAM, receiveInput, type Env } from 'nido';
import { describeEvent, KeyCount } from './describe.js';

export async function construct(env: Env): Promise<void> {
  const input = (await env.connect(Input, { ram: INPUT_SESSION_RAM, caps: INPUT_SESSION_CAPS })).client;
  const keys = new KeyCount();
  let count = 0;
  await receiveInput(env.ep, input, (events) => {
    for (const event of events) env.log(`input event #${++count}: ${describeEvent(event, keys)}`);
  }, (error) => env.error(`input: ${(error as Error).message}`));
  env.log('--- Test input --- (waiting for events)');
}
