/*
 * One debug target: a monitored component's worker as a debugger sees it
 * (docs/debugging.md). Core relays CDP messages between one debugger's
 * WebSocket and the worker's inspector session, and adds what the
 * debugger cannot know:
 *
 * - the source map of the component's bundle (Debugger.scriptParsed of
 *   the component's script gets a data: URL of it, with the sources'
 *   text), so that the debugger shows and breaks in the TypeScript;
 * - the monitor's policy: `wait` holds the start until the debugger says
 *   Runtime.runIfWaitingForDebugger; `stop` pauses the component when a
 *   debugger enables its Debugger domain;
 * - a closed debugger leaves the component running as before: core
 *   disables the domains it enabled, which removes its breakpoints and
 *   resumes a paused program.
 */

import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MonitorPolicy } from '../session/pd/interface.js';

/** The component's script as the runtime evaluates it: its sourceURL and its bundle's source map (JSON). */
export interface TargetScript {
  readonly file: string;
  readonly map: string | undefined;
  /* The component's own module among the map's sources (named as the binary there) and its file (`counter.ts`). */
  readonly main: number;
  readonly mainFile: string;
  readonly bootDir: string;
}

/** A debugger's end of the relay (a WebSocket). */
export interface DebuggerConnection {
  send(text: string): void;
  close(): void;
}

export interface TargetOptions {
  readonly id: string;
  readonly label: string;
  readonly sessionId: string;
  readonly policy: MonitorPolicy;
  readonly script: TargetScript | undefined;
  /** Sends a CDP message to the worker. */
  send(message: string): void;
  /** The target ended (its worker is gone). */
  gone(): void;
}

/* Ids of the messages core itself sends to the worker: far above a debugger's, whose answers are not passed on. */
const OWN_IDS = 2 ** 40;
/* Where the shipped components' sources are (src/..., as their maps name them): the installation, two levels above dist/core/. */
const nidoRoot = fileURLToPath(new URL('../..', import.meta.url));
/* What a debugger may have enabled: disabled when it leaves (Debugger.disable also removes its breakpoints and resumes). */
const DOMAINS = ['Debugger', 'Runtime', 'Profiler', 'HeapProfiler'];

interface CdpMessage {
  readonly id?: number;
  readonly method?: string;
  readonly params?: Record<string, unknown>;
}

export class InspectorTarget {
  readonly id: string;
  readonly label: string;
  readonly #options: TargetOptions;
  #connection: DebuggerConnection | undefined;
  #ownId = OWN_IDS;
  /* The id of the debugger's Debugger.enable, whose answer is when `stop` pauses the program. */
  #enableId: number | undefined;
  #release: () => void = () => undefined;
  readonly released: Promise<void>;
  #ended = false;
  #sourceMapUrl: string | undefined;

  constructor(options: TargetOptions) {
    this.#options = options;
    this.id = options.id;
    this.label = options.label;
    this.released = options.policy.wait ? new Promise((resolve) => { this.#release = resolve; }) : Promise.resolve();
  }

  /** Whether a debugger is attached. */
  get attached(): boolean {
    return this.#connection !== undefined;
  }

  /** The component's script's sourceURL (its binary's name). */
  get file(): string | undefined {
    return this.#options.script?.file;
  }

  /** Attaches a debugger; false if one is attached already (one at a time, as Node). */
  connect(connection: DebuggerConnection): boolean {
    if (this.#connection !== undefined || this.#ended) return false;
    this.#connection = connection;
    return true;
  }

  fromDebugger(text: string): void {
    if (this.#connection === undefined) return;
    let message: CdpMessage;
    try {
      message = JSON.parse(text) as CdpMessage;
    } catch {
      return;
    }
    if (message.method === 'Runtime.runIfWaitingForDebugger') this.#release();
    if (message.method === 'Debugger.enable' && this.#options.policy.stop) this.#enableId = message.id;
    this.#options.send(text);
  }

  fromWorker(text: string): void {
    const connection = this.#connection;
    if (connection === undefined) return;
    const message = JSON.parse(text) as CdpMessage;
    if (message.id !== undefined && message.id >= OWN_IDS) return;
    if (message.method === 'Debugger.scriptParsed' && this.#options.script !== undefined
      && message.params?.['url'] === this.#options.script.file) {
      const sourceMapURL = this.#sourceMap();
      if (sourceMapURL !== undefined) {
        connection.send(JSON.stringify({ ...message, params: { ...message.params, sourceMapURL } }));
        return;
      }
    }
    connection.send(text);
    if (message.id !== undefined && message.id === this.#enableId) {
      this.#enableId = undefined;
      this.#own('Debugger.pause');
    }
  }

  /** The debugger left: the component runs on as before. */
  disconnect(): void {
    if (this.#connection === undefined) return;
    this.#connection = undefined;
    this.#enableId = undefined;
    for (const domain of DOMAINS) this.#own(`${domain}.disable`);
    this.#release();
  }

  /** The worker is gone (the component ended or was killed). */
  ended(): void {
    if (this.#ended) return;
    this.#ended = true;
    const connection = this.#connection;
    this.#connection = undefined;
    connection?.close();
    this.#release();
    this.#options.gone();
  }

  #own(method: string): void {
    this.#options.send(JSON.stringify({ id: ++this.#ownId, method }));
  }

  /*
   * The bundle's map as a data: URL, made once: its sources as file: URLs
   * where they are (the boot directory; a shipped component's src/ in
   * the installation), with their text, so that a debugger needs nothing
   * else to show them and an editor (VS Code) finds its files.
   */
  #sourceMap(): string | undefined {
    if (this.#sourceMapUrl !== undefined) return this.#sourceMapUrl;
    const script = this.#options.script;
    if (script?.map === undefined) return undefined;
    const map = JSON.parse(script.map) as { sources: string[]; sourcesContent?: (string | null)[] };
    const sourcesContent: (string | null)[] = [];
    const sources = map.sources.map((named, index) => {
      const source = index === script.main ? script.mainFile : named;
      const candidates = isAbsolute(source) ? [source] : [join(script.bootDir, source), join(nidoRoot, source)];
      for (const path of candidates) {
        try {
          sourcesContent[index] = readFileSync(path, 'utf8');
          return pathToFileURL(path).href;
        } catch {
          /* not there: the next place */
        }
      }
      sourcesContent[index] = null;
      return source;
    });
    const json = JSON.stringify({ ...map, sources, sourcesContent });
    this.#sourceMapUrl = `data:application/json;charset=utf-8;base64,${Buffer.from(json).toString('base64')}`;
    return this.#sourceMapUrl;
  }
}
