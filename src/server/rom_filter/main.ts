/*
 * rom_filter: a ROM module that depends on the content of other ROM
 * modules (repos/os/src/server/rom_filter, with Genode's config):
 *
 *   <config>
 *     <input name="xray_enabled" rom="xray" node="xray">
 *       <attribute name="enabled"/>
 *     </input>
 *     <output node="config">
 *       <if>
 *         <has_value input="xray_enabled" value="yes"/>
 *         <then> <inline> <palette> <color name="fg" value="#ff0000"/> </palette> </inline> </then>
 *         <else> <attribute name="xray" value="no"/> </else>
 *       </if>
 *     </output>
 *   </config>
 *
 * Every session reads the same module, whatever its label. The output is
 * evaluated anew when an input ROM or the config changes, and every
 * session's client is signalled when it differs.
 */

import { Rom, type AttachedRom, type DataspaceHandle, type Env, type Implementation, type SessionHooks, type SignalContextCapability } from 'nido';
import { evaluate, inputRomNames } from './filter.js';

const encoder = new TextEncoder();

interface Reader {
  changed(): void;
}

export async function construct(env: Env): Promise<void> {
  const config = await env.config();
  const inputs = new Map<string, AttachedRom>();
  const readers = new Set<Reader>();
  let content = new Uint8Array(0);
  let version = 0;

  const produce = () => {
    const verbose = config.xml.boolAttribute('verbose', false);
    let text: string | undefined;
    try {
      text = evaluate({
        config: config.xml,
        xml: (name) => {
          const rom = inputs.get(name);
          if (rom === undefined || !rom.valid) return undefined;
          try {
            return rom.xml;
          } catch {
            return undefined;
          }
        },
        missing: (input) => {
          if (verbose) env.warning(`could not obtain input value for input ${input}`);
        },
      });
    } catch (error) {
      env.error(error instanceof Error ? error.message : String(error));
      return;
    }
    const next = encoder.encode(text ?? '');
    if (next.length === content.length && next.every((byte, i) => byte === content[i])) return;
    content = next;
    version++;
    for (const reader of readers) reader.changed();
  };

  /* Opens the ROMs the config's inputs name and closes those it no longer does (Input_rom_registry::update_config). */
  const updateInputs = async () => {
    const wanted = new Set(inputRomNames(config.xml));
    for (const [name, rom] of inputs) {
      if (wanted.has(name)) continue;
      inputs.delete(name);
      await rom.close();
    }
    for (const name of wanted) {
      if (inputs.has(name)) continue;
      const rom = await env.rom(name);
      inputs.set(name, rom);
      rom.onChange(async () => {
        await rom.update();
        produce();
      });
    }
  };

  await updateInputs();
  produce();
  config.onChange(async () => {
    await config.update();
    await updateInputs();
    produce();
  });

  env.announce(Rom, (): Implementation<Rom> & SessionHooks => {
    let dataspace: DataspaceHandle | undefined;
    let handler: SignalContextCapability | undefined;
    let seen = -1;
    const reader: Reader = { changed: () => { if (handler !== undefined) env.ep.submit(handler); } };
    readers.add(reader);
    const fill = (buffer: SharedArrayBuffer): number => {
      const bytes = new Uint8Array(buffer);
      bytes.set(content);
      bytes.fill(0, content.length);
      seen = version;
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
        const allocated = await env.pd.alloc(Math.max(1, content.length + 1));
        dataspace = { ...allocated, size: fill(allocated.buffer) };
        return dataspace;
      },
      update: () => {
        if (dataspace === undefined || dataspace.buffer.byteLength <= content.length) return false;
        dataspace = { ...dataspace, size: fill(dataspace.buffer) };
        return true;
      },
      sigh: (cap) => {
        if (handler !== undefined) env.release(handler);
        handler = cap;
        if (seen !== version) env.ep.submit(cap);
      },
      close: async () => {
        readers.delete(reader);
        if (handler !== undefined) env.release(handler);
        await freeDataspace();
      },
    };
  });
}
