/*
 * One File_system session of ram_fs: the RPCs on nodes and handles, the
 * session's packet stream (processed by packet_handler.ts), its share of
 * the file system's space, and its watched nodes.
 *
 * Every argument comes from the client and is checked. A session without
 * write permission gets PermissionDenied for every modification; paths are
 * resolved below the session's root, which '..' cannot leave.
 */

import {
  checkName, InvalidHandle, LookupFailed, NodeAlreadyExists, NotEmpty, OutOfRam, pathElements, PermissionDenied,
  InvalidName, PacketStreamSink, STAT_ONLY, READ_ONLY, READ_WRITE, WRITE_ONLY,
  type DataspaceHandle, type Env, type FileSystem, type Implementation, type Mode, type NodeStatus, type SessionHooks,
  type SignalContextCapability,
} from 'nido';
import { Directory, File, Symlink, type Node, type Watcher } from './node.js';
import { checkedMode, OpenNode } from './open_node.js';
import { processPacket } from './packet_handler.js';
import type { SessionPolicy } from './session_policy.js';
import type { Tree } from './tree.js';

/* Open handles per session: each costs server memory that no donation pays. */
const MAX_HANDLES = 4096;

function checkedHandle(handle: unknown): number {
  if (typeof handle !== 'number' || !Number.isInteger(handle)) throw new InvalidHandle(`invalid handle ${String(handle)}`);
  return handle;
}

