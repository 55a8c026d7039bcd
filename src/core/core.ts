/*
 * Core: the main thread of the Node process, the only code that touches
 * the host. It offers core's services (ROM, LOG, PD, CPU, Timer, Report),
 * gives all of its RAM and capability budget to init, and starts init
 * from the ROM module "init" with core as its parent.
 */

import { MessageChannel } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { Capability } from '../base/capability.js';
import { Ipc } from '../base/ipc.js';
import type { RootComponent } from '../base/root_component.js';
import type { Port } from '../base/port.js';
import { Parent, ENV_CPU, ENV_LOG, ENV_PD } from '../session/parent/interface.js';
import { Account } from './account.js';
import { CoreParent } from './core_parent.js';
import { cpuService } from './cpu_service.js';
import { logService, logLines, type LogOutput } from './log_service.js';
import { PdSession, pdService, type PdEnvironment } from './pd/pd_service.js';
import { WorkerPool } from './pd/process.js';
import { reportService } from './report_service.js';
import { RomModules, romService } from './rom_service.js';
import { ConfigRom } from './config_program.js';
import { timerService } from './timer_service.js';
import { terminalService, type TerminalService } from './terminal_service.js';
import { DEFAULT_SCREEN, screenServices, type Screen } from './screen_service.js';
import type { Mode } from '../session/framebuffer/interface.js';
import type { HostConsole } from './host_console.js';
import { Pd, type ExitInfo } from '../session/pd/interface.js';
import type { Inspector } from './inspector.js';

export interface CoreOptions {
  readonly bootDir: string;
  readonly reportDir: string;
  /** RAM (bytes) and caps given to init. */
  readonly ram: number;
  readonly caps: number;
  readonly output: LogOutput;
  /** Pre-started protection domains kept ready (0 disables the pool). */
  readonly poolSize?: number;
  /** Called when init exits. */
  readonly initExited?: (code: number) => void;
  /** The host's console for the Terminal service; without it, Terminal sessions are denied. */
  readonly console?: HostConsole;
  /** Hears what changes in the system (core's dashboard, src/dashboard/). */
  readonly observer?: CoreObserver;
  /** The screen's mode (default DEFAULT_SCREEN, 1024x768). */
  readonly screen?: Mode;
  /** `nido run --inspect`'s inspector, opened before boot (docs/debugging.md): monitored PDs become its targets. */
  readonly inspector?: Inspector;
}

/** What core tells an observer: PDs born, started, ended, closed; sessions of its services; reports. */
export interface CoreObserver {
  pdChanged(pd: PdSession): void;
  servicesChanged(): void;
  reported(label: string, content: string): void;
}

const componentDir = fileURLToPath(new URL('../components', import.meta.url));
const programDir = fileURLToPath(new URL('../wasm', import.meta.url));
const LIVENESS_SLOTS = 4096;

const RED = '\x1b[31m';
const BLUE = '\x1b[34m';
const RESET = '\x1b[0m';

export class Core {
  readonly ipc: Ipc;
  readonly coreAccount = new Account('core');
  readonly #options: CoreOptions;
  readonly #services = new Map<string, RootComponent<unknown>>();
  readonly #pool: WorkerPool;
  readonly #roms: RomModules;
  readonly #liveness = new Int32Array(new SharedArrayBuffer(4 * LIVENESS_SLOTS));
  #pds = 0;
  #init: PdSession | undefined;
  #initParent: CoreParent | undefined;
  readonly #pdEnv: PdEnvironment;
  /** The Terminal service on the host's console (the dashboard taps its sessions). */
  readonly terminals: TerminalService;
  /** The screen behind the Framebuffer and Input services (the dashboard shows it). */
  readonly screen: Screen;

