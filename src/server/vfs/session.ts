/*
 * One File_system session of the vfs server: the RPCs on nodes and
 * handles, mapped onto the server's VFS below the session's root, and
 * the session's packet stream (packet_handler.ts).
 *
 * The VFS is used without symlink resolution: a symlink is a node the
 * client reads and follows itself, as with any File_system server. Every
 * argument comes from the client and is checked; VFS errors become the
 * session's error classes (EROFS of a tar is PermissionDenied, ...).
 */

import {
  checkName, InvalidHandle, LookupFailed, NodeAlreadyExists, OutOfRam, PacketStreamSink, pathElements, PermissionDenied,
  READ_ONLY, READ_WRITE, STAT_ONLY,
  type DataspaceHandle, type Env, type FileSystem, type Implementation, type Mode, type NodeStatus, type SessionHooks,
  type SignalContextCapability,
} from 'nido';
import { fileSystemErrorOf } from '../../lib/vfs/file_system_errors.js';
import { VfsError, type VfsStat } from '../../lib/vfs/interface.js';
import { openFlags } from '../../lib/vfs/open_flags.js';
import { joinPath, parentPath } from '../../lib/vfs/path.js';
import type { StackedDirectory } from '../../lib/vfs/stacked_directory.js';
import { nodeStatus, OpenNode, type OpenKind } from './open_node.js';
import { processPacket, type PacketContext } from './packet_handler.js';
import type { SessionPolicy } from './session_policy.js';
import type { Watchers } from './watchers.js';

/* Open handles per session: each costs server memory that no donation pays. */
const MAX_HANDLES = 4096;

/* Runs a VFS operation; its VfsError becomes the File_system error a client expects. */
function vfs<T>(operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    throw error instanceof VfsError ? fileSystemErrorOf(error) : error;
  }
}

