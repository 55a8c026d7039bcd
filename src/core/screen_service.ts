/*
 * Core's screen: the physical screen of `nido run` as a Framebuffer and an
 * Input service (docs/gui.md, "The screen: core, fb_drv and the browser").
 * A screen driver (fb_drv) is their client; the dashboard's page
 * (`nido run --ui`) shows the pixels on a canvas and gives its keyboard
 * and pointer back. Without --ui the screen exists and nobody sees it.
 *
 * The screen has one mode, `nido run --screen=WIDTHxHEIGHT`. Each
 * Framebuffer session has a buffer of that size, paid by its client: the
 * session's donation must cover the buffer's bytes and a small cost
 * (InsufficientRamQuota names the amount). The screen shows the newest
 * open session's buffer; when it closes, the one opened before it is shown
 * again (the newest program in front, as with core's Terminal). Input goes
 * the same way: the page's events go to the newest open Input session.
 *
 * The dashboard taps the screen: it hears the rectangles a client
 * refreshes (only those of the session shown) and reads the pixels from
 * the buffer when it sends them.
 */

import { required } from './session_costs.js';
import type { Ipc } from '../base/ipc.js';
import { InsufficientRamQuota } from '../base/errors.js';
import type { SignalContextCapability } from '../base/capability.js';
import type { DataspaceHandle } from '../base/dataspace.js';
import type { Implementation } from '../base/interface.js';
import { RootComponent, type SessionHooks } from '../base/root_component.js';
import { Framebuffer, FRAMEBUFFER_SESSION_CAPS, bufferBytes, invalidMode, type Mode } from '../session/framebuffer/interface.js';
import { Input, INPUT_SESSION_CAPS, INPUT_SESSION_RAM } from '../session/input/interface.js';
import { InputQueue } from '../session/input/queue.js';
import { SignalSlot } from '../base/signal_slot.js';
import type { InputEvent } from '../session/input/event.js';
import { intersect, isEmpty, type Rect } from '../util/rect.js';

/** The screen's mode when `nido run` is not given one. */
export const DEFAULT_SCREEN: Mode = Object.freeze({ width: 1024, height: 768 });

/*
 * What a Framebuffer session costs besides its buffer: half of what a
 * client donates besides it (8 KiB, SCREEN_SESSION_RAM of
 * src/lib/gui/screen_framebuffer.ts), as core asks of every session, so
 * that the parents on the way can keep theirs.
 */
export const FRAMEBUFFER_SESSION_COST = required(8192);

/** Interval of the sync signal: the screen's frames, 60 a second. */
export const FRAME_MS = 1000 / 60;

/** `WIDTHxHEIGHT` as a mode, or the reason it is none. */
export function parseScreenMode(text: string): Mode | string {
  const match = /^(\d+)x(\d+)$/.exec(text);
  if (match === null) return `"${text}" is not WIDTHxHEIGHT (such as 1024x768)`;
  const mode = { width: Number(match[1]), height: Number(match[2]) };
  const invalid = invalidMode(mode);
  return invalid === undefined ? Object.freeze(mode) : `"${text}": ${invalid}`;
}

/** Hears what changes on the screen. */
export interface ScreenTap {
  /** The pixels of `rect` (screen coordinates, within the screen) changed. */
  damaged(rect: Rect): void;
}

/** The screen as the dashboard sees it. */
export interface Screen {
  readonly mode: Mode;
  /** The pixels shown now (0x00RRGGBB, rows of mode.width): the newest session's buffer; undefined while none is open (black). */
  pixels(): Uint32Array | undefined;
  /** Events of the page's keyboard and pointer, for the newest Input session (dropped while none is open). */
  input(events: readonly InputEvent[]): void;
  /** `tap` hears every change from now on; returns the way to stop. */
  tap(tap: ScreenTap): () => void;
}

export type FramebufferService = RootComponent<Framebuffer>;
export type InputService = RootComponent<Input>;

