/*
 * The asynchronous face of a File_system session: the same operations as
 * BlockingFileSystemClient, each answering a promise, for components that
 * live on their event loop. RPCs are ordinary asynchronous calls; data
 * packets are awaited on the acknowledgement queue (Atomics.waitAsync).
 *
 *   const fs = (await FileSystemConnection.open(env, { label: 'data', ram: 1 << 20 })).client;
 *   const root = await fs.dir('/', false);
 *   const file = await fs.file(root, 'log', WRITE_ONLY, true);
 *   await fs.write(file, bytes, SEEK_TAIL);
 */

import type { Client } from '../../base/interface.js';
import type { DirectoryEntryRecord } from './directory_entry.js';
import type { FileSystem, Mode, NodeStatus } from './interface.js';
import { Opcode, SEEK_TAIL } from './packet.js';
import type { PacketStreamClient } from './packet_stream_client.js';
import type { Watchers } from './watchers.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class FileSystemClient {
  readonly #rpc: Client<FileSystem>;
  readonly #stream: PacketStreamClient;
  readonly #watchers: Watchers;

  constructor(rpc: Client<FileSystem>, stream: PacketStreamClient, watchers: Watchers) {
    this.#rpc = rpc;
    this.#stream = stream;
    this.#watchers = watchers;
  }

  file(dir: number, name: string, mode: Mode, create: boolean): Promise<number> {
    return this.#rpc.file(dir, name, mode, create);
  }

  symlink(dir: number, name: string, create: boolean): Promise<number> {
    return this.#rpc.symlink(dir, name, create);
  }

  dir(path: string, create: boolean): Promise<number> {
    return this.#rpc.dir(path, create);
  }

  node(path: string): Promise<number> {
    return this.#rpc.node(path);
  }

  /** Opens `path` for change notification: `changed` runs on the event loop whenever the node changed. */
  async watch(path: string, changed: (handle: number) => void): Promise<number> {
    const handle = await this.#rpc.watch(path);
    this.#watchers.add(handle, changed);
    return handle;
  }

  close(handle: number): Promise<void> {
    this.#watchers.remove(handle);
    return this.#rpc.closeHandle(handle);
  }

  status(handle: number): Promise<NodeStatus> {
    return this.#rpc.status(handle);
  }

  unlink(dir: number, name: string): Promise<void> {
    return this.#rpc.unlink(dir, name);
  }

  truncate(file: number, size: number): Promise<void> {
    return this.#rpc.truncate(file, size);
  }

  move(fromDir: number, fromName: string, toDir: number, toName: string): Promise<void> {
    return this.#rpc.move(fromDir, fromName, toDir, toName);
  }

  link(fromDir: number, fromName: string, toDir: number, toName: string): Promise<void> {
    return this.#rpc.link(fromDir, fromName, toDir, toName);
  }

  numEntries(dir: number): Promise<number> {
    return this.#rpc.numEntries(dir);
  }

  /** Reads up to `buffer.length` bytes at `position`; answers the bytes read. */
  read(handle: number, buffer: Uint8Array, position: number): Promise<number> {
    return this.#stream.runAsync(this.#stream.read(handle, buffer, position));
  }

  /** Writes `data` at `position` (SEEK_TAIL appends); answers the bytes written. */
  write(handle: number, data: Uint8Array, position: number): Promise<number> {
    return this.#stream.runAsync(this.#stream.write(handle, data, position));
  }

  append(handle: number, data: Uint8Array): Promise<number> {
    return this.write(handle, data, SEEK_TAIL);
  }

  readdir(dir: number): Promise<DirectoryEntryRecord[]> {
    return this.#stream.runAsync(this.#stream.readdir(dir));
  }

  async readSymlink(handle: number): Promise<string> {
    const size = (await this.#rpc.status(handle)).size;
    const buffer = new Uint8Array(size);
    const read = await this.read(handle, buffer, 0);
    return decoder.decode(buffer.subarray(0, read));
  }

  async writeSymlink(handle: number, target: string): Promise<void> {
    await this.write(handle, encoder.encode(target), 0);
  }

  sync(handle: number): Promise<void> {
    return this.#stream.runAsync(this.#stream.control(handle, Opcode.SYNC));
  }

  readReady(handle: number): Promise<void> {
    return this.#stream.runAsync(this.#stream.control(handle, Opcode.READ_READY));
  }

  writeTimestamp(handle: number, seconds: number): Promise<void> {
    return this.#stream.runAsync(this.#stream.control(handle, Opcode.WRITE_TIMESTAMP, seconds));
  }

  ping(): Promise<void> {
    return this.#rpc.ping();
  }
}
