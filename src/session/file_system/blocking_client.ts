/*
 * The blocking face of a File_system session, for code that cannot await
 * (a WebAssembly program inside a system call, the VFS `fs` plugin): RPCs
 * go through the synchronous RPC path, data through the packet stream with
 * the caller blocked on the acknowledgement queue.
 *
 *   const fs = (await FileSystemConnection.open(env, { label: 'home', ram: 1 << 20 })).blocking;
 *   const root = fs.dir('/', false);
 *   const file = fs.file(root, 'notes', READ_WRITE, true);
 *   fs.write(file, new TextEncoder().encode('hello'), 0);   // 5
 *   fs.close(file);
 *
 * Errors are the session's classes (LookupFailed, NoSpace, ...);
 * CapabilityRevoked when the session or its server is gone.
 */

import type { SyncClient } from '../../base/interface.js';
import type { DirectoryEntryRecord } from './directory_entry.js';
import type { FileSystem, Mode, NodeStatus } from './interface.js';
import { Opcode, SEEK_TAIL } from './packet.js';
import type { PacketStreamClient } from './packet_stream_client.js';
import type { Watchers } from './watchers.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class BlockingFileSystemClient {
  readonly #rpc: SyncClient<FileSystem>;
  readonly #stream: PacketStreamClient;
  readonly #watchers: Watchers;

  constructor(rpc: SyncClient<FileSystem>, stream: PacketStreamClient, watchers: Watchers) {
    this.#rpc = rpc;
    this.#stream = stream;
    this.#watchers = watchers;
  }

  /** Opens (with `create`: creates) the file `name` in the directory `dir`. */
  file(dir: number, name: string, mode: Mode, create: boolean): number {
    return this.#rpc.file(dir, name, mode, create);
  }

  /** Opens (creates) the symlink `name` in `dir`; its target is read and written through the stream. */
  symlink(dir: number, name: string, create: boolean): number {
    return this.#rpc.symlink(dir, name, create);
  }

  /** Opens (creates) the directory at `path`. */
  dir(path: string, create: boolean): number {
    return this.#rpc.dir(path, create);
  }

  /** Opens any node at `path` for `status`. */
  node(path: string): number {
    return this.#rpc.node(path);
  }

  /** Opens `path` for change notification: `changed` runs whenever the node changed (on this thread, when the client next takes acknowledgements or its signal handler runs). */
  watch(path: string, changed: (handle: number) => void): number {
    const handle = this.#rpc.watch(path);
    this.#watchers.add(handle, changed);
    return handle;
  }

  close(handle: number): void {
    this.#watchers.remove(handle);
    this.#rpc.closeHandle(handle);
  }

  status(handle: number): NodeStatus {
    return this.#rpc.status(handle);
  }

  unlink(dir: number, name: string): void {
    this.#rpc.unlink(dir, name);
  }

  truncate(file: number, size: number): void {
    this.#rpc.truncate(file, size);
  }

  move(fromDir: number, fromName: string, toDir: number, toName: string): void {
    this.#rpc.move(fromDir, fromName, toDir, toName);
  }

  link(fromDir: number, fromName: string, toDir: number, toName: string): void {
    this.#rpc.link(fromDir, fromName, toDir, toName);
  }

  numEntries(dir: number): number {
    return this.#rpc.numEntries(dir);
  }

  /** Reads up to `buffer.length` bytes at `position`; answers the bytes read (fewer only at the end). */
  read(handle: number, buffer: Uint8Array, position: number): number {
    return this.#stream.runSync(this.#stream.read(handle, buffer, position));
  }

  /** Writes `data` at `position` (SEEK_TAIL appends); answers the bytes written (fewer only when space ran out). */
  write(handle: number, data: Uint8Array, position: number): number {
    return this.#stream.runSync(this.#stream.write(handle, data, position));
  }

  /** Appends `data` at the end of the file. */
  append(handle: number, data: Uint8Array): number {
    return this.write(handle, data, SEEK_TAIL);
  }

  /** The entries of the directory behind `dir`. */
  readdir(dir: number): DirectoryEntryRecord[] {
    return this.#stream.runSync(this.#stream.readdir(dir));
  }

  /** The target of the symlink behind `handle`. */
  readSymlink(handle: number): string {
    const size = this.#rpc.status(handle).size;
    const buffer = new Uint8Array(size);
    const read = this.read(handle, buffer, 0);
    return decoder.decode(buffer.subarray(0, read));
  }

  /** Sets the target of the symlink behind `handle` (opened writeable). */
  writeSymlink(handle: number, target: string): void {
    this.write(handle, encoder.encode(target), 0);
  }

  /** Waits until the server processed every earlier packet of this session; tells watchers of the node. */
  sync(handle: number): void {
    this.#stream.runSync(this.#stream.control(handle, Opcode.SYNC));
  }

  /** Waits until a read of the node would not block. */
  readReady(handle: number): void {
    this.#stream.runSync(this.#stream.control(handle, Opcode.READ_READY));
  }

  /** Sets the node's modification time (seconds since the epoch). */
  writeTimestamp(handle: number, seconds: number): void {
    this.#stream.runSync(this.#stream.control(handle, Opcode.WRITE_TIMESTAMP, seconds));
  }

  /** Tells a server that is gone from one that is busy: throws CapabilityRevoked for the former. */
  ping(): void {
    this.#rpc.ping();
  }
}