/*
 * One signal for every session that asked for the screen's pace, on the
 * host's clock: due times are counted from the start, so the rate stays
 * 60 Hz whatever each timeout's lateness.
 */
class FrameClock {
  readonly #handlers = new Set<() => void>();
  #timeout: NodeJS.Timeout | undefined;
  #start = 0;
  #frames = 0;

  add(handler: () => void): void {
    this.#handlers.add(handler);
    if (this.#timeout === undefined) {
      this.#start = performance.now();
      this.#frames = 0;
      this.#schedule();
    }
  }

  delete(handler: () => void): void {
    this.#handlers.delete(handler);
    if (this.#handlers.size === 0) {
      clearTimeout(this.#timeout);
      this.#timeout = undefined;
    }
  }

  #schedule(): void {
    this.#frames++;
    const due = this.#start + this.#frames * FRAME_MS;
    this.#timeout = setTimeout(() => {
      /* Frames missed (the host was busy) are skipped, not signalled in a burst. */
      const now = performance.now();
      if (now - due > FRAME_MS) this.#frames = Math.floor((now - this.#start) / FRAME_MS);
      for (const handler of this.#handlers) handler();
      if (this.#timeout !== undefined) this.#schedule();
    }, Math.max(0, due - performance.now()));
  }
}

function integerArgument(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new TypeError(`Framebuffer refresh: ${name} must be an integer, got ${typeof value === 'number' ? value : typeof value}`);
  }
  return value;
}

/** The shared state: the sessions open, newest last, and the taps. */
class ScreenState implements Screen {
  readonly framebuffers: ScreenFramebuffer[] = [];
  readonly inputs: ScreenInput[] = [];
  readonly taps = new Set<ScreenTap>();
  readonly clock = new FrameClock();

  constructor(readonly mode: Mode) {}

  get bounds(): Rect {
    return { x: 0, y: 0, width: this.mode.width, height: this.mode.height };
  }

  get shown(): ScreenFramebuffer | undefined {
    return this.framebuffers.at(-1);
  }

  pixels(): Uint32Array | undefined {
    return this.shown?.pixels;
  }

  input(events: readonly InputEvent[]): void {
    this.inputs.at(-1)?.received(events);
  }

  tap(tap: ScreenTap): () => void {
    this.taps.add(tap);
    return () => this.taps.delete(tap);
  }

  damaged(rect: Rect): void {
    for (const tap of this.taps) tap.damaged(rect);
  }

  /* Another session is in front (or none): everything changed. */
  shownChanged(): void {
    this.damaged(this.bounds);
  }
}

/** One Framebuffer session: a buffer of the screen's size, shown while it is the newest. */
class ScreenFramebuffer implements Implementation<Framebuffer>, SessionHooks {
  readonly #state: ScreenState;
  readonly #dataspace: DataspaceHandle;
  readonly pixels: Uint32Array;
  readonly #modeSigh: SignalSlot;
  readonly #syncSigh: SignalSlot;
  readonly #frame = () => this.#syncSigh.submit();

