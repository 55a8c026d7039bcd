/*
 * test-init: the scripted driver of Genode's init test (spec/init.md §7,
 * repos/os/src/test/init).
 *
 * Its config is a list of steps, executed in order from step 0; each
 * executed step is logged as `step N (TYPE)`. It publishes the config of
 * the init under test as the report `init.config`, reads init's state
 * report as the ROM `state`, and offers the LOG service that init and its
 * children write to, so that it can wait for their messages. It exits with
 * 0 after the last step, with 1 on an unexpected step.
 *
 *   <config>
 *     <init_config version="1"> <start name="dummy"> ... </start> </init_config>
 *     <expect_log string="[init -> dummy] config 1: 1"/>
 *     <expect_init_state> <node name="child"> <attribute name="name" value="dummy"/> </node> </expect_init_state>
 *   </config>
 */

import {
  Report, Timer, XmlGenerator, XmlParseError, parseXml,
  type AttachedRom, type Connection, type Env, type XmlNode,
} from 'nido';
import { conditionsHold } from './conditions.js';
import { announceLogService, type MessageOutcome } from './log_service.js';

/* Large enough for any init config of the test; init reads it as its config ROM. */
const INIT_CONFIG_BUFFER = 64 * 1024;
const DEFAULT_SLEEP_MS = 250;
/* Genode's test reads versions as String<64> and messages as String<80>. */
const MAX_VERSION = 63;
const MAX_MESSAGE = 79;
const WARNING_COLOR = '\x1b[34m';

const encoder = new TextEncoder();

class Main {
  readonly #env: Env;
  readonly #steps: XmlNode[];
  readonly #state: AttachedRom;
  readonly #initConfig: Connection<Report>;
  readonly #timer: Connection<Timer>;
  #current = 0;
  #timerScheduled = false;
  #expectLog = false;
  #expectedMessage = '';
  #finished = false;

  constructor(env: Env, config: XmlNode, state: AttachedRom, initConfig: Connection<Report>, timer: Connection<Timer>) {
    this.#env = env;
    this.#steps = config.children();
    this.#state = state;
    this.#initConfig = initConfig;
    this.#timer = timer;
  }

  async start(): Promise<void> {
    await this.#timer.client.sigh(this.#env.ep.signalHandler(() => this.#handleTimer()));
    this.#state.onChange(() => {
      void this.#state.update().then(() => this.#execute());
    });
    if (this.#steps.length === 0) this.#finish(0);
    this.#execute();
    /* Announced after the first steps ran, as in Genode: init cannot log into a step it was not configured by. */
    announceLogService(this.#env, (message) => this.#handleMessage(message));
  }

  #finish(code: number): void {
    this.#finished = true;
    this.#env.exit(code);
  }

  #advance(): void {
    this.#current++;
    if (this.#current >= this.#steps.length) this.#finish(0);
  }

  /* Runs steps from the current one until one has to wait. */
  #execute(): void {
    while (!this.#finished) {
      const step = this.#steps[this.#current];
      if (step === undefined) return;
      this.#env.log(`step ${this.#current} (${step.type})`);
      switch (step.type) {
        case 'expect_log':
          this.#expect(step.stringAttribute('string', ''));
          return;
        case 'expect_warning':
          this.#expect(step.stringAttribute('string', '') + WARNING_COLOR + step.stringAttribute('colored', ''));
          return;
        case 'expect_init_state':
          if (!this.#initStateMatches(step)) return;
          break;
        case 'init_config':
          this.#publishInitConfig(step);
          break;
        case 'message':
          this.#env.log(`\n--- ${step.stringAttribute('string', '').slice(0, MAX_MESSAGE)} ---`);
          break;
        case 'nop':
          break;
        case 'sleep':
          if (!this.#timerScheduled) {
            this.#timerScheduled = true;
            void this.#timer.client.triggerOnce(step.naturalAttribute('ms', DEFAULT_SLEEP_MS) * 1000);
          }
          return;
        default:
          this.#env.error(`unexpected step: ${step.raw()}`);
          this.#finish(1);
          return;
      }
      this.#advance();
    }
  }

  #expect(message: string): void {
    this.#expectedMessage = message;
    this.#expectLog = true;
  }

  #handleMessage(message: string): MessageOutcome {
    if (this.#finished || !this.#expectLog || message !== this.#expectedMessage) return 'ignored';
    this.#expectLog = false;
    this.#advance();
    this.#execute();
    return 'expected';
  }

  #handleTimer(): void {
    if (this.#finished) return;
    if (this.#steps[this.#current]?.type !== 'sleep') {
      this.#env.error('got spurious timeout signal');
      this.#finish(1);
      return;
    }
    this.#timerScheduled = false;
    this.#advance();
    this.#execute();
  }

  #initState(): XmlNode {
    try {
      return this.#state.xml;
    } catch (error) {
      if (!(error instanceof XmlParseError)) throw error;
      this.#env.error(`malformed init state: ${error.message}`);
      return parseXml('<empty/>');
    }
  }

  #initStateMatches(step: XmlNode): boolean {
    if (conditionsHold(step, this.#initState(), (text) => this.#env.error(text))) return true;
    this.#env.warning(`init state does not match: ${this.#state.text.trimEnd()}`);
    this.#env.warning(`expected condition: ${step.raw()}`);
    return false;
  }

  /* The root is <config>, with the step's version and a verbatim copy of its sub nodes. */
  #publishInitConfig(step: XmlNode): void {
    const version = step.stringAttribute('version', '').slice(0, MAX_VERSION);
    const content = XmlGenerator.generate('config', (xml) => {
      if (version !== '') xml.attribute('version', version);
      for (const node of step.children()) xml.appendRaw(node.raw());
    });
    const size = encoder.encode(content).length;
    if (size > INIT_CONFIG_BUFFER) {
      this.#env.error(`init config of ${size} bytes exceeds the report buffer of ${INIT_CONFIG_BUFFER} bytes`);
    }
    void this.#initConfig.client.submit(content);
  }
}

export async function construct(env: Env): Promise<void> {
  const config = await env.config();
  const timer = await env.connect(Timer);
  const initConfig = await env.connect(Report, {
    label: 'init.config',
    ram: INIT_CONFIG_BUFFER + 4096,
    args: { buffer_size: INIT_CONFIG_BUFFER },
  });
  const state = await env.rom('state');
  await new Main(env, config.xml, state, initConfig, timer).start();
}
