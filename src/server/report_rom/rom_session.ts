/*
 * ROM sessions of report_rom (spec/init.md §8.1): a reader of the module
 * its policy names. `dataspace()` hands out a fresh copy of the content,
 * paid from report_rom's RAM (the previous copy is freed); `update()`
 * refreshes that copy in place when the new content fits.
 */

import type { DataspaceHandle, Env, Implementation, Rom, SessionHooks, SignalContextCapability } from 'nido';
import type { Module, ModuleRegistry, Reader } from './module.js';

export function romSession(env: Env, registry: ModuleRegistry, module: Module): Implementation<Rom> & SessionHooks {
  let dataspace: DataspaceHandle | undefined;
  let handler: SignalContextCapability | undefined;
  /* The version the client fetched last; none yet. */
  let version = -1;

  const reader: Reader = {
    changed: () => {
      if (handler !== undefined) env.ep.submit(handler);
    },
  };
  module.readers.add(reader);

  /* Copies `content` (of `contentVersion`) into `buffer`, NUL-terminated, the rest zeroed. */
  const fill = (buffer: SharedArrayBuffer, content: Uint8Array, contentVersion: number): number => {
    const bytes = new Uint8Array(buffer);
    bytes.set(content);
    bytes.fill(0, content.length);
    version = contentVersion;
    return content.length;
  };

  const freeDataspace = async () => {
    const previous = dataspace;
    dataspace = undefined;
    if (previous !== undefined) await env.pd.free(previous.id);
  };

  return {
    dataspace: async () => {
      await freeDataspace();
      /* The content as it was when the dataspace was sized: a report during the allocation signals the reader again. */
      const { content, version: contentVersion } = module;
      const allocated = await env.pd.alloc(Math.max(1, content.length + 1));
      dataspace = { ...allocated, size: fill(allocated.buffer, content, contentVersion) };
      return dataspace;
    },
    update: () => {
      if (dataspace === undefined || dataspace.buffer.byteLength <= module.content.length) return false;
      dataspace = { ...dataspace, size: fill(dataspace.buffer, module.content, module.version) };
      return true;
    },
    sigh: (cap: SignalContextCapability) => {
      if (handler !== undefined) env.release(handler);
      handler = cap;
      /* A report that came between the session's creation and now must not go unnoticed. */
      if (version !== module.version) env.ep.submit(cap);
    },
    close: async () => {
      module.readers.delete(reader);
      registry.release(module);
      if (handler !== undefined) env.release(handler);
      await freeDataspace();
    },
  };
}
