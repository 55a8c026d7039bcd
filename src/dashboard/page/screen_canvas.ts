/*
 * The screen in the page: a <canvas> of the screen's size that core's
 * binary frames draw into (each a rectangle of 0x00RRGGBB words, or runs
 * of them, turned into RGBA here; protocol.ts), and the keyboard and pointer on it, which go back to
 * core's Input service as Genode's input events.
 *
 * The canvas is made when the page learns the screen's size, before any
 * view shows it, so that no frame is lost while the page renders; the
 * Screen view puts it into its box. CSS scales it to fit; pointer
 * positions are turned back into screen pixels.
 */

import { buttonNameOfMouse, keyNameOfCode } from '../../session/input/keycodes.js';
import { SCREEN_HEADER_WORDS, SCREEN_RECT, SCREEN_RUNS, type ScreenEvent } from '../protocol.js';

/* 0x00RRGGBB as the bytes R, G, B, A of ImageData (a little-endian word 0xAABBGGRR), opaque. */
function opaque(pixel: number): number {
  return 0xff000000 | ((pixel & 0xff) << 16) | (pixel & 0xff00) | ((pixel >>> 16) & 0xff);
}

/* Wheel steps of one event at most (a trackpad's fling is not a thousand clicks). */
const MAX_WHEEL_STEPS = 10;

export class ScreenCanvas {
  readonly canvas: HTMLCanvasElement;
  readonly #context: CanvasRenderingContext2D;
  readonly #send: (events: ScreenEvent[]) => void;
  /* Events not sent yet: motion waits for the next animation frame (and is replaced by newer motion). */
  #pending: ScreenEvent[] = [];
  #frame = 0;
  /* Keys and buttons held, released when the canvas loses the focus (no key stays stuck). */
  readonly #held = new Set<string>();
  /* The pointer's last position in the page (client coordinates, fractional). */
  #pointer = { x: 0, y: 0 };

  constructor(readonly width: number, readonly height: number, send: (events: ScreenEvent[]) => void) {
    this.#send = send;
    this.canvas = document.createElement('canvas');
    this.canvas.width = width;
    this.canvas.height = height;
    this.canvas.className = 'screen-canvas';
    this.canvas.tabIndex = 0;
    this.canvas.dataset['size'] = `${width}x${height}`;
    const context = this.canvas.getContext('2d', { alpha: false });
    if (context === null) throw new Error('no 2D context for the screen');
    this.#context = context;
    context.fillStyle = '#000';
    context.fillRect(0, 0, width, height);
    this.#listen();
  }

  /** Draws one binary frame; answers its sequence number (undefined: not a screen frame). */
  draw(data: ArrayBuffer): number | undefined {
    if (data.byteLength < SCREEN_HEADER_WORDS * 4 || data.byteLength % 4 !== 0) return undefined;
    const header = new Uint32Array(data, 0, SCREEN_HEADER_WORDS);
    const [kind, seq, x, y, width, height] = header as unknown as [number, number, number, number, number, number];
    const words = new Uint32Array(data, SCREEN_HEADER_WORDS * 4);
    if (width === 0 || height === 0) return seq;
    const image = new ImageData(width, height);
    const rgba = new Uint32Array(image.data.buffer);
    if (kind === SCREEN_RECT) {
      if (words.length !== width * height) return undefined;
      for (let i = 0; i < words.length; i++) rgba[i] = opaque(words[i] as number);
    } else if (kind === SCREEN_RUNS) {
      let at = 0;
      for (let i = 0; i + 1 < words.length; i += 2) {
        const count = words[i] as number;
        if (at + count > rgba.length) return undefined;
        rgba.fill(opaque(words[i + 1] as number), at, at + count);
        at += count;
      }
      if (at !== rgba.length) return undefined;
    } else {
      return undefined;
    }
    this.#context.putImageData(image, x, y);
    return seq;
  }

  /* ------------------------------------------------------------- input */

