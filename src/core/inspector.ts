/*
 * The inspector: `nido run --inspect` lets a Chrome DevTools Protocol
 * client (chrome://inspect, VS Code, `node inspect`) debug the components
 * a monitor put under watch, and no other (docs/debugging.md).
 *
 * V8 is the debugger. Core reaches a worker's isolate from the main
 * thread through Node's inspector and its NodeWorker domain: every worker
 * gets an inspector session, but a debugger's WebSocket reaches only the
 * workers of monitored PDs (targets), which exist only because the
 * monitor, their parent, asked core's PD service for it (Pd.monitor).
 * The HTTP and WebSocket side is inspector_server.ts, one debugger's
 * connection to one target inspector_target.ts.
 */

import { Session } from 'node:inspector';
import { randomUUID } from 'node:crypto';
import type { MonitorPolicy } from '../session/pd/interface.js';
import { InspectorServer } from './inspector_server.js';
import { InspectorTarget, type TargetScript } from './inspector_target.js';

/** What the NodeWorker domain says of a worker it attached a session to. */
interface AttachedToWorker {
  readonly sessionId: string;
  readonly workerInfo: { readonly workerId: string };
}

export interface InspectorOptions {
  /** The port on 127.0.0.1 (0: any free one). */
  readonly port: number;
  /** Core's log (unlabelled lines). */
  log(text: string): void;
}

export class Inspector {
  readonly #session = new Session();
  readonly #server: InspectorServer;
  readonly #log: (text: string) => void;
  /* The NodeWorker session of every worker, by thread id. */
  readonly #workers = new Map<number, string>();
  readonly #workerWaiters = new Map<number, (sessionId: string) => void>();
  readonly #targets = new Map<string, InspectorTarget>();
  readonly #bySession = new Map<string, InspectorTarget>();

  private constructor(options: InspectorOptions) {
    this.#log = options.log;
    this.#server = new InspectorServer(options.port, this);
  }

  /** Serves the inspector on 127.0.0.1 and attaches to every worker from now on (call before any worker boots). */
  static async open(options: InspectorOptions): Promise<Inspector> {
    const inspector = new Inspector(options);
    await inspector.#start();
    return inspector;
  }

  async #start(): Promise<void> {
    const session = this.#session;
    session.connect();
    session.on('NodeWorker.attachedToWorker', (message: { params: AttachedToWorker }) => {
      const { sessionId, workerInfo } = message.params;
      const threadId = Number(workerInfo.workerId);
      this.#workers.set(threadId, sessionId);
      this.#workerWaiters.get(threadId)?.(sessionId);
      this.#workerWaiters.delete(threadId);
    });
    session.on('NodeWorker.detachedFromWorker', (message: { params: { sessionId: string } }) => {
      for (const [threadId, sessionId] of this.#workers) if (sessionId === message.params.sessionId) this.#workers.delete(threadId);
      this.#bySession.get(message.params.sessionId)?.ended();
    });
    session.on('NodeWorker.receivedMessageFromWorker', (message: { params: { sessionId: string; message: string } }) => {
      this.#bySession.get(message.params.sessionId)?.fromWorker(message.params.message);
    });
    /* Workers run on as before; only a monitored start waits, and core holds that one (InspectorTarget.released). */
    await this.#post('NodeWorker.enable', { waitForDebuggerOnStart: false });
    await this.#server.listen();
  }

  #post(method: string, params: object): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.#session.post(method, params, (error, result) => (error === null ? resolve(result) : reject(error)));
    });
  }

  /** Sends a CDP message (JSON text) to the worker behind NodeWorker session `sessionId`. */
  sendToWorker(sessionId: string, message: string): void {
    this.#post('NodeWorker.sendMessageToWorker', { sessionId, message }).catch(() => {
      /* the worker ended meanwhile: its target goes with detachedFromWorker */
    });
  }

  /** The port the inspector serves on. */
  get port(): number {
    return this.#server.port;
  }

  /** The targets debuggers can attach to: monitored components that run. */
  get targets(): readonly InspectorTarget[] {
    return [...this.#targets.values()];
  }

  target(id: string): InspectorTarget | undefined {
    return this.#targets.get(id);
  }

  /**
   * Exposes the program of a monitored PD, which is about to start in
   * worker `threadId`, as a target. Resolves when it may start: at once,
   * or with `wait`, once a debugger let it run.
   */
  async expose(label: string, threadId: number, policy: MonitorPolicy, script: TargetScript | undefined): Promise<InspectorTarget> {
    const sessionId = this.#workers.get(threadId)
      ?? await new Promise<string>((resolve) => this.#workerWaiters.set(threadId, resolve));
    const id = randomUUID();
    const target = new InspectorTarget({
      id, label, sessionId, policy, script,
      send: (message) => this.sendToWorker(sessionId, message),
      gone: () => {
        this.#targets.delete(id);
        this.#bySession.delete(sessionId);
      },
    });
    this.#targets.set(id, target);
    this.#bySession.set(sessionId, target);
    this.#log(`Debugger for "${label}" at ws://127.0.0.1:${this.port}/${id}`);
    if (policy.wait) this.#log(`"${label}" waits for its debugger`);
    return target;
  }

  async close(): Promise<void> {
    for (const target of this.#targets.values()) target.ended();
    await this.#server.close();
    this.#session.disconnect();
  }
}
