/*
 * A WASI system set up from a component's config: what runWasm does
 * before it instantiates a command, and what a driver of a WASI reactor
 * (ruby.wasm's RubyVM) needs before it instantiates its module. The
 * `<arg>`, `<env>` and `<libc>` settings are read, the Timer session for
 * the clocks opened, the entropy source and the standard streams opened
 * on the VFS; `close()` releases all of it again.
 *
 *   const opened = await openWasiSystem(env, config.xml, vfs, { name: 'ruby', memoryLimit });
 *   try {
 *     const instance = await instantiateWasm(module, { wasi_snapshot_preview1: opened.system.wasiImport });
 *     opened.system.initialize(instance);
 *   } finally {
 *     await opened.close();
 *   }
 */

import { ServiceDenied } from '../../base/errors.js';
import type { Capability } from '../../base/capability.js';
import type { ConnectOptions } from '../../base/connection.js';
import type { Interface, SyncClient } from '../../base/interface.js';
import { Timer, TIMER_SESSION_CAPS, TIMER_SESSION_RAM } from '../../session/timer/interface.js';
import type { XmlNode } from '../../util/xml.js';
import { VfsError, type Vfs } from '../vfs/interface.js';
import { Clocks, parseRtc } from './clock.js';
import { cryptoEntropy, fileEntropy, type Entropy } from './entropy.js';
import { libcConfig, type LibcConfig } from './libc_config.js';
import { openStandardStreams } from './standard_streams.js';
import { WasiSystem } from './wasi_system.js';

/** The part of a component's Env the C runtime uses (the whole Env fits). */
export interface LibcEnv {
  connect<T>(iface: Interface<T>, options?: ConnectOptions): Promise<{ readonly cap: Capability<T>; close(): Promise<void> }>;
  syncClient<T>(iface: Interface<T>, cap: Capability<T>): SyncClient<T>;
  warning(...parts: unknown[]): void;
}

export interface OpenWasiSystemOptions {
  /** The program's name: argv[0] when the config has no `<arg>`, and named in warnings. */
  readonly name?: string;
  /** The most bytes of linear memory the program may grow to; beyond it the program ends with OutOfRam. */
  readonly memoryLimit?: number;
}

/** A WASI system with what it was made from; `close()` once the program ended. */
export interface OpenedWasiSystem {
  readonly system: WasiSystem;
  /** The libc settings of the config (argv, environment, streams, cwd). */
  readonly config: LibcConfig;
  /** Closes every descriptor, the entropy file and the Timer session. */
  close(): Promise<void>;
}

function readRtc(vfs: Vfs, path: string, warn: (message: string) => void): bigint | undefined {
  try {
    const handle = vfs.open(path, { read: true, write: false, create: false, exclusive: false, truncate: false, append: false });
    try {
      const buffer = new Uint8Array(64);
      const length = handle.read(buffer, 0);
      const time = parseRtc(new TextDecoder().decode(buffer.subarray(0, length)));
      if (time === undefined) warn(`libc: rtc "${path}" holds no time of the form YYYY-MM-DD HH:MM:SS; the clock starts at the epoch`);
      return time;
    } finally {
      handle.close();
    }
  } catch (error) {
    if (!(error instanceof VfsError)) throw error;
    warn(`libc: cannot read rtc "${path}" (${error.message}); the clock starts at the epoch`);
    return undefined;
  }
}

function entropy(vfs: Vfs, config: LibcConfig): { entropy: Entropy; close(): void } {
  if (config.rng === undefined) return { entropy: cryptoEntropy(), close: () => {} };
  const handle = vfs.open(config.rng, { read: true, write: false, create: false, exclusive: false, truncate: false, append: false });
  return { entropy: fileEntropy(handle), close: () => handle.close() };
}

/**
 * Sets up a WasiSystem with the libc settings of `config` on `vfs`.
 * Throws LibcConfigError for a bad config. Opens a Timer session for the
 * program's clocks; without a Timer route the program runs without clocks
 * (with a warning).
 */
export async function openWasiSystem(env: LibcEnv, config: XmlNode, vfs: Vfs, options: OpenWasiSystemOptions = {}): Promise<OpenedWasiSystem> {
  const name = options.name ?? 'program';
  const libc = libcConfig(config, options.name);
  const warn = (message: string) => env.warning(message);

  let timer: { readonly cap: Capability<Timer>; close(): Promise<void> } | undefined;
  try {
    timer = await env.connect(Timer, { label: 'libc', ram: TIMER_SESSION_RAM, caps: TIMER_SESSION_CAPS });
  } catch (error) {
    if (!(error instanceof ServiceDenied)) throw error;
    warn(`libc: no Timer session (${error.message}); ${name} runs without monotonic clock and sleep`);
  }
  let rng: { entropy: Entropy; close(): void } | undefined;
  try {
    rng = entropy(vfs, libc);
    const clocks = new Clocks(timer === undefined ? undefined : env.syncClient(Timer, timer.cap),
      () => libc.rtc === undefined ? undefined : readRtc(vfs, libc.rtc, warn));
    const system = new WasiSystem({
      vfs, clocks, entropy: rng.entropy, args: libc.args, environ: libc.environ, memoryLimit: options.memoryLimit,
      standardStreams: openStandardStreams(vfs, libc, warn), warn,
    });
    const opened = rng;
    return {
      system,
      config: libc,
      close: async () => {
        try {
          system.close();
        } finally {
          opened.close();
          await timer?.close();
        }
      },
    };
  } catch (error) {
    rng?.close();
    await timer?.close();
    throw error;
  }
}
