/*
 * A client's Gui session at wm (Genode's wm Gui::Session_component). For
 * each one wm opens a Gui session at nitpicker with the client's label
 * (nitpicker sees "wm -> LABEL"), paid from the client's donation: wm
 * keeps WM_SESSION_RAM and WM_SESSION_CAPS for itself and passes the rest
 * on, upgrades too, so the client's buffer is paid by the client. The
 * client's framebuffer is that session's at nitpicker; its views are made
 * there:
 *
 * - a top-level view is a window: its size is the client's, its place the
 *   layouter's (the position the client gives it is virtual: pointer
 *   positions reach the client relative to it, as in Genode's wm);
 * - a child view is nitpicker's child view, placed relative to its parent;
 * - an associated view (another session's, by capability) is usable as a
 *   parent or neighbour, as at nitpicker.
 *
 * `mode()` is the size the window should have: the one the user dragged
 * it to, else its view's, else the screen's; 0x0 once the user closed it
 * (Genode's resize to 0x0, its `closed`). Input: nitpicker gives the
 * client's session the pointer over its views and the keys while it is
 * focused; wm passes them on, positions translated, and keeps the clicks
 * for the layouter (a click raises the window). Calls of a session run
 * one after the other, in the order they came.
 */

import {
  Gui, GUI_SESSION_CAPS, GUI_SESSION_RAM, Input, InputQueue, MAX_VIEWS, SignalSlot, contains, guiViewId, invalidMode, receiveInput, withoutTrailingSeparator,
  type Area, type Capability, type Client, type Connection, type Env, type Framebuffer, type FramebufferMode,
  type GuiCommand, type Implementation, type InputEvent, type Point, type Rect, type SessionArgs, type SessionHooks,
  type SignalContextCapability, type View, type ViewAttributes,
} from 'nido';
import { attributesOf, checkedAttributes, checkedCommands } from './gui_guard.js';
import type { Layouter } from './layouter.js';
import type { Window, WindowOwner } from './window.js';

/** What wm keeps of each client's donation for its own part of the session. */
export const WM_SESSION_RAM = 8 * 1024;
/** The session's capability, its Input session's and its signal handler. */
export const WM_SESSION_CAPS = 3;
/** What a client must donate at least: nitpicker's session and wm's part. */
export const SESSION_RAM = GUI_SESSION_RAM + WM_SESSION_RAM;
export const SESSION_CAPS = GUI_SESSION_CAPS + WM_SESSION_CAPS;

const EMPTY: Rect = Object.freeze({ x: 0, y: 0, width: 0, height: 0 });

type ViewEntry = TopLevelView | { readonly kind: 'child' | 'associated'; readonly real: number };

/** A client's top-level view: the window's content at nitpicker. */
class TopLevelView implements WindowOwner {
  readonly kind = 'top_level';
  /** Where the client thinks its view is (pointer positions are relative to it). */
  virtual: Rect = EMPTY;
  title = '';
  window: Window | undefined;

  constructor(readonly real: number, readonly session: GuiSession) {}

  place(content: Rect): Promise<void> {
    return this.session.realExecute([{ op: 'geometry', view: this.real, rect: content }]);
  }

  toFront(): Promise<void> {
    return this.session.realExecute([{ op: 'front', view: this.real }]);
  }

  requestResize(area: Area): void {
    this.session.requestMode(area);
  }

  async close(): Promise<void> {
    this.session.requestMode({ width: 0, height: 0 });
    await this.session.realExecute([{ op: 'geometry', view: this.real, rect: EMPTY }]);
  }
}

export class GuiSession implements Implementation<Gui>, SessionHooks {
  readonly #env: Env;
  readonly #layouter: Layouter;
  readonly #label: string;
  readonly #framebuffer: Capability<Framebuffer>;
  readonly #realInput: Client<Input>;
  readonly #input: InputQueue;
  readonly #inputCap: Capability<Input>;
  readonly #views = new Map<number, ViewEntry>();
  #nextView = 1;
  readonly #modeSigh: SignalSlot;
  /** The size the user asked for (dragging a sizer; 0x0: closed). */
  #requested: Area | undefined;
  #calls: Promise<unknown> = Promise.resolve();
  #upgrades: Promise<void> = Promise.resolve();
  #closed = false;
  readonly #onClosed: () => void;
  /* The pointer's last position on the screen, and buttons and keys held (for the click that raises). */
  #pointer: Point | undefined;
  #held = 0;

