/*
 * LogConnections: `<create_log_connections count="N" ram_upgrade="B"/>`
 * and `<destroy_log_connections/>` (spec/init.md §6). A set of N LOG
 * sessions labelled "0" … "N-1" (the server sees `CHILD -> i`), each
 * optionally upgraded by B bytes right after it was opened.
 */

import { Log, type Connection, type Env, type XmlNode } from 'nido';
import type { LogLine } from './synchronous_log.js';

export class LogConnections {
  readonly #log: LogLine;
  readonly #connections: Connection<Log>[];

  private constructor(log: LogLine, connections: Connection<Log>[]) {
    this.#log = log;
    this.#connections = connections;
  }

  /** Opens the set described by a `<create_log_connections>` node, one session after the other. */
  static async create(env: Env, log: LogLine, node: XmlNode): Promise<LogConnections> {
    const count = node.naturalAttribute('count', 0);
    const ramUpgrade = node.numBytesAttribute('ram_upgrade', 0);
    await log(`going to create ${count} LOG connections`);
    const connections: Connection<Log>[] = [];
    for (let i = 0; i < count; i++) {
      const connection = await env.connect(Log, { label: String(i) });
      connections.push(connection);
      if (ramUpgrade > 0) {
        await log(`upgrade connection ${i}`);
        await connection.upgrade(ramUpgrade);
      }
    }
    await log('created all LOG connections');
    return new LogConnections(log, connections);
  }

  /** Closes every session of the set. */
  async destroy(): Promise<void> {
    for (const connection of this.#connections) await connection.close();
    await this.#log('destroyed all LOG connections');
  }
}
