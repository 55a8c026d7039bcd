/*
 * AttachedRom: a ROM session together with its current content, like
 * Genode's Attached_rom_dataspace. `update()` switches to the newest
 * version; handlers installed with `onChange` are called when one exists.
 */

import { dataspaceText } from './dataspace.js';
import type { Connection } from './connection.js';
import type { Ipc } from './ipc.js';
import type { Rom } from '../session/rom/interface.js';
import { parseXml, type XmlNode } from '../util/xml.js';
import type { DataspaceHandle } from './dataspace.js';

export class AttachedRom {
  readonly #connection: Connection<Rom>;
  readonly #name: string;
  #ds: DataspaceHandle | undefined;
  #text = '';
  #xml: XmlNode | undefined;
  readonly #handlers: ((rom: AttachedRom) => void)[] = [];

  private constructor(connection: Connection<Rom>, name: string) {
    this.#connection = connection;
    this.#name = name;
  }

  /** Opens the ROM `name` through `connection` and reads its content. */
  static async attach(ipc: Ipc, connection: Connection<Rom>, name: string): Promise<AttachedRom> {
    const rom = new AttachedRom(connection, name);
    await rom.update();
    await connection.client.sigh(ipc.signalContext(() => {
      for (const handler of rom.#handlers) handler(rom);
    }));
    return rom;
  }

  /** Fetches the newest version. */
  async update(): Promise<void> {
    const client = this.#connection.client;
    if (this.#ds === undefined || !(await client.update())) this.#ds = await client.dataspace();
    const text = this.#ds === undefined ? '' : dataspaceText(this.#ds);
    if (text !== this.#text || this.#xml === undefined) {
      this.#text = text;
      this.#xml = undefined;
    }
  }

  /** Whether the module currently exists. */
  get valid(): boolean {
    return this.#ds !== undefined;
  }

  /** The content as text. */
  get text(): string {
    return this.#text;
  }

  /** The content parsed as XML; `<empty/>` while the module is absent or empty. Throws XmlParseError. */
  get xml(): XmlNode {
    this.#xml ??= this.#text.trim() === '' ? parseXml('<empty/>', { source: this.#name }) : parseXml(this.#text, { source: this.#name });
    return this.#xml;
  }

  /** Calls `handler` whenever a new version exists (call update() to switch to it). */
  onChange(handler: (rom: AttachedRom) => void): void {
    this.#handlers.push(handler);
  }

  close(): Promise<void> {
    return this.#connection.close();
  }
}