  private constructor(
    env: Env, layouter: Layouter, label: string,
    readonly real: Connection<Gui>, framebuffer: Capability<Framebuffer>, realInput: Client<Input>,
    closed: () => void,
  ) {
    this.#onClosed = closed;
    this.#env = env;
    this.#layouter = layouter;
    this.#label = label;
    this.#framebuffer = framebuffer;
    this.#realInput = realInput;
    const signals = { submit: env.ep.submit, release: env.release };
    this.#input = new InputQueue(signals);
    this.#modeSigh = new SignalSlot(signals);
    this.#inputCap = env.ep.manage(Input, this.#input);
  }

  /** Opens the client's session at nitpicker, paid from the client's donation (`args`). */
  static async open(env: Env, layouter: Layouter, args: SessionArgs, closed: () => void): Promise<GuiSession> {
    /* A client without a label of its own is "app", not "app -> ": the window's title and nitpicker's label read so. */
    const label = withoutTrailingSeparator(args.label);
    const real = await env.connect(Gui, {
      label,
      ram: args.ramQuota - WM_SESSION_RAM,
      caps: args.capQuota - WM_SESSION_CAPS,
    });
    try {
      const [framebuffer, input] = await Promise.all([real.client.framebuffer(), real.client.input()]);
      const session = new GuiSession(env, layouter, label, real, framebuffer as Capability<Framebuffer>,
        env.client(Input, input as Capability<Input>), closed);
      /* A flush that fails means the session is closing: nothing more comes. */
      await receiveInput(env.ep, session.#realInput, (events) => {
        for (const event of events) session.#realEvent(event);
      }, () => undefined);
      return session;
    } catch (error) {
      await real.close();
      throw error;
    }
  }

  /* ---- the Gui interface ---- */

  framebuffer(): Capability<Framebuffer> {
    return this.#framebuffer;
  }

  input(): Capability<Input> {
    return this.#inputCap;
  }

  mode(): FramebufferMode {
    if (this.#requested !== undefined) return this.#requested;
    const window = this.#firstTopLevel()?.window;
    return window === undefined ? this.#layouter.screen : { width: window.content.width, height: window.content.height };
  }

  modeSigh(handler: SignalContextCapability): void {
    this.#modeSigh.set(handler);
    /* Genode's wm: a client that listens for mode changes has a resizeable window. */
    for (const view of this.#topLevels()) if (view.window !== undefined) this.#layouter.resizeable(view.window, true);
  }

  buffer(mode: FramebufferMode): Promise<void> {
    const invalid = invalidMode(mode);
    if (invalid !== undefined) return Promise.reject(new TypeError(`buffer: ${invalid}`));
    return this.#serialized(async () => {
      /* An upgrade the client made after nitpicker said OutOfRam reaches nitpicker first. */
      await this.#upgrades;
      await this.real.client.buffer({ width: mode.width, height: mode.height });
    });
  }

  createView(attributes: ViewAttributes): Promise<number> {
    const checked = checkedAttributes(attributes);
    return this.#serialized(async () => {
      if (this.#views.size >= MAX_VIEWS) throw new RangeError(`createView: "${this.#label}" has ${MAX_VIEWS} views, the most a session may have`);
      const id = this.#nextView++;
      if (checked.parent !== undefined) {
        const parent = this.#view(checked.parent, 'createView: parent');
        const real = await this.real.client.createView(attributesOf(checked, parent.real));
        this.#views.set(id, { kind: 'child', real });
        return id;
      }
      /* The window's place is the layouter's: nitpicker's view has none until the window exists. */
      const real = await this.real.client.createView({ title: checked.title, rect: EMPTY, front: false });
      const view = new TopLevelView(real, this);
      this.#views.set(id, view);
      view.title = checked.title;
      if (checked.rect !== undefined) this.#topLevelGeometry(view, checked.rect);
      return id;
    });
  }

  destroyView(view: number): Promise<void> {
    const id = guiViewId(view, 'destroyView');
    return this.#serialized(async () => {
      const entry = this.#view(id, 'destroyView');
      this.#views.delete(id);
      if (entry instanceof TopLevelView && entry.window !== undefined) this.#layouter.destroyWindow(entry.window);
      await this.real.client.destroyView(entry.real);
    });
  }

  viewCapability(view: number): Promise<Capability<View>> {
    const id = guiViewId(view, 'viewCapability');
    return this.#serialized(async () => this.real.client.viewCapability(this.#view(id, 'viewCapability').real) as Promise<Capability<View>>);
  }

  associate(view: Capability<View>): Promise<number> {
    return this.#serialized(async () => {
      if (this.#views.size >= MAX_VIEWS) throw new RangeError(`associate: "${this.#label}" has ${MAX_VIEWS} views, the most a session may have`);
      const real = await this.real.client.associate(view);
      const id = this.#nextView++;
      this.#views.set(id, { kind: 'associated', real });
      return id;
    });
  }

  /**
   * Applies the commands in order: those of top-level views are the
   * window's (size, title), the others go to nitpicker. A bad command is
   * an error, and those before it took effect.
   */
  execute(commands: readonly GuiCommand[]): Promise<void> {
    const checked = checkedCommands(commands);
    return this.#serialized(async () => {
      const forwarded: GuiCommand[] = [];
      try {
        for (const [index, command] of checked.entries()) {
          const what = `execute: command ${index} (${command.op})`;
          const entry = this.#view(command.view, what);
          if (entry instanceof TopLevelView) this.#topLevelCommand(entry, command, forwarded);
          else forwarded.push(this.#realCommand(entry, command, what));
        }
      } finally {
        if (forwarded.length > 0) await this.real.client.execute(forwarded);
      }
    });
  }

  /* ---- session hooks ---- */

  upgrade(ram: number, caps: number): void {
    this.#upgrades = this.#upgrades.then(() => this.real.upgrade(ram, caps)).catch((error: unknown) => {
      this.#env.warning(`wm: upgrade of "${this.#label}" at nitpicker failed: ${String(error)}`);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#onClosed();
    for (const view of this.#topLevels()) if (view.window !== undefined) this.#layouter.destroyWindow(view.window);
    this.#layouter.focus.forget(this);
    this.#env.ep.dissolve(this.#inputCap);
    this.#input.close();
    this.#modeSigh.set(undefined);
    await this.#calls.catch(() => undefined);
    await this.#upgrades;
    await this.real.close();
  }

  /* ---- for the layouter (through the windows) ---- */

  submit(event: InputEvent): void {
    if (!this.#closed) this.#input.submit(event);
  }

  /** Tells the client the size its window should have (0x0: it was closed). */
  requestMode(area: Area): void {
    if (this.#requested?.width === 0) return;
    this.#requested = area;
    this.#modeSigh.submit();
  }

  /** The screen changed: a client whose window has no size of its own hears of it. */
  screenChanged(): void {
    this.#modeSigh.submit();
  }

  /**
   * Commands of wm's own at nitpicker (nothing once the session is
   * closed), in line with the client's calls: `close` waits for them
   * before it closes nitpicker's session, whose capability's release
   * would fail a call still on its way (a window closed by its closer
   * while its client closed the session at the news).
   */
  async realExecute(commands: readonly GuiCommand[]): Promise<void> {
    if (!this.#closed) await this.#serialized(() => this.real.client.execute(commands));
  }

  /* ---- inside ---- */

  #topLevelGeometry(view: TopLevelView, rect: Rect): void {
    view.virtual = rect;
    const area = { width: rect.width, height: rect.height };
    if (view.window !== undefined) {
      if (area.width > 0 && area.height > 0) this.#layouter.resized(view.window, area);
      return;
    }
    if (area.width === 0 || area.height === 0 || this.#requested?.width === 0) return;
    const window = this.#layouter.createWindow(this.#label, area, view);
    if (window === undefined) return;
    view.window = window;
    this.#layouter.retitled(window, view.title);
    if (this.#modeSigh.handler !== undefined) this.#layouter.resizeable(window, true);
  }

  #topLevelCommand(view: TopLevelView, command: GuiCommand, forwarded: GuiCommand[]): void {
    switch (command.op) {
      case 'geometry':
        this.#topLevelGeometry(view, command.rect);
        return;
      case 'title':
        view.title = command.title;
        if (view.window !== undefined) this.#layouter.retitled(view.window, command.title);
        forwarded.push({ ...command, view: view.real });
        return;
      case 'offset':
        forwarded.push({ ...command, view: view.real });
        return;
      /* Windows are stacked by the layouter, and a client of wm has no desktop background. */
      case 'front':
      case 'back':
      case 'background':
        return;
    }
  }

  #realCommand(entry: ViewEntry, command: GuiCommand, what: string): GuiCommand {
    switch (command.op) {
      case 'front':
      case 'back':
        if (command.neighbor === undefined) return { op: command.op, view: entry.real };
        return { op: command.op, view: entry.real, neighbor: this.#view(command.neighbor, `${what}: neighbor`).real };
      case 'background':
        throw new TypeError(`${what}: a client of wm has no background view`);
      default:
        return { ...command, view: entry.real };
    }
  }

  #view(id: number, what: string): ViewEntry {
    const entry = this.#views.get(id);
    if (entry === undefined) throw new TypeError(`${what}: "${this.#label}" has no view ${id}`);
    return entry;
  }

  #topLevels(): TopLevelView[] {
    return [...this.#views.values()].filter((entry): entry is TopLevelView => entry instanceof TopLevelView);
  }

  #firstTopLevel(): TopLevelView | undefined {
    return this.#topLevels().find((view) => view.window !== undefined) ?? this.#topLevels()[0];
  }

  #serialized<T>(call: () => Promise<T>): Promise<T> {
    const result = this.#calls.then(call);
    this.#calls = result.catch(() => undefined);
    return result;
  }

  /* nitpicker's event for the client's session: translated into the client's coordinates (Genode's _translate_event). */
  #realEvent(event: InputEvent): void {
    const origin = this.#inputOrigin();
    switch (event.type) {
      case 'absolute_motion':
        this.#pointer = { x: event.x, y: event.y };
        this.submit({ type: 'absolute_motion', x: event.x + origin.x, y: event.y + origin.y });
        return;
      case 'touch':
        this.submit({ type: 'touch', id: event.id, x: event.x + origin.x, y: event.y + origin.y });
        return;
      case 'press':
        this.#held++;
        if (this.#held === 1 && event.key === 'BTN_LEFT') this.#clicked();
        this.submit(event);
        return;
      case 'release':
        this.#held = Math.max(0, this.#held - 1);
        this.submit(event);
        return;
      case 'focus_enter':
        this.#layouter.focus.nitpickerFocused(this);
        return;
      case 'focus_leave':
        this.#layouter.focus.nitpickerUnfocused(this);
        return;
      case 'hover_leave':
        this.#pointer = undefined;
        this.submit(event);
        return;
      default:
        this.submit(event);
    }
  }

  /* A click into one of the client's windows raises and focuses it (Genode's click handler). */
  #clicked(): void {
    const pointer = this.#pointer;
    const windows = this.#topLevels().flatMap((view) => (view.window === undefined ? [] : [view.window]));
    const hit = pointer === undefined ? undefined : windows.find((w) => contains(w.content, pointer));
    const window = hit ?? windows[0];
    if (window !== undefined) this.#layouter.clickedInto(window);
  }

  /* Screen position + origin = the client's position: its view's virtual place stands for the window's content. */
  #inputOrigin(): Point {
    const view = this.#firstTopLevel();
    if (view?.window === undefined) return { x: 0, y: 0 };
    return { x: view.virtual.x - view.window.content.x, y: view.virtual.y - view.window.content.y };
  }
}