function checkedString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string`);
  return value;
}

function checkedMode(mode: unknown): Mode {
  if (mode !== 0 && mode !== 1 && mode !== 2 && mode !== 3) throw new TypeError(`invalid mode ${String(mode)}`);
  return mode;
}

export class VfsSession implements Implementation<FileSystem>, SessionHooks {
  readonly #env: Env;
  readonly #directory: StackedDirectory;
  readonly #policy: SessionPolicy;
  readonly #label: string;
  readonly #watchers: Watchers;
  readonly #dataspace: DataspaceHandle;
  readonly #sink: PacketStreamSink;
  readonly #handles = new Map<number, OpenNode>();
  readonly #unwatch = new Map<number, () => void>();
  #lastHandle = 0;
  #sigh: SignalContextCapability | undefined;
  #closed = false;

  constructor(env: Env, directory: StackedDirectory, policy: SessionPolicy, label: string, watchers: Watchers, dataspace: DataspaceHandle) {
    this.#env = env;
    this.#directory = directory;
    this.#policy = policy;
    this.#label = label;
    this.#watchers = watchers;
    this.#dataspace = dataspace;
    this.#sink = new PacketStreamSink(dataspace.buffer);
    void this.#sink.serve(
      (packet) => processPacket(this.#packetContext, packet),
      (error) => env.error(`packet of '${label}' failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  readonly #packetContext: PacketContext = {
    open: (handle) => this.#open(handle),
    bulk: () => this.#sink.bulk,
    writeable: () => this.#policy.writeable,
    vfs,
    entries: (path) => vfs(() => this.#directory.readdir(path)).map((entry) => ({
      name: entry.name,
      type: entry.type === 'directory' || entry.type === 'symlink' ? entry.type : 'continuous_file' as const,
      inode: entry.inode,
    })),
    readlink: (path) => vfs(() => this.#directory.readlink(path)),
    writeSymlink: (path, target) => vfs(() => {
      if (this.#directory.stat(path) !== undefined) this.#directory.unlink(path);
      this.#directory.symlink(target, path);
      this.#watchers.notify(path, parentPath(path));
    }),
    changed: (path) => this.#watchers.notify(path),
    setTimes: (path, times) => vfs(() => this.#directory.setTimes(path, times)),
  };

  /* ------------------------------------------------------------ paths and handles */

  /* A client path as a path of the VFS: below the session's root, which '..' cannot leave. */
  #path(path: unknown): string {
    const elements = pathElements(checkedString(path, 'path'));
    return elements.reduce((at, name) => joinPath(at, name), this.#policy.root);
  }

  #open(handle: unknown): OpenNode {
    const open = typeof handle === 'number' ? this.#handles.get(handle) : undefined;
    if (open === undefined) throw new InvalidHandle(`handle ${String(handle)} is not open in session '${this.#label}'`);
    return open;
  }

  #directoryPath(handle: unknown): string {
    const open = this.#open(handle);
    if (open.kind !== 'directory') throw new InvalidHandle(`handle ${String(handle)} of '${this.#label}' is not a directory`);
    return open.path;
  }

  #handle(node: OpenNode): number {
    if (this.#handles.size >= MAX_HANDLES) {
      node.file?.close();
      throw new OutOfRam(`session '${this.#label}' has ${MAX_HANDLES} handles open: close some`);
    }
    do this.#lastHandle = this.#lastHandle >= 0x7fff_ffff ? 1 : this.#lastHandle + 1;
    while (this.#handles.has(this.#lastHandle));
    this.#handles.set(this.#lastHandle, node);
    return this.#lastHandle;
  }

  #modify(what: string): void {
    if (!this.#policy.writeable) throw new PermissionDenied(`${what}: session '${this.#label}' is read only`);
  }

  #stat(path: string): VfsStat {
    const stat = vfs(() => this.#directory.stat(path));
    if (stat === undefined) throw new LookupFailed(`"${path}" does not exist`);
    return stat;
  }

  /* ------------------------------------------------------------ RPC */

  file(dir: number, name: string, mode: Mode, create: boolean): number {
    const path = joinPath(this.#directoryPath(dir), checkedString(name, 'name'));
    checkName(name);
    const checked = checkedMode(mode);
    if (create === true || checked >= 2) this.#modify(`opening file "${name}" for writing`);
    const handle = vfs(() => this.#directory.open(path, openFlags({
      read: checked === READ_ONLY || checked === READ_WRITE, write: checked >= 2, create: create === true, exclusive: create === true,
    })));
    if (handle.stat().type === 'directory') {
      handle.close();
      throw new LookupFailed(`"${name}" is a directory, not a file`);
    }
    if (create === true) this.#watchers.notify(parentPath(path));
    return this.#handle(new OpenNode('file', path, checked, handle));
  }

  symlink(dir: number, name: string, create: boolean): number {
    const path = joinPath(this.#directoryPath(dir), checkedString(name, 'name'));
    checkName(name);
    if (create === true) {
      this.#modify(`creating symlink "${name}"`);
      if (vfs(() => this.#directory.stat(path)) !== undefined) throw new NodeAlreadyExists(`"${name}" exists already`);
      /* the VFS makes a symlink with its target: here it only checks that one can be made, the WRITE makes it */
      if (!vfs(() => this.#directory.creatable(path))) throw new PermissionDenied(`no writeable file system holds "${name}"`);
    } else if (this.#stat(path).type !== 'symlink') {
      throw new LookupFailed(`"${name}" is not a symlink`);
    }
    return this.#handle(new OpenNode('symlink', path, this.#policy.writeable ? READ_WRITE : READ_ONLY, undefined));
  }

  dir(path: string, create: boolean): number {
    const at = this.#path(path);
    if (create === true) {
      this.#modify(`creating directory "${path}"`);
      vfs(() => this.#directory.mkdir(at));
      this.#watchers.notify(parentPath(at));
    }
    if (this.#stat(at).type !== 'directory') throw new LookupFailed(`"${path}" is not a directory`);
    return this.#handle(new OpenNode('directory', at, READ_ONLY, undefined));
  }

  node(path: string): number {
    const at = this.#path(path);
    const kind: OpenKind = this.#stat(at).type === 'directory' ? 'directory' : 'node';
    return this.#handle(new OpenNode(kind, at, STAT_ONLY, undefined));
  }

  watch(path: string): number {
    const handle = this.node(path);
    this.#unwatch.set(handle, this.#watchers.add(this.#open(handle).path, () => this.#changed(handle)));
    return handle;
  }

  #changed(handle: number): void {
    if (this.#closed) return;
    this.#sink.contentChanged(handle);
    if (this.#sigh !== undefined) this.#env.ep.submit(this.#sigh);
  }

  closeHandle(handle: number): void {
    const open = this.#open(handle);
    this.#handles.delete(handle);
    this.#unwatch.get(handle)?.();
    this.#unwatch.delete(handle);
    vfs(() => open.file?.close());
    if (open.written) this.#watchers.notify(open.path);
  }

  status(handle: number): NodeStatus {
    const open = this.#open(handle);
    const stat = open.file === undefined ? this.#stat(open.path) : vfs(() => open.file?.stat() ?? this.#stat(open.path));
    return nodeStatus(stat, this.#policy.writeable);
  }

  unlink(dir: number, name: string): void {
    const path = joinPath(this.#directoryPath(dir), checkedString(name, 'name'));
    checkName(name);
    this.#modify(`unlinking "${name}"`);
    const directory = this.#stat(path).type === 'directory';
    vfs(() => (directory ? this.#directory.rmdir(path) : this.#directory.unlink(path)));
    this.#watchers.notify(path, parentPath(path));
  }

  truncate(file: number, size: number): void {
    const open = this.#open(file);
    this.#modify('truncating');
    if (open.file === undefined || !open.writeable) throw new PermissionDenied(`handle ${file} of '${this.#label}' is not a file open for writing`);
    if (!Number.isSafeInteger(size) || size < 0) throw new TypeError(`invalid file size ${size}`);
    const target = open.file;
    vfs(() => target.truncate(size));
    open.written = true;
  }

  move(fromDir: number, fromName: string, toDir: number, toName: string): void {
    const from = joinPath(this.#directoryPath(fromDir), checkedString(fromName, 'name'));
    const to = joinPath(this.#directoryPath(toDir), checkedString(toName, 'name'));
    checkName(fromName);
    checkName(toName);
    this.#modify(`moving "${fromName}"`);
    vfs(() => this.#directory.rename(from, to));
    this.#watchers.notify(from, to, parentPath(from), parentPath(to));
  }

  /* The VFS's hard links: where its plugin holds them (ram), else PermissionDenied (EPERM, EROFS, EXDEV). */
  link(fromDir: number, fromName: string, toDir: number, toName: string): void {
    const from = joinPath(this.#directoryPath(fromDir), checkedString(fromName, 'name'));
    const to = joinPath(this.#directoryPath(toDir), checkedString(toName, 'name'));
    checkName(fromName);
    checkName(toName);
    this.#modify(`linking "${fromName}"`);
    vfs(() => this.#directory.link(from, to));
    this.#watchers.notify(from, to, parentPath(to));
  }

  numEntries(dir: number): number {
    const path = this.#directoryPath(dir);
    return vfs(() => this.#directory.readdir(path)).length;
  }

  packetStream(): DataspaceHandle {
    return this.#dataspace;
  }

  sigh(handler: SignalContextCapability): void {
    this.#sigh = handler;
  }

  ping(): void {}

  /* ------------------------------------------------------------ session life */

  /** Ends the session: its handles closed, its stream closed and freed. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#sink.close();
    for (const handle of [...this.#handles.keys()]) {
      try {
        this.closeHandle(handle);
      } catch (error) {
        this.#env.warning(`closing handle ${handle} of '${this.#label}': ${(error as Error).message}`);
      }
    }
    await this.#env.pd.free(this.#dataspace.id);
  }
}
