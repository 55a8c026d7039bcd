/*
 * The VFS services of a real component, from its Env: sessions are opened
 * asynchronously while the VFS is built and then called through
 * synchronous clients (env.syncClient), because a VFS operation must
 * answer before the program it serves continues.
 */

import {
  ENV_LOG, FileSystemConnection, Log, Rom, Terminal, Timer,
  type Capability, type Connection, type DataspaceHandle, type Env, type SignalContextCapability, type SyncClient,
} from 'nido';
import { MeteredRamAccount } from './ram_account.js';
import type { Clock, FileSystemMount, FileSystemOptions, LogSink, RomModule, TerminalDevice, VfsServices } from './services.js';

const EMPTY = new Uint8Array(0);

function view(dataspace: DataspaceHandle | undefined): Uint8Array {
  return dataspace === undefined ? EMPTY : new Uint8Array(dataspace.buffer, 0, dataspace.size);
}

/*
 * A ROM session: the content switches to a new version when the ROM's
 * signal is handled (whenever the entrypoint runs), and updateInPlace
 * asks core synchronously.
 */
class SessionRomModule implements RomModule {
  readonly #env: Env;
  readonly #connection: Connection<Rom>;
  readonly #sync: SyncClient<Rom>;
  #dataspace: DataspaceHandle | undefined;
  #content: Uint8Array;
  #signal: SignalContextCapability | undefined;

  private constructor(env: Env, connection: Connection<Rom>, dataspace: DataspaceHandle | undefined) {
    this.#env = env;
    this.#connection = connection;
    this.#sync = env.syncClient(Rom, connection.cap);
    this.#dataspace = dataspace;
    this.#content = view(dataspace);
  }

  static async open(env: Env, label: string): Promise<SessionRomModule> {
    const connection = await env.connect(Rom, { label });
    const module = new SessionRomModule(env, connection, await connection.client.dataspace());
    module.#signal = env.ep.signalHandler(() => {
      module.#refresh().catch((error: unknown) => {
        env.warning(`vfs: ROM "${label}" not refreshed: ${error instanceof Error ? error.message : String(error)}`);
      });
    });
    await connection.client.sigh(module.#signal);
    return module;
  }

  async #refresh(): Promise<void> {
    this.#dataspace = await this.#connection.client.dataspace();
    this.#content = view(this.#dataspace);
  }

  content(): Uint8Array {
    return this.#content;
  }

  updateInPlace(): void {
    if (this.#dataspace !== undefined && this.#sync.update()) this.#content = new Uint8Array(this.#dataspace.buffer);
  }

  async close(): Promise<void> {
    if (this.#signal !== undefined) this.#env.ep.dissolve(this.#signal);
    await this.#connection.close();
  }
}

/*
 * `<log/>` without a label writes to the component's own LOG session, so
 * its lines carry the component's label as in Genode; with a label, to a
 * LOG session of that label.
 */
async function openLog(env: Env, label: string): Promise<LogSink> {
  if (label === '') {
    /* a copy of the capability of the component's LOG session, released with the VFS */
    const cap = (await env.parent.sessionCap(ENV_LOG)) as Capability<Log>;
    const own = env.syncClient(Log, cap);
    return { write: (line) => own.write(line), close: async () => env.release(cap) };
  }
  const connection = await env.connect(Log, { label });
  const log = env.syncClient(Log, connection.cap);
  return { write: (line) => log.write(line), close: () => connection.close() };
}

async function openClock(env: Env): Promise<Clock> {
  const connection = await env.connect(Timer);
  const timer = env.syncClient(Timer, connection.cap);
  /* no wall clock in Nido: the epoch at boot (rtc_file_system.ts) */
  return {
    now: () => BigInt(timer.elapsedUs()) * 1000n,
    sleep: (ms) => timer.msleep(ms),
    close: () => connection.close(),
  };
}

async function openTerminal(env: Env, label: string): Promise<TerminalDevice> {
  const connection = await env.connect(Terminal, { label });
  const terminal = env.syncClient(Terminal, connection.cap);
  return {
    read: (max) => terminal.read(max),
    write: (data) => terminal.write(data),
    avail: () => terminal.avail(),
    eof: () => terminal.eof(),
    size: () => terminal.size(),
    close: () => connection.close(),
  };
}

async function openFileSystem(env: Env, options: FileSystemOptions): Promise<FileSystemMount> {
  const connection = await FileSystemConnection.open(env, {
    label: options.label, writeable: options.writeable, txBufSize: options.bufferSize, ram: options.ram,
  });
  return {
    session: connection.blocking,
    donate: (ram) => {
      try {
        connection.upgradeSync(ram);
        return true;
      } catch (error) {
        env.warning(`vfs: File_system session "${options.label}" not upgraded by ${ram} bytes: ${error instanceof Error ? error.message : String(error)}`);
        return false;
      }
    },
    close: () => connection.close(),
  };
}

/** The services of `env` (see services.ts). */
export function envServices(env: Env): VfsServices {
  const ramAccount = new MeteredRamAccount();
  return {
    openRom: (label) => SessionRomModule.open(env, label),
    openLog: (label) => openLog(env, label),
    openClock: () => openClock(env),
    openFileSystem: (options) => openFileSystem(env, options),
    openTerminal: (label) => openTerminal(env, label),
    ramAccount,
    warning: (text) => env.warning(text),
    /* The file data is garbage once the VFS is gone; the meter gives it back. */
    close: async () => undefined,
  };
}
