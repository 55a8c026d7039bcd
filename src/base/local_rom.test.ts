import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LocalRom } from './local_rom.js';
import { dataspaceText, type DataspaceHandle } from './dataspace.js';
import type { Env } from './env.js';

interface RomImpl { dataspace(): Promise<DataspaceHandle>; update(): boolean }

/*
 * The content changes while a reader's dataspace is being allocated (a
 * reconfiguration racing a child's first read, seen in the boot-medium
 * scenario as "RangeError: offset is out of bounds"): the reader gets the
 * content the dataspace was sized for, and the next read the new one.
 */
test('a ROM changed while a dataspace is allocated hands out the content it was sized for', async () => {
  const sessions: RomImpl[] = [];
  let rom: LocalRom | undefined;
  let during: string | undefined = 'a much longer content than the first one';
  const env = {
    pd: {
      alloc: async (size: number) => {
        if (during !== undefined) rom?.set(during);
        return { id: 1, buffer: new SharedArrayBuffer(size), size };
      },
      free: async () => undefined,
    },
    ep: { manage: (_iface: unknown, impl: RomImpl) => { sessions.push(impl); return {}; }, submit: () => undefined, dissolve: () => undefined },
  } as unknown as Env;
  rom = new LocalRom(env, 'short');
  rom.session();
  const session = sessions[0];
  assert.ok(session !== undefined);
  const first = await session.dataspace();
  assert.equal(first.size, 5);
  assert.equal(dataspaceText(first), 'short');
  assert.equal(session.update(), false, 'the new content does not fit the old dataspace');
  during = undefined;
  const second = await session.dataspace();
  assert.equal(dataspaceText(second), 'a much longer content than the first one');
});
