/*
 * Stand-ins for the host's stdin and stdout in the unit tests of the host
 * console and core's Terminal service: a TTY or a pipe, of a given size.
 */

import { PassThrough } from 'node:stream';

/** A stand-in for a TTY stdin: records the raw-mode switches. */
export class FakeTtyInput extends PassThrough {
  readonly isTTY: boolean;
  readonly rawModes: boolean[] = [];
  constructor(tty: boolean) {
    super();
    this.isTTY = tty;
  }
  setRawMode(raw: boolean): this {
    this.rawModes.push(raw);
    return this;
  }
}

/** A stand-in for stdout: collects what was written, may pose as a TTY of a given size. */
export class FakeOutput extends PassThrough {
  readonly isTTY: boolean;
  columns: number | undefined;
  rows: number | undefined;
  constructor(size?: { columns: number; rows: number }) {
    super();
    this.isTTY = size !== undefined;
    this.columns = size?.columns;
    this.rows = size?.rows;
  }
  text(): string {
    const chunks: Buffer[] = [];
    for (let chunk = this.read() as Buffer | null; chunk !== null; chunk = this.read() as Buffer | null) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  }
}