  constructor(ipc: Ipc, state: ScreenState, readonly label: string, id: number) {
    this.#state = state;
    this.#modeSigh = new SignalSlot(ipc);
    this.#syncSigh = new SignalSlot(ipc);
    const size = bufferBytes(state.mode);
    this.#dataspace = Object.freeze({ id, buffer: new SharedArrayBuffer(size), size });
    this.pixels = new Uint32Array(this.#dataspace.buffer);
  }

  dataspace(): DataspaceHandle {
    return this.#dataspace;
  }

  mode(): Mode {
    return this.#state.mode;
  }

  /* The screen keeps its mode: the handler is kept (and released at the end), never signalled. */
  modeSigh(handler: SignalContextCapability): void {
    this.#modeSigh.set(handler);
  }

  refresh(x: unknown, y: unknown, width: unknown, height: unknown): void {
    const area = {
      x: integerArgument(x, 'x'), y: integerArgument(y, 'y'),
      width: integerArgument(width, 'width'), height: integerArgument(height, 'height'),
    };
    if (area.width < 0 || area.height < 0) {
      throw new RangeError(`Framebuffer refresh of "${this.label}": ${area.width}x${area.height} is a negative size`);
    }
    if (area.width === 0 || area.height === 0) return;
    const clipped = intersect(area, this.#state.bounds);
    if (isEmpty(clipped)) {
      const { width: screenWidth, height: screenHeight } = this.#state.mode;
      throw new RangeError(`Framebuffer refresh of "${this.label}": ${area.x},${area.y} ${area.width}x${area.height} `
        + `is entirely outside the ${screenWidth}x${screenHeight} buffer`);
    }
    if (this.#state.shown === this) this.#state.damaged(clipped);
  }

  syncSigh(handler: SignalContextCapability | null): void {
    this.#syncSigh.set(handler ?? undefined);
    if (this.#syncSigh.handler === undefined) this.#state.clock.delete(this.#frame);
    else this.#state.clock.add(this.#frame);
  }

  close(): void {
    this.#state.clock.delete(this.#frame);
    this.#modeSigh.set(undefined);
    this.#syncSigh.set(undefined);
    const sessions = this.#state.framebuffers;
    const wasShown = this.#state.shown === this;
    const at = sessions.indexOf(this);
    if (at >= 0) sessions.splice(at, 1);
    if (wasShown) this.#state.shownChanged();
  }
}

/** One Input session: the page's events while it is the newest. */
class ScreenInput extends InputQueue implements SessionHooks {
  readonly #state: ScreenState;

  constructor(ipc: Ipc, state: ScreenState) {
    super(ipc);
    this.#state = state;
  }

  received(events: readonly InputEvent[]): void {
    for (const event of events) this.submit(event);
  }

  override close(): void {
    const at = this.#state.inputs.indexOf(this);
    if (at >= 0) this.#state.inputs.splice(at, 1);
    super.close();
  }
}

/**
 * Core's screen of `mode`: its Framebuffer and Input services, and the
 * screen the dashboard taps.
 *
 *   const { framebuffer, input, screen } = screenServices(ipc, { width: 1024, height: 768 });
 *   screen.tap({ damaged: (rect) => send(rect, screen.pixels()) });
 */
export function screenServices(ipc: Ipc, mode: Mode): { framebuffer: FramebufferService; input: InputService; screen: Screen } {
  const invalid = invalidMode(mode);
  if (invalid !== undefined) throw new RangeError(`screen mode: ${invalid}`);
  const state = new ScreenState(Object.freeze({ width: mode.width, height: mode.height }));
  const needed = bufferBytes(state.mode) + FRAMEBUFFER_SESSION_COST;
  const framebuffer = new RootComponent(ipc, Framebuffer, (args, id) => {
    if (args.ramQuota < needed) {
      throw new InsufficientRamQuota(`Framebuffer session "${args.label}" needs ram_quota=${needed}, got ${args.ramQuota} `
        + `(the ${state.mode.width}x${state.mode.height} screen's buffer of ${bufferBytes(state.mode)} bytes, paid by the client, `
        + `and ${FRAMEBUFFER_SESSION_COST})`);
    }
    const session = new ScreenFramebuffer(ipc, state, args.label, id);
    state.framebuffers.push(session);
    state.shownChanged();
    return session;
  }, { caps: FRAMEBUFFER_SESSION_CAPS });
  const input = new RootComponent(ipc, Input, () => {
    const session = new ScreenInput(ipc, state);
    state.inputs.push(session);
    return session;
  }, { ram: required(INPUT_SESSION_RAM), caps: INPUT_SESSION_CAPS });
  return { framebuffer, input, screen: state };
}