  #listen(): void {
    const canvas = this.canvas;
    /*
     * Positions come from pointer events, which have fractions of a CSS
     * pixel (a mouse event's are whole ones: on a canvas scaled down, a
     * whole CSS pixel is more than a screen pixel). Buttons come from mouse
     * events, which fire for every button, a second one held with the first too.
     */
    const position = (event: PointerEvent) => {
      this.#pointer = { x: event.clientX, y: event.clientY };
    };
    canvas.addEventListener('pointerdown', position);
    canvas.addEventListener('pointerup', position);
    canvas.addEventListener('pointermove', (event) => {
      position(event);
      this.#queue(this.#motion());
    });
    canvas.addEventListener('mousedown', (event) => {
      canvas.focus();
      event.preventDefault();
      this.#queue(this.#motion());
      this.#press(buttonNameOfMouse(event.button));
    });
    canvas.addEventListener('mouseup', (event) => {
      event.preventDefault();
      this.#queue(this.#motion());
      this.#release(buttonNameOfMouse(event.button));
    });
    canvas.addEventListener('contextmenu', (event) => event.preventDefault());
    canvas.addEventListener('wheel', (event) => {
      event.preventDefault();
      const steps = (delta: number) => {
        if (delta === 0) return 0;
        const lines = event.deltaMode === WheelEvent.DOM_DELTA_PIXEL ? delta / 100 : event.deltaMode === WheelEvent.DOM_DELTA_LINE ? delta / 3 : delta;
        return -Math.sign(delta) * Math.min(MAX_WHEEL_STEPS, Math.max(1, Math.round(Math.abs(lines))));
      };
      /* Genode's wheel: y > 0 is away from the user (up), the browser's deltaY > 0 is down. */
      this.#queue({ type: 'wheel', x: -steps(event.deltaX), y: steps(event.deltaY) }, true);
    }, { passive: false });
    canvas.addEventListener('keydown', (event) => {
      event.preventDefault();
      const key = keyNameOfCode(event.code);
      const codepoint = [...event.key].length === 1 ? event.key.codePointAt(0) : undefined;
      /* A repeat is another press of the held key, as Genode's key repeat has it. */
      this.#held.add(key);
      this.#queue(codepoint === undefined ? { type: 'press', key } : { type: 'press', key, codepoint }, true);
    });
    canvas.addEventListener('keyup', (event) => {
      event.preventDefault();
      this.#release(keyNameOfCode(event.code));
    });
    canvas.addEventListener('blur', () => {
      for (const key of [...this.#held]) this.#release(key);
    });
  }

  #press(key: string): void {
    this.#held.add(key);
    this.#queue({ type: 'press', key }, true);
  }

  #release(key: string): void {
    if (!this.#held.delete(key)) return;
    this.#queue({ type: 'release', key }, true);
  }

  /* The pointer in screen pixels: the canvas is scaled by CSS. */
  #motion(): ScreenEvent {
    const box = this.canvas.getBoundingClientRect();
    const scaled = (offset: number, size: number, pixels: number) => Math.min(pixels - 1, Math.max(0, Math.floor(offset * pixels / Math.max(1, size))));
    return { type: 'absolute_motion', x: scaled(this.#pointer.x - box.left, box.width, this.width), y: scaled(this.#pointer.y - box.top, box.height, this.height) };
  }

  #queue(event: ScreenEvent, now = false): void {
    const last = this.#pending.at(-1);
    if (event.type === 'absolute_motion' && last?.type === 'absolute_motion') {
      if (last.x === event.x && last.y === event.y) return;
      this.#pending[this.#pending.length - 1] = event;
    } else {
      this.#pending.push(event);
    }
    if (now) this.#flush();
    else if (this.#frame === 0) this.#frame = requestAnimationFrame(() => this.#flush());
  }

  #flush(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    if (this.#pending.length === 0) return;
    const events = this.#pending;
    this.#pending = [];
    this.#send(events);
  }
}
