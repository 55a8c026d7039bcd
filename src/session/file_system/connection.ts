/*
 * FileSystemConnection: a File_system session as its client holds it, with
 * the packet stream attached and both faces ready: `client` (promises) and
 * `blocking` (for code that cannot await). Like Genode's
 * File_system::Connection, it asks for a writeable session unless told
 * otherwise; the server's policy decides what it gets.
 *
 *   const fs = await FileSystemConnection.open(env, { label: 'home', ram: 4 << 20 });
 *   const root = fs.blocking.dir('/', false);
 *   ...
 *   await fs.close();
 *
 * The donation is what the server needs for the session
 * (FILE_SYSTEM_SESSION_RAM and the packet stream of `txBufSize` bytes of
 * bulk buffer) plus `ram`: the storage this client pays for at a server
 * that keeps file data in RAM (ram_fs).
 */

import type { SignalContextCapability } from '../../base/capability.js';
import type { Connection } from '../../base/connection.js';
import type { Env } from '../../base/env.js';
import type { DataspaceHandle } from '../../base/dataspace.js';
import { BlockingFileSystemClient } from './blocking_client.js';
import { FileSystemClient } from './client.js';
import { DEFAULT_TX_BUF_SIZE, FILE_SYSTEM_SESSION_CAPS, FILE_SYSTEM_SESSION_RAM, FileSystem } from './interface.js';
import { packetStreamSize } from './packet_queue.js';
import { PacketStreamClient } from './packet_stream_client.js';
import { Watchers } from './watchers.js';

export interface FileSystemConnectionOptions {
  /** Label of the session (the parent prefixes the client's name); selects the server's policy. */
  readonly label?: string;
  /** A sub-directory of the policy's root to confine the session to further. */
  readonly root?: string;
  /** Ask for a writeable session (default: yes). A read-only policy answers modifications with PermissionDenied either way. */
  readonly writeable?: boolean;
  /** Bytes of the bulk buffer (default DEFAULT_TX_BUF_SIZE). */
  readonly txBufSize?: number;
  /** RAM (bytes) donated for storage beyond the session's own needs (default 0). */
  readonly ram?: number;
  readonly caps?: number;
  /** Service name when not "File_system". */
  readonly service?: string;
}

/* What the inits between client and server keep of a donation (SESSION_COSTS for a few hops). */
const DONATION_SLACK = 4096;

/** RAM a session with a bulk buffer of `txBufSize` bytes needs at the server, before storage. */
export function fileSystemSessionRam(txBufSize: number): number {
  return FILE_SYSTEM_SESSION_RAM + packetStreamSize(txBufSize);
}

export class FileSystemConnection {
  /** Promise-answering operations. */
  readonly client: FileSystemClient;
  /** Blocking operations. */
  readonly blocking: BlockingFileSystemClient;
  readonly #env: Env;
  readonly #session: Connection<FileSystem>;
  readonly #stream: PacketStreamClient;
  #changes: SignalContextCapability | undefined;

  private constructor(env: Env, session: Connection<FileSystem>, dataspace: DataspaceHandle, where: string) {
    this.#env = env;
    this.#session = session;
    const rpc = session.client;
    const rpcSync = env.syncClient(FileSystem, session.cap);
    const watchers = new Watchers();
    this.#stream = new PacketStreamClient(dataspace.buffer, {
      where,
      probe: () => rpcSync.ping(),
      probeAsync: () => rpc.ping(),
      changed: (handle) => watchers.changed(handle),
    });
    this.client = new FileSystemClient(rpc, this.#stream, watchers);
    this.blocking = new BlockingFileSystemClient(rpcSync, this.#stream, watchers);
  }

  /** Opens a session and attaches its packet stream. */
  static async open(env: Env, options: FileSystemConnectionOptions = {}): Promise<FileSystemConnection> {
    const txBufSize = options.txBufSize ?? DEFAULT_TX_BUF_SIZE;
    const args: Record<string, string | number> = { tx_buf_size: txBufSize, writeable: options.writeable === false ? 'no' : 'yes' };
    if (options.root !== undefined) args['root'] = options.root;
    const session = await env.connect(FileSystem, {
      label: options.label ?? '',
      ram: fileSystemSessionRam(txBufSize) + DONATION_SLACK + (options.ram ?? 0),
      caps: options.caps ?? FILE_SYSTEM_SESSION_CAPS,
      args,
      ...(options.service === undefined ? {} : { service: options.service }),
    });
    let connection: FileSystemConnection | undefined;
    try {
      const dataspace = await session.client.packetStream();
      connection = new FileSystemConnection(env, session, dataspace, `File_system session "${options.label ?? ''}"`);
      /* CONTENT_CHANGED packets of watched nodes arrive while nobody waits on the stream: the server signals them. */
      const opened = connection;
      opened.#changes = env.ep.signalHandler(() => opened.#drain());
      await session.client.sigh(opened.#changes);
      return opened;
    } catch (error) {
      await (connection?.close() ?? session.close());
      throw error;
    }
  }

  #drain(): void {
    if (!this.#stream.closed) this.#stream.drain();
  }

  /** The session capability (to hand on, or for env.syncClient). */
  get cap(): Connection<FileSystem>['cap'] {
    return this.#session.cap;
  }

  /** Donates `ram` more bytes of storage. */
  upgrade(ram: number): Promise<void> {
    return this.#session.upgrade(ram);
  }

  /** The same for code that cannot await (the VFS's `<fs>` plugin when a write finds the storage full). */
  upgradeSync(ram: number): void {
    this.#session.upgradeSync(ram);
  }

  /** Closes the session: its handles are gone and its donation returns. */
  close(): Promise<void> {
    if (this.#changes !== undefined) this.#env.ep.dissolve(this.#changes);
    this.#changes = undefined;
    return this.#session.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
