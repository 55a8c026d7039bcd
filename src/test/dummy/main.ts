/*
 * dummy: a component driven entirely by its config ROM, the actor of
 * Genode's init test (spec/init.md §6, repos/os/src/app/dummy).
 *
 * On start and on every new config version it executes the config's sub
 * nodes in document order: log, exit, sleep, sleep_forever,
 * create_log_connections, destroy_log_connections, log_service,
 * consume_ram, consume_caps, handle_yield_requests. Unknown nodes are
 * ignored. A config whose `version` equals the previous one is ignored.
 * Heartbeats are answered by the base library while the dummy is idle, so
 * a sleeping dummy misses them, as in Genode.
 *
 *   <start name="dummy">
 *     <config version="1"> <log string="hello"/> <consume_ram amount="1M"/> </config>
 *   </start>
 */

import { XmlParseError, type AttachedRom, type Env, type XmlNode } from 'nido';
import { BlockingTimer } from './blocking_timer.js';
import { CapConsumer } from './cap_consumer.js';
import { LogConnections } from './log_connections.js';
import { LogService } from './log_service.js';
import { RamConsumer } from './ram_consumer.js';
import { synchronousLog, type LogLine } from './synchronous_log.js';

/* Genode's dummy reads the version and log strings as String<50>. */
const MAX_STRING = 49;

/* What executing a node means for the nodes after it. */
type Outcome = 'continue' | 'stop';

class Main {
  readonly #env: Env;
  readonly #log: LogLine;
  readonly #config: AttachedRom;
  readonly #timer: BlockingTimer;
  readonly #ram: RamConsumer;
  readonly #caps: CapConsumer;
  readonly #logService: LogService;
  #logConnections: LogConnections | undefined;
  #configCount = 0;
  #version = '';
  #yieldHandlerInstalled = false;
  /** After `<exit/>` or `<sleep_forever/>` nothing runs any more. */
  #stopped = false;
  /** Config updates and yield requests run one after the other, like signal handlers on one entrypoint. */
  #queue: Promise<void> = Promise.resolve();

  constructor(env: Env, config: AttachedRom) {
    this.#env = env;
    this.#log = synchronousLog(env);
    this.#config = config;
    this.#timer = new BlockingTimer(env);
    this.#ram = new RamConsumer(env, this.#log);
    this.#caps = new CapConsumer(env, this.#log);
    this.#logService = new LogService(env, this.#log, this.#timer);
  }

  start(): void {
    this.#config.onChange(() => this.#enqueue(async () => {
      await this.#config.update();
      await this.#handleConfig();
    }));
    this.#enqueue(() => this.#handleConfig());
  }

  #enqueue(work: () => Promise<void>): void {
    this.#queue = this.#queue.then(async () => {
      if (this.#stopped) return;
      try {
        await work();
      } catch (error) {
        this.#env.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      }
    });
  }

  async #handleConfig(): Promise<void> {
    let config: XmlNode;
    try {
      config = this.#config.xml;
    } catch (error) {
      if (!(error instanceof XmlParseError)) throw error;
      this.#env.error(`malformed config: ${error.message}`);
      return;
    }
    const version = config.stringAttribute('version', '').slice(0, MAX_STRING);
    if (this.#configCount > 0 && version === this.#version) return;
    this.#configCount++;
    this.#version = version;
    if (version !== '') await this.#log(`config ${this.#configCount}: ${version}`);
    for (const node of config.children()) {
      if ((await this.#execute(node)) === 'stop') {
        this.#stopped = true;
        return;
      }
    }
  }

  async #execute(node: XmlNode): Promise<Outcome> {
    switch (node.type) {
      case 'log':
        await this.#log(node.stringAttribute('string', '').slice(0, MAX_STRING));
        break;
      case 'exit':
        this.#env.exit(0);
        return 'stop';
      case 'sleep':
        await this.#timer.block(node.naturalAttribute('ms', 100));
        break;
      case 'sleep_forever':
        await this.#timer.blockForever();
        return 'stop';
      case 'create_log_connections':
        await this.#destroyLogConnections();
        this.#logConnections = await LogConnections.create(this.#env, this.#log, node);
        break;
      case 'destroy_log_connections':
        await this.#destroyLogConnections();
        break;
      case 'log_service':
        await this.#logService.configure(node);
        break;
      case 'consume_ram':
        await this.#ram.consume(node.numBytesAttribute('amount', 0));
        break;
      case 'consume_caps':
        await this.#caps.consume(node.naturalAttribute('amount', 0));
        break;
      case 'handle_yield_requests':
        this.#installYieldHandler();
        break;
    }
    return 'continue';
  }

  async #destroyLogConnections(): Promise<void> {
    const connections = this.#logConnections;
    this.#logConnections = undefined;
    await connections?.destroy();
  }

  /* Installed once; it stays for every later config (spec/init.md §3.7). */
  #installYieldHandler(): void {
    if (this.#yieldHandlerInstalled) return;
    this.#yieldHandlerInstalled = true;
    void this.#env.parent.yieldSigh(this.#env.ep.signalHandler(() => this.#enqueue(async () => {
      await this.#log('got yield request');
      await this.#ram.release();
      await this.#caps.release();
      await this.#env.parent.yieldResponse();
    })));
  }
}

export async function construct(env: Env): Promise<void> {
  new Main(env, await env.config()).start();
}