function checkedString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string`);
  return value;
}

export class RamFsSession implements Implementation<FileSystem>, SessionHooks {
  readonly #env: Env;
  readonly #tree: Tree;
  readonly #policy: SessionPolicy;
  readonly #label: string;
  readonly #dataspace: DataspaceHandle;
  readonly #sink: PacketStreamSink;
  readonly #handles = new Map<number, OpenNode>();
  #lastHandle = 0;
  #budget: number;
  #sigh: SignalContextCapability | undefined;
  #closed = false;

  constructor(env: Env, tree: Tree, policy: SessionPolicy, label: string, dataspace: DataspaceHandle, budget: number) {
    this.#env = env;
    this.#tree = tree;
    this.#policy = policy;
    this.#label = label;
    this.#dataspace = dataspace;
    this.#sink = new PacketStreamSink(dataspace.buffer);
    this.#budget = budget;
    tree.space.grant(budget);
    void this.#sink.serve(
      (packet) => processPacket(this.#packetContext, packet),
      (error) => env.error(`packet of '${label}' failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`),
    );
  }

  readonly #packetContext = {
    open: (handle: number) => this.#open(handle),
    bulk: () => this.#sink.bulk,
    writeable: () => this.#policy.writeable,
  };

  /* ------------------------------------------------------------ handles */

  #open(handle: unknown): OpenNode {
    const open = this.#handles.get(checkedHandle(handle));
    if (open === undefined) throw new InvalidHandle(`handle ${String(handle)} is not open in session '${this.#label}'`);
    return open;
  }

  #directory(handle: unknown): Directory {
    const node = this.#open(handle).node;
    if (!(node instanceof Directory)) throw new InvalidHandle(`handle ${String(handle)} of '${this.#label}' is not a directory`);
    return node;
  }

  #handle(node: Node, mode: Mode): number {
    if (this.#handles.size >= MAX_HANDLES) throw new OutOfRam(`session '${this.#label}' has ${MAX_HANDLES} handles open: close some`);
    do this.#lastHandle = this.#lastHandle >= 0x7fff_ffff ? 1 : this.#lastHandle + 1;
    while (this.#handles.has(this.#lastHandle));
    this.#handles.set(this.#lastHandle, new OpenNode(node, mode));
    node.openCount++;
    return this.#lastHandle;
  }

  #modify(what: string): void {
    if (!this.#policy.writeable) throw new PermissionDenied(`${what}: session '${this.#label}' is read only`);
  }

  #path(path: unknown): string[] {
    return pathElements(checkedString(path, 'path'));
  }

  /* Drops a node's handle count; a node without names and no longer open is freed. */
  #release(node: Node): void {
    node.openCount--;
    if (node.openCount === 0 && node.names === 0) this.#tree.destroy(node);
  }

  /* A name of `node` went: its cost, or the node once no handle refers to it. */
  #unnamed(node: Node): void {
    this.#tree.unnamed(node, node.openCount > 0);
  }

  /* ------------------------------------------------------------ RPC */

  file(dir: number, name: string, mode: Mode, create: boolean): number {
    return this.#openIn(dir, name, checkedMode(mode), create, File, () => this.#tree.newFile(name));
  }

  symlink(dir: number, name: string, create: boolean): number {
    return this.#openIn(dir, name, this.#policy.writeable ? READ_WRITE : READ_ONLY, create, Symlink, () => this.#tree.newSymlink(name));
  }

  #openIn(dir: number, name: string, mode: Mode, create: boolean, type: typeof File | typeof Symlink, make: () => File | Symlink): number {
    const directory = this.#directory(dir);
    checkName(checkedString(name, 'name'));
    const kind = type === File ? 'file' : 'symlink';
    if (create === true || mode === WRITE_ONLY || mode === READ_WRITE) this.#modify(`opening ${kind} "${name}" for writing`);
    let node = directory.entries.get(name);
    if (create === true) {
      if (node !== undefined) throw new NodeAlreadyExists(`"${name}" exists already`);
      node = make();
      directory.adopt(name, node);
      directory.notify();
    }
    if (node === undefined) throw new LookupFailed(`${kind} "${name}" does not exist`);
    if (!(node instanceof type)) throw new LookupFailed(`"${name}" is a ${node.type}, not a ${kind}`);
    return this.#handle(node, mode);
  }

  dir(path: string, create: boolean): number {
    const elements = this.#path(path);
    if (create === true) {
      this.#modify(`creating directory "${path}"`);
      const name = elements.at(-1);
      if (name === undefined) throw new NodeAlreadyExists('the root directory exists');
      const parent = this.#tree.lookup(this.#policy.root, elements.slice(0, -1), path);
      if (!(parent instanceof Directory)) throw new LookupFailed(`parent of "${path}" is not a directory`);
      if (parent.entries.has(name)) throw new NodeAlreadyExists(`"${path}" exists already`);
      parent.adopt(name, this.#tree.newDirectory(name));
      parent.notify();
    }
    const node = this.#tree.lookup(this.#policy.root, elements, path);
    if (!(node instanceof Directory)) throw new LookupFailed(`"${path}" is not a directory`);
    return this.#handle(node, READ_ONLY);
  }

  node(path: string): number {
    return this.#handle(this.#tree.lookup(this.#policy.root, this.#path(path), path), STAT_ONLY);
  }

  watch(path: string): number {
    const handle = this.node(path);
    const open = this.#open(handle);
    const watcher: Watcher = { changed: () => this.#changed(handle) };
    open.watcher = watcher;
    open.node.watchers.add(watcher);
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
    if (open.watcher !== undefined) open.node.watchers.delete(open.watcher);
    if (open.written) open.node.notify();
    this.#release(open.node);
  }

  status(handle: number): NodeStatus {
    const node = this.#open(handle).node;
    return {
      size: node.size,
      type: node.type,
      readable: true,
      writeable: this.#policy.writeable,
      executable: node instanceof Directory,
      inode: node.inode,
      modificationTime: node.modificationTime,
      links: node.links,
    };
  }

  unlink(dir: number, name: string): void {
    const directory = this.#directory(dir);
    checkName(checkedString(name, 'name'));
    this.#modify(`unlinking "${name}"`);
    const node = directory.entries.get(name);
    if (node === undefined) throw new LookupFailed(`"${name}" does not exist`);
    if (node instanceof Directory && node.entries.size > 0) throw new NotEmpty(`directory "${name}" is not empty`);
    directory.discard(name);
    directory.notify();
    node.notify();
    this.#unnamed(node);
  }

  truncate(file: number, size: number): void {
    const open = this.#open(file);
    this.#modify('truncating');
    if (!open.writeable) throw new PermissionDenied(`handle ${file} of '${this.#label}' is not open for writing`);
    if (!(open.node instanceof File)) throw new InvalidHandle(`handle ${file} of '${this.#label}' is not a file`);
    if (!Number.isSafeInteger(size) || size < 0) throw new TypeError(`invalid file size ${size}`);
    open.node.data.truncate(size);
    open.written = true;
  }

  move(fromDir: number, fromName: string, toDir: number, toName: string): void {
    const from = this.#directory(fromDir);
    const to = this.#directory(toDir);
    checkName(checkedString(fromName, 'name'));
    checkName(checkedString(toName, 'name'));
    this.#modify(`moving "${fromName}"`);
    const node = from.entries.get(fromName);
    if (node === undefined) throw new LookupFailed(`"${fromName}" does not exist`);
    const replaced = to.entries.get(toName);
    if (replaced === node) return;
    if (node instanceof Directory && to.within(node)) throw new InvalidName(`cannot move directory "${fromName}" into itself`);
    if (replaced !== undefined) {
      if ((replaced instanceof Directory) !== (node instanceof Directory)) throw new NodeAlreadyExists(`"${toName}" exists and is a ${replaced.type}`);
      if (replaced instanceof Directory && replaced.entries.size > 0) throw new NotEmpty(`directory "${toName}" is not empty`);
      to.discard(toName);
      replaced.notify();
      this.#unnamed(replaced);
    }
    from.discard(fromName);
    to.adopt(toName, node);
    from.notify();
    if (to !== from) to.notify();
    node.notify();
  }

  link(fromDir: number, fromName: string, toDir: number, toName: string): void {
    const from = this.#directory(fromDir);
    const to = this.#directory(toDir);
    checkName(checkedString(fromName, 'name'));
    checkName(checkedString(toName, 'name'));
    this.#modify(`linking "${fromName}"`);
    const node = from.entries.get(fromName);
    if (node === undefined) throw new LookupFailed(`"${fromName}" does not exist`);
    if (node instanceof Directory) throw new PermissionDenied(`"${fromName}" is a directory: it cannot have further names`);
    if (to.entries.has(toName)) throw new NodeAlreadyExists(`"${toName}" exists already`);
    this.#tree.newName(toName);
    to.adopt(toName, node);
    to.notify();
    node.notify();
  }

  numEntries(dir: number): number {
    return this.#directory(dir).entries.size;
  }

  packetStream(): DataspaceHandle {
    return this.#dataspace;
  }

  sigh(handler: SignalContextCapability): void {
    this.#sigh = handler;
  }

  ping(): void {}

  /* ------------------------------------------------------------ session life */

  upgrade(ram: number): void {
    this.#budget += ram;
    this.#tree.space.grant(ram);
  }

  /** Ends the session: handles closed, stream closed and freed, its grant leaves the file system. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#sink.close();
    for (const handle of [...this.#handles.keys()]) this.closeHandle(handle);
    this.#tree.space.revoke(this.#budget);
    /* The parent takes the donation back once this returns: memory kept for later writes goes back to core first. */
    await this.#tree.store.trim();
    await this.#env.pd.free(this.#dataspace.id);
  }
}
