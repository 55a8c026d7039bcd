/*
 * A ROM session of dynamic_rom: its own timeline and its own Timer
 * session (spec/init.md §8.2). The client is signalled on every change and
 * sees the new content when it next asks for the dataspace; `update()` is
 * not offered (always false), as in Genode.
 */

import {
  Timer, type Connection, type DataspaceHandle, type Env, type Implementation, type Rom,
  type SessionHooks, type SignalContextCapability, type XmlNode,
} from 'nido';
import { Timeline } from './timeline.js';

const encoder = new TextEncoder();

export async function romSession(env: Env, rom: XmlNode, verbose: boolean): Promise<Implementation<Rom> & SessionHooks> {
  const name = rom.stringAttribute('name', '');
  const timer: Connection<Timer> = await env.connect(Timer);
  let content: Uint8Array | undefined;
  let dataspace: DataspaceHandle | undefined;
  let handler: SignalContextCapability | undefined;
  let closed = false;

  const timeline = new Timeline(rom, {
    content: (text) => {
      content = text === undefined ? undefined : encoder.encode(text);
      if (handler !== undefined) env.ep.submit(handler);
    },
    sleep: (ms) => void timer.client.triggerOnce(ms * 1000),
    log: (text) => {
      if (verbose) env.log(`${name}: ${text}`);
    },
    warning: (text) => env.warning(`${name}: ${text}`),
  });
  const timeout = env.ep.signalHandler(() => {
    if (!closed) timeline.run();
  });
  await timer.client.sigh(timeout);
  /* The first steps run at session creation. */
  timeline.run();

  const freeDataspace = async () => {
    const previous = dataspace;
    dataspace = undefined;
    if (previous !== undefined) await env.pd.free(previous.id);
  };

  return {
    dataspace: async () => {
      const current = content;
      await freeDataspace();
      if (current === undefined) return undefined;
      const allocated = await env.pd.alloc(Math.max(1, current.length + 1));
      new Uint8Array(allocated.buffer).set(current);
      dataspace = { ...allocated, size: current.length };
      return dataspace;
    },
    update: () => false,
    sigh: (cap: SignalContextCapability) => {
      if (handler !== undefined) env.release(handler);
      handler = cap;
    },
    close: async () => {
      closed = true;
      await timer.close();
      env.ep.dissolve(timeout);
      if (handler !== undefined) env.release(handler);
      await freeDataspace();
    },
  };
}