  constructor(options: CoreOptions) {
    this.#options = options;
    this.ipc = new Ipc({
      pd: 0,
      channel: () => new MessageChannel() as unknown as { port1: Port; port2: Port },
      defer: (work) => void setImmediate(work),
      liveness: this.#liveness,
    });
    Atomics.store(this.#liveness, 0, 0);
    this.#pool = new WorkerPool(options.poolSize ?? 2);
    this.#roms = new RomModules(options.bootDir, componentDir, programDir, new ConfigRom((text) => this.error(text)));
    const pdEnv: PdEnvironment = {
      ipc: this.ipc,
      pool: this.#pool,
      liveness: this.#liveness,
      ended: (label, info) => this.#ended(label, info),
      newPdId: () => ++this.#pds,
      sessions: new Set(),
      bootDir: options.bootDir,
      changed: options.observer === undefined ? undefined : (pd) => options.observer?.pdChanged(pd),
      inspector: options.inspector,
    };
    this.terminals = terminalService(this.ipc, options.console);
    const screen = screenServices(this.ipc, options.screen ?? DEFAULT_SCREEN);
    this.screen = screen.screen;
    const services: [string, RootComponent<unknown>][] = [
      ['ROM', romService(this.ipc, this.#roms) as RootComponent<unknown>],
      ['LOG', logService(this.ipc, options.output) as RootComponent<unknown>],
      ['PD', pdService(pdEnv) as RootComponent<unknown>],
      ['CPU', cpuService(this.ipc) as RootComponent<unknown>],
      ['Timer', timerService(this.ipc, performance.now()) as RootComponent<unknown>],
      ['Report', reportService(this.ipc, options.reportDir, options.observer?.reported.bind(options.observer)) as RootComponent<unknown>],
      ['Terminal', this.terminals as RootComponent<unknown>],
      ['Framebuffer', screen.framebuffer as RootComponent<unknown>],
      ['Input', screen.input as RootComponent<unknown>],
    ];
    for (const [name, root] of services) {
      this.#services.set(name, root);
      if (options.observer !== undefined) root.watchers.add(() => options.observer?.servicesChanged());
    }
    this.#pdEnv = pdEnv;
  }

  /** Core's services by name (their sessions are what core serves). */
  get services(): ReadonlyMap<string, RootComponent<unknown>> {
    return this.#services;
  }

  /** Core's own messages: unlabelled, as in Genode. */
  log(text: string): void {
    void this.#options.output.line(text);
  }

  warning(text: string): void {
    this.log(`${BLUE}Warning: ${text}${RESET}`);
  }

  error(text: string): void {
    this.log(`${RED}Error: ${text}${RESET}`);
  }

  #ended(label: string, info: ExitInfo): void {
    for (const line of logLines(label, `${RED}Error: ${info.message}${RESET}`)) void this.#options.output.line(line);
  }

  /** Starts init with the whole budget. */
  async boot(): Promise<void> {
    const { ram, caps } = this.#options;
    /* init's worker boots while core prepares init's sessions and loads its binary. */
    this.#pool.prepare(ram);
    this.coreAccount.ramQuota = ram;
    this.coreAccount.capQuota = caps;
    const init = new PdSession(this.#pdEnv, 'init');
    init.account.ref = this.coreAccount;
    this.coreAccount.transfer(init.account, ram, caps);
    this.#init = init;
    const service = (name: string) => this.#services.get(name) as RootComponent<unknown>;
    const [log, cpu, binary] = await Promise.all([
      service('LOG').session('label="init", ram_quota=8192, cap_quota=2'),
      service('CPU').session('label="init", ram_quota=32768, cap_quota=8'),
      service('ROM').session('label="init", ram_quota=8192, cap_quota=2'),
    ]);
    const envCaps = new Map<number, Capability>([
      [ENV_PD, this.ipc.manage(Pd, init)],
      [ENV_CPU, cpu.cap],
      [ENV_LOG, log.cap],
    ]);
    const parent = new CoreParent({
      services: this.#services,
      coreAccount: this.coreAccount,
      childAccount: init.account,
      envCaps,
      exit: (code) => this.#options.initExited?.(code),
      warning: (text) => this.warning(text),
    }, 'init');
    this.#initParent = parent;
    await init.start(binary.cap, this.ipc.manage(Parent, parent), 'init');
    /* Only now: workers booting for the pool would slow down init's own start (the machine may have two cores). */
    this.#pool.fill();
    void init.exited().then((info) => {
      if (info.reason !== 'killed' && info.reason !== 'exit') this.#options.initExited?.(info.code || 1);
    });
  }

  #shutdown: Promise<void> | undefined;

  /** Ends everything: init's sessions at core, init's PD, the pool (once; a second call waits for the first). */
  shutdown(): Promise<void> {
    this.#shutdown ??= this.#shutdownOnce();
    return this.#shutdown;
  }

  async #shutdownOnce(): Promise<void> {
    /* Newest first: children before their parents. */
    for (const pd of [...this.#pdEnv.sessions].reverse()) pd.close();
    await this.#initParent?.closeAll();
    this.#roms.close();
    await this.#pool.close();
    await this.#options.inspector?.close();
  }
}
