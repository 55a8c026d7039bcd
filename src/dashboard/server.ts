/*
 * The dashboard's HTTP server: the page, its assets and the live channel,
 * on 127.0.0.1 only. The dashboard has core's authority (it kills
 * components and rewrites init's config), so every request must carry the
 * token printed at boot (compared in constant time) and come from the
 * dashboard's own origin: a WebSocket or a POST needs an `Origin` header
 * that is the dashboard's; a GET may lack one (a browser sends none when
 * the user opens the page) but not carry another; and the `Host` must be
 * the dashboard's, so that a foreign name resolving to 127.0.0.1 (DNS
 * rebinding) gets nothing.
 */

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';

const pageDir = fileURLToPath(new URL('./page/', import.meta.url));

const ASSETS: Readonly<Record<string, string>> = {
  '/page.js': 'text/javascript; charset=utf-8',
  '/page.css': 'text/css; charset=utf-8',
};

export interface DashboardServerOptions {
  /** 0: any free port. */
  readonly port: number;
  /** A page connected its live channel. */
  connected(socket: WebSocket): void;
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

export class DashboardServer {
  readonly token = randomBytes(24).toString('base64url');
  readonly #tokenDigest = digest(this.token);
  readonly #http: Server;
  readonly #live = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  readonly #options: DashboardServerOptions;
  #port = 0;

  constructor(options: DashboardServerOptions) {
    this.#options = options;
    this.#http = createServer((request, response) => void this.#serve(request, response));
    this.#http.on('upgrade', (request: IncomingMessage, socket, head) => {
      const refusal = this.#refusal(request, true);
      if (refusal !== undefined || new URL(request.url ?? '/', 'http://x').pathname !== '/live') {
        socket.end(`HTTP/1.1 ${refusal === undefined ? '404 Not Found' : '403 Forbidden'}\r\nConnection: close\r\n\r\n`);
        return;
      }
      this.#live.handleUpgrade(request, socket, head, (ws) => this.#options.connected(ws));
    });
  }

  /** Listens on 127.0.0.1; resolves with the page's address, token included. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.#http.once('error', reject);
      this.#http.listen(this.#options.port, '127.0.0.1', () => resolve());
    });
    this.#port = (this.#http.address() as AddressInfo).port;
    return `${this.origin}/?token=${this.token}`;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  async close(): Promise<void> {
    for (const client of this.#live.clients) client.terminate();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }

  /** Why `request` is refused, or undefined. `strict`: the Origin must be there (WebSocket, POST). */
  #refusal(request: IncomingMessage, strict: boolean): string | undefined {
    const url = new URL(request.url ?? '/', 'http://x');
    const token = url.searchParams.get('token') ?? '';
    if (!timingSafeEqual(digest(token), this.#tokenDigest)) return 'wrong or missing token';
    if (request.headers.host !== `127.0.0.1:${this.#port}`) return `foreign Host ${request.headers.host ?? '(none)'}`;
    const origin = request.headers.origin;
    if (origin === undefined ? strict : origin !== this.origin) return `foreign or missing Origin ${origin ?? '(none)'}`;
    return undefined;
  }

  async #serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const refusal = this.#refusal(request, request.method !== 'GET' && request.method !== 'HEAD');
    if (refusal !== undefined) {
      response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end(`forbidden: ${refusal}\n`);
      return;
    }
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const headers = {
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      /* The token is in the page's address: no frame of another site may hold it, no script of another origin run in it. */
      'content-security-policy': "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    };
    if (path === '/') {
      response.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(this.#page());
      return;
    }
    const type = ASSETS[path];
    if (type === undefined) {
      response.writeHead(404, headers).end();
      return;
    }
    try {
      const body = await readFile(`${pageDir}${path.slice(1)}`);
      response.writeHead(200, { ...headers, 'content-type': type }).end(body);
    } catch {
      response.writeHead(500, { ...headers, 'content-type': 'text/plain' }).end('the page is not built: run "npm run build"\n');
    }
  }

  #page(): string {
    const token = encodeURIComponent(this.token);
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Nido dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/page.css?token=${token}">
</head>
<body>
<div id="app"></div>
<script type="module" src="/page.js?token=${token}"></script>
</body>
</html>
`;
  }
}
