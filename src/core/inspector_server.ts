/*
 * The inspector's HTTP side, as Node's `--inspect` serves it, so that
 * chrome://inspect, VS Code and `node inspect` find the targets:
 * `/json/list` (and `/json`) lists one entry per monitored component,
 * `/json/version` names the protocol, and `ws://127.0.0.1:PORT/ID` is the
 * WebSocket of target ID. Only 127.0.0.1, and only requests whose Host is
 * a loopback name (a web page elsewhere cannot reach it through DNS
 * rebinding).
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { InspectorTarget } from './inspector_target.js';

/** What the server reads of the inspector. */
export interface TargetDirectory {
  readonly targets: readonly InspectorTarget[];
  target(id: string): InspectorTarget | undefined;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function loopbackHost(request: IncomingMessage): boolean {
  const host = request.headers.host ?? '';
  return LOOPBACK_HOSTS.has(host.replace(/:\d+$/, ''));
}

export class InspectorServer {
  readonly #http: Server;
  readonly #sockets = new WebSocketServer({ noServer: true });
  readonly #directory: TargetDirectory;
  #port: number;

  constructor(port: number, directory: TargetDirectory) {
    this.#port = port;
    this.#directory = directory;
    this.#http = createServer((request, response) => this.#serve(request, response));
    this.#http.on('upgrade', (request: IncomingMessage, socket, head) => {
      const target = loopbackHost(request) ? directory.target((request.url ?? '').replace(/^\//, '')) : undefined;
      if (target === undefined || target.attached) {
        socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
        return;
      }
      this.#sockets.handleUpgrade(request, socket, head, (ws) => this.#attach(target, ws));
    });
  }

  get port(): number {
    return this.#port;
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#http.once('error', reject);
      this.#http.listen(this.#port, '127.0.0.1', () => {
        this.#http.off('error', reject);
        this.#port = (this.#http.address() as AddressInfo).port;
        /* The inspector must not keep `nido run` alive. */
        this.#http.unref();
        resolve();
      });
    });
  }

  #attach(target: InspectorTarget, ws: WebSocket): void {
    const attached = target.connect({ send: (text) => ws.send(text), close: () => ws.close() });
    if (!attached) {
      ws.close(1013, 'a debugger is attached already');
      return;
    }
    ws.on('message', (data) => target.fromDebugger(String(data)));
    ws.on('close', () => target.disconnect());
    ws.on('error', () => target.disconnect());
  }

  #serve(request: IncomingMessage, response: ServerResponse): void {
    if (!loopbackHost(request)) {
      response.writeHead(403).end();
      return;
    }
    const path = (request.url ?? '').replace(/\?.*$/, '').replace(/\/$/, '');
    const json = (body: unknown) => {
      response.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8' }).end(JSON.stringify(body, null, 2));
    };
    if (path === '/json/version') {
      json({ Browser: `nido/${process.version}`, 'Protocol-Version': '1.1' });
    } else if (path === '/json' || path === '/json/list') {
      json(this.#directory.targets.map((target) => this.#entry(target)));
    } else {
      response.writeHead(404).end();
    }
  }

  /* An entry as Node's /json/list has it: type "node", so that chrome://inspect offers it. */
  #entry(target: InspectorTarget): Record<string, string> {
    const address = `127.0.0.1:${this.#port}/${target.id}`;
    return {
      description: `nido component ${target.label}`,
      devtoolsFrontendUrl: `devtools://devtools/bundled/js_app.html?experiments=true&v8only=true&ws=${address}`,
      devtoolsFrontendUrlCompat: `devtools://devtools/bundled/inspector.html?experiments=true&v8only=true&ws=${address}`,
      id: target.id,
      title: target.label,
      type: 'node',
      url: target.file ?? target.label,
      webSocketDebuggerUrl: `ws://${address}`,
    };
  }

  async close(): Promise<void> {
    for (const client of this.#sockets.clients) client.terminate();
    this.#sockets.close();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }
}
