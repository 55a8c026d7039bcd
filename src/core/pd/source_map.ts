/*
 * Reading a source map (version 3) where a stack frame points: the PD
 * runtime maps the positions of a component's frames in its bundle back
 * to the files the bundle was made of (docs/component-api.md, "Stack
 * traces").
 *
 * The mappings are decoded on demand and never held decoded: a crash
 * report needs a handful of positions, and the component's RAM quota
 * pays for whatever the runtime holds. Only the decoder's state at every
 * CHECKPOINT_LINES-th line is kept, so a position costs at most that many
 * lines' decoding once the map was read up to it.
 */

import type { ScriptMap } from './protocol.js';

/** The fields of a source map this reader uses. */
export interface SourceMapData {
  readonly sources: readonly (string | null)[];
  readonly names?: readonly string[];
  readonly mappings: string;
}

/** Where a generated position came from: 1-based line and column, as V8 counts. */
export interface OriginalPosition {
  readonly source: string;
  readonly line: number;
  readonly column: number;
  readonly name: string | undefined;
}

const CHECKPOINT_LINES = 32;
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) DIGIT[BASE64.charCodeAt(i)] = i;
const COMMA = 44;
const SEMICOLON = 59;

/* The decoder between segments: where it is in the mappings text and the running (relative-coded) fields. */
interface State {
  offset: number;
  source: number;
  line: number;
  column: number;
  name: number;
}

/** Maps positions of one bundle through its source map. */
export class SourceMapReader {
  readonly #map: SourceMapData;
  /* The state at the start of line CHECKPOINT_LINES * i (0-based generated lines), for each i reached so far. */
  readonly #checkpoints: State[] = [{ offset: 0, source: 0, line: 0, column: 0, name: 0 }];

  constructor(map: SourceMapData) {
    this.#map = map;
  }

  /**
   * The original position of the generated `line` and `column` (1-based),
   * or undefined where the map says nothing (code the bundler wrote, or
   * a position beyond the map).
   *
   *   new SourceMapReader(map).original(26, 24) // { source: 'client.ts', line: 4, column: 25, ... }
   */
  original(line: number, column: number): OriginalPosition | undefined {
    if (!Number.isInteger(line) || !Number.isInteger(column) || line < 1 || column < 1) return undefined;
    const state = this.#stateAt(line - 1);
    if (state === undefined) return undefined;
    return this.#find(state, column - 1);
  }

  /**
   * The generated position (1-based) of the first segment that maps to
   * exactly `source`, `line` and `column` (as original() answers them), or
   * undefined: the way back from a mapped frame to the bundle.
   */
  generated(source: string, line: number, column: number): { line: number; column: number } | undefined {
    const index = this.#map.sources.indexOf(source);
    if (index < 0) return undefined;
    const text = this.#map.mappings;
    const state: State = { offset: 0, source: 0, line: 0, column: 0, name: 0 };
    const fields = [0, 0, 0, 0, 0];
    let generatedLine = 0;
    let generatedColumn = 0;
    while (state.offset < text.length) {
      const code = text.charCodeAt(state.offset);
      if (code === SEMICOLON || code === COMMA) {
        state.offset++;
        if (code === SEMICOLON) {
          generatedLine++;
          generatedColumn = 0;
        }
        continue;
      }
      const count = this.#segment(state, fields);
      if (count === 0) return undefined;
      generatedColumn += fields[0] as number;
      this.#advance(state, fields, count);
      if (count > 1 && state.source === index && state.line === line - 1 && state.column === column - 1) {
        return { line: generatedLine + 1, column: generatedColumn + 1 };
      }
    }
    return undefined;
  }

  /* The state at the start of generated line `target` (0-based), or undefined if the map has fewer lines. */
  #stateAt(target: number): State | undefined {
    const index = Math.min(Math.floor(target / CHECKPOINT_LINES), this.#checkpoints.length - 1);
    const start = this.#checkpoints[index];
    if (start === undefined) return undefined;
    const state = { ...start };
    const text = this.#map.mappings;
    for (let line = index * CHECKPOINT_LINES; line < target; line++) {
      if (state.offset >= text.length) return undefined;
      if (!this.#skipLine(state)) return undefined;
      if ((line + 1) % CHECKPOINT_LINES === 0 && (line + 1) / CHECKPOINT_LINES === this.#checkpoints.length) {
        this.#checkpoints.push({ ...state });
      }
    }
    return state;
  }

  /* Decodes the rest of the current line into `state`, leaving it at the next line's start; false for a malformed map. */
  #skipLine(state: State): boolean {
    const text = this.#map.mappings;
    const fields = [0, 0, 0, 0, 0];
    while (state.offset < text.length) {
      const code = text.charCodeAt(state.offset);
      if (code === SEMICOLON) {
        state.offset++;
        return true;
      }
      if (code === COMMA) {
        state.offset++;
        continue;
      }
      const count = this.#segment(state, fields);
      if (count === 0) return false;
      this.#advance(state, fields, count);
    }
    return true;
  }

  /* The best segment of the line `state` starts at for generated column `column` (0-based). */
  #find(state: State, column: number): OriginalPosition | undefined {
    const text = this.#map.mappings;
    const fields = [0, 0, 0, 0, 0];
    let generated = 0;
    let best: OriginalPosition | undefined;
    while (state.offset < text.length) {
      const code = text.charCodeAt(state.offset);
      if (code === SEMICOLON) break;
      if (code === COMMA) {
        state.offset++;
        continue;
      }
      const count = this.#segment(state, fields);
      if (count === 0) break;
      generated += fields[0] as number;
      if (generated > column) break;
      this.#advance(state, fields, count);
      if (count === 1) {
        best = undefined;
        continue;
      }
      const source = this.#map.sources[state.source];
      best = typeof source === 'string'
        ? { source, line: state.line + 1, column: state.column + 1, name: count === 5 ? this.#map.names?.[state.name] : undefined }
        : undefined;
    }
    return best;
  }

  #advance(state: State, fields: number[], count: number): void {
    if (count < 4) return;
    state.source += fields[1] as number;
    state.line += fields[2] as number;
    state.column += fields[3] as number;
    if (count === 5) state.name += fields[4] as number;
  }

  /* Decodes the segment at state.offset into `fields`; answers how many fields it has (0: malformed). */
  #segment(state: State, fields: number[]): number {
    const text = this.#map.mappings;
    let count = 0;
    while (state.offset < text.length && count < 5) {
      const code = text.charCodeAt(state.offset);
      if (code === COMMA || code === SEMICOLON) break;
      let value = 0;
      let shift = 0;
      for (;;) {
        const digit = state.offset < text.length ? DIGIT[text.charCodeAt(state.offset)] ?? -1 : -1;
        if (digit < 0 || shift > 30) return 0;
        state.offset++;
        value += (digit & 31) * 2 ** shift;
        shift += 5;
        if ((digit & 32) === 0) break;
      }
      fields[count++] = value % 2 === 1 ? -((value - 1) / 2) : value / 2;
    }
    return count === 1 || count === 4 || count === 5 ? count : 0;
  }
}

/** The reader of a script's map as a start hands it over (its module named by its file), or undefined if the map is unusable. */
export function scriptMapReader(map: ScriptMap): SourceMapReader | undefined {
  try {
    const data = JSON.parse(new TextDecoder().decode(new Uint8Array(map.json))) as SourceMapData;
    if (typeof data.mappings !== 'string' || !Array.isArray(data.sources)) return undefined;
    const sources = data.sources.map((source, index) => (index === map.main ? map.file : source));
    return new SourceMapReader({ ...data, sources });
  } catch {
    return undefined;
  }
}
