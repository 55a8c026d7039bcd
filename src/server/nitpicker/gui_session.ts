/*
 * A Gui session of nitpicker: the client's views, its buffer (paid from
 * its donation), its input queue, and the Framebuffer and Input
 * capabilities that come with it. Every argument is checked here, at the
 * boundary: a bad command, a view outside the screen, a refresh outside
 * the buffer or a mode the donation cannot pay is an error for the
 * client, never nitpicker's.
 */

import {
  CapabilityRevoked, Framebuffer, GUI_SESSION_RAM, Input, InputQueue, MAX_TITLE_LENGTH, MAX_VIEWS, OutOfCaps, SignalSlot, View as ViewInterface,
  formatRect, intersect, isCoordinate, isEmpty, isRect, translate,
  type Capability, type Env, type FramebufferMode, type Gui, type GuiCommand, type Implementation,
  type InputEvent, type Point, type Rect, type SessionHooks, type SignalContextCapability, type ViewAttributes,
} from 'nido';
import { domainOrigin, domainScreenSize, type Domain } from './domain.js';
import { SessionBuffer } from './session_buffer.js';
import { View } from './view.js';
import type { UserStateOwner } from './user_state.js';
import type { ViewStack } from './view_stack.js';

/* Capabilities a session itself holds at nitpicker: the session, its framebuffer and its input. */
const SESSION_OWN_CAPS = 3;

/** What a session needs of nitpicker. */
export interface GuiContext {
  readonly env: Env;
  readonly stack: ViewStack;
  /** The screen region changed: repaint it for every capture client. */
  damage(rect: Rect): void;
  /** Views were created, moved, restacked or destroyed: `areas` (before and after) are repainted, the hover may change. */
  viewsChanged(areas: readonly Rect[]): void;
  /** A view of another session, by the capability handed out for it. */
  viewOfCapability(cap: Capability): View | undefined;
  /** Registers the capability of a view of this session. */
  registerViewCapability(cap: Capability, view: View): void;
  /** Replaces the session's frame-pace handler (an animation starts or stops). */
  setSyncHandler(previous: SignalContextCapability | undefined, next: SignalContextCapability | undefined): void;
  sessionClosed(session: GuiSession): void;
}

export class GuiError extends TypeError {}

export class GuiSession implements UserStateOwner {
  readonly #context: GuiContext;
  readonly #views = new Map<number, View>();
  /** Ids of views of other sessions made usable here (associate). */
  readonly #associated = new Map<number, View>();
  readonly #viewCapabilities = new Map<View, Capability>();
  readonly #input: InputQueue;
  /* One handler each, a new one replacing the old (Genode's mode_sigh of the Gui and of the Framebuffer session). */
  readonly #guiModeSigh: SignalSlot;
  readonly #framebufferModeSigh: SignalSlot;
  readonly #syncSigh: SignalSlot;
  readonly #buffer: SessionBuffer;
  #ram: number;
  #caps: number;
  #ids = 0;
  #alive = true;
  readonly framebufferCap: Capability<Framebuffer>;
  readonly inputCap: Capability<Input>;

  constructor(context: GuiContext, readonly label: string, public domain: Domain, ram: number, caps: number) {
    this.#context = context;
    this.#ram = ram;
    this.#caps = caps;
    this.#buffer = new SessionBuffer(context.env, `Gui session "${label}"`);
    this.framebufferCap = context.env.ep.manage(Framebuffer, this.#framebuffer());
    const signals = { submit: context.env.ep.submit, release: context.env.release };
    this.#input = new InputQueue(signals);
    this.#guiModeSigh = new SignalSlot(signals);
    this.#framebufferModeSigh = new SignalSlot(signals);
    this.#syncSigh = new SignalSlot(signals);
    this.inputCap = context.env.ep.manage(Input, this.#input);
  }

  get alive(): boolean {
    return this.#alive;
  }

  get pixels(): Uint32Array | undefined {
    return this.#buffer.pixels;
  }

  get bufferWidth(): number {
    return this.#buffer.mode.width;
  }

  get bufferHeight(): number {
    return this.#buffer.mode.height;
  }

  /** Queues an event, translated to the domain's coordinates, and signals the client if the queue was empty. */
  submit(event: InputEvent): void {
    if (!this.#alive) return;
    this.#input.submit(this.#translated(event));
  }

  #translated(event: InputEvent): InputEvent {
    if (event.type !== 'absolute_motion' && event.type !== 'touch') return event;
    const origin = this.#origin();
    return { ...event, x: event.x - origin.x, y: event.y - origin.y };
  }

  /* Where (0, 0) of the session's coordinates lies on the screen. */
  #origin(): Point {
    return domainOrigin(this.domain, this.#context.stack.screen, this.#context.stack.pointer);
  }

  /** The suggested mode changed (the screen or the domain did): tell the client. */
  modeChanged(): void {
    this.#guiModeSigh.submit();
    this.#framebufferModeSigh.submit();
  }

  upgrade(ram: number, caps: number): void {
    this.#ram += ram;
    this.#caps += caps;
  }

  /** The session object served for the Gui interface. */
  implementation(): Implementation<Gui> & SessionHooks {
    return {
      framebuffer: () => this.framebufferCap,
      input: () => this.inputCap,
      mode: () => domainScreenSize(this.domain, this.#context.stack.screen),
      modeSigh: (handler: SignalContextCapability) => this.#guiModeSigh.set(handler),
      buffer: (mode: FramebufferMode) => this.#allocateBuffer(mode),
      createView: (attributes: ViewAttributes) => this.#createView(attributes),
      destroyView: (id: number) => this.#destroyView(id),
      viewCapability: (id: number) => this.#viewCapability(id),
      associate: (cap: Capability<ViewInterface>) => this.#associate(cap),
      execute: (commands: readonly GuiCommand[]) => this.#execute(commands),
      upgrade: (ram: number, caps: number) => this.upgrade(ram, caps),
      close: () => this.close(),
    };
  }

  async #allocateBuffer(mode: FramebufferMode): Promise<void> {
    await this.#buffer.allocate(mode, () => this.#ram - GUI_SESSION_RAM);
    if (this.#alive) this.#damageViews();
  }

  #damageViews(): void {
    for (const placement of this.#context.stack.placements(this)) this.#context.damage(placement.outer);
  }

  #view(id: unknown, own = false): View {
    const view = typeof id === 'number' ? (this.#views.get(id) ?? (own ? undefined : this.#associated.get(id))) : undefined;
    if (view === undefined || view.destroyed) throw new GuiError(`Gui session "${this.label}": no view ${String(id)}`);
    return view;
  }

  #createView(attributes: ViewAttributes): number {
    if (typeof attributes !== 'object' || attributes === null) throw new GuiError(`Gui session "${this.label}": createView expects attributes`);
    if (this.#views.size >= MAX_VIEWS) throw new GuiError(`Gui session "${this.label}": at most ${MAX_VIEWS} views`);
    const parent = attributes.parent === undefined ? undefined : this.#view(attributes.parent);
    const view = new View(this, parent);
    const id = ++this.#ids;
    const before = this.#screenAreas();
    if (attributes.title !== undefined) view.title = this.#title(attributes.title);
    if (attributes.rect !== undefined) view.geometry = this.#checkedGeometry(view, attributes.rect);
    this.#views.set(id, view);
    this.#context.stack.stack(view, attributes.front ?? true);
    /* Where the views were and where they are now: a new view's place must be drawn too. */
    this.#context.viewsChanged([...before, ...this.#screenAreas()]);
    return id;
  }

  #title(title: unknown): string {
    if (typeof title !== 'string') throw new GuiError(`Gui session "${this.label}": a title is a string`);
    return [...title.replace(/[\u0000-\u001f\u007f]/g, ' ')].slice(0, MAX_TITLE_LENGTH).join('');
  }

  /* A top-level view must touch the screen (once there is one); a child view lies in its parent's coordinates. */
  #checkedGeometry(view: View, rect: unknown): Rect {
    if (!isRect(rect)) throw new GuiError(`Gui session "${this.label}": geometry ${JSON.stringify(rect)} is not a rectangle of integers`);
    if (view.parent === undefined) {
      const screen = this.#context.stack.screen;
      if (screen.width > 0 && screen.height > 0 && rect.width > 0 && rect.height > 0) {
        const origin = this.#origin();
        const onScreen = translate(rect, origin.x, origin.y);
        if (isEmpty(intersect(onScreen, { x: 0, y: 0, ...screen }))) {
          throw new RangeError(`Gui session "${this.label}": view geometry ${formatRect(rect)} lies outside the screen ${screen.width}x${screen.height}`);
        }
      }
    }
    return rect;
  }

  #destroyView(id: number): void {
    const before = this.#screenAreas();
    const own = typeof id === 'number' ? this.#views.get(id) : undefined;
    if (own === undefined) {
      if (!this.#associated.delete(id)) throw new GuiError(`Gui session "${this.label}": no view ${String(id)}`);
      return;
    }
    this.#views.delete(id);
    this.#dropView(own);
    this.#context.viewsChanged([...before, ...this.#screenAreas()]);
  }

  #dropView(view: View): void {
    view.destroy();
    this.#context.stack.remove(view);
    const cap = this.#viewCapabilities.get(view);
    if (cap !== undefined) {
      this.#viewCapabilities.delete(view);
      this.#context.env.ep.dissolve(cap);
      this.#caps += 1;
    }
  }

  #viewCapability(id: number): Capability<ViewInterface> {
    const view = this.#view(id, true);
    const known = this.#viewCapabilities.get(view);
    if (known !== undefined) return known as Capability<ViewInterface>;
    if (this.#caps - SESSION_OWN_CAPS - this.#viewCapabilities.size < 1) {
      throw new OutOfCaps(`Gui session "${this.label}": a view capability needs a cap the session's donation does not have: upgrade the session`);
    }
    const cap = this.#context.env.ep.manage(ViewInterface, { handle: () => undefined });
    this.#viewCapabilities.set(view, cap);
    this.#context.registerViewCapability(cap, view);
    return cap;
  }

  #associate(cap: Capability<ViewInterface>): number {
    const view = this.#context.viewOfCapability(cap);
    if (view === undefined || view.destroyed) throw new CapabilityRevoked(`Gui session "${this.label}": associate: not a view of this nitpicker`);
    if (this.#associated.size >= MAX_VIEWS) throw new GuiError(`Gui session "${this.label}": at most ${MAX_VIEWS} associated views`);
    const id = ++this.#ids;
    this.#associated.set(id, view);
    return id;
  }

  #execute(commands: readonly GuiCommand[]): void {
    if (!Array.isArray(commands)) throw new GuiError(`Gui session "${this.label}": execute expects an array of commands`);
    const before = this.#screenAreas();
    try {
      commands.forEach((command: unknown, index) => this.#command(command, index));
    } finally {
      this.#context.viewsChanged([...before, ...this.#screenAreas()]);
    }
  }

  #command(value: unknown, index: number): void {
    if (typeof value !== 'object' || value === null) throw new GuiError(`Gui session "${this.label}": command ${index} is not an object`);
    const command = value as GuiCommand;
    const view = this.#view(command.view, true);
    switch (command.op) {
      case 'geometry':
        view.geometry = this.#checkedGeometry(view, command.rect);
        this.#context.stack.changed();
        return;
      case 'offset':
        if (!isCoordinate(command.x) || !isCoordinate(command.y)) throw new GuiError(`Gui session "${this.label}": command ${index}: offset needs integers`);
        view.offset = { x: command.x, y: command.y };
        return;
      case 'front':
      case 'back': {
        const neighbor = command.neighbor === undefined ? undefined : this.#view(command.neighbor, true);
        this.#context.stack.stack(view, command.op === 'front', neighbor);
        return;
      }
      case 'background':
        view.background = true;
        this.#context.stack.stack(view, false);
        return;
      case 'title':
        view.title = this.#title(command.title);
        this.#context.stack.changed();
        return;
      default:
        throw new GuiError(`Gui session "${this.label}": command ${index}: unknown op ${JSON.stringify((command as { op?: unknown }).op)}`);
    }
  }

  /*
   * What a change of the session's views may repaint: where its views are
   * (with frames) and where every label is, for a label moves when what
   * covers its view changes. Taken before and after a change.
   */
  #screenAreas(): Rect[] {
    return [...this.#context.stack.placements(this).map((placement) => placement.outer), ...this.#context.stack.labelRects()];
  }

  #framebuffer(): Implementation<Framebuffer> {
    return {
      dataspace: () => this.#buffer.dataspace ?? null,
      mode: () => this.#buffer.mode,
      modeSigh: (handler: SignalContextCapability) => this.#framebufferModeSigh.set(handler),
      refresh: (x: number, y: number, width: number, height: number) => this.#refresh({ x, y, width, height }),
      syncSigh: (handler: SignalContextCapability | null) => {
        this.#context.setSyncHandler(this.#syncSigh.handler, handler ?? undefined);
        this.#syncSigh.set(handler ?? undefined);
      },
    };
  }

  #refresh(area: Rect): void {
    if (!isRect(area)) throw new GuiError(`Gui session "${this.label}": refresh ${JSON.stringify(area)} is not a rectangle of integers`);
    const buffer = { x: 0, y: 0, ...this.#buffer.mode };
    const inside = intersect(area, buffer);
    if (isEmpty(inside)) {
      if (isEmpty(area)) return;
      throw new RangeError(`Gui session "${this.label}": refresh of ${formatRect(area)} lies outside the buffer ${buffer.width}x${buffer.height}`);
    }
    for (const { view, rect, clip } of this.#context.stack.placements(this)) {
      const onScreen = translate(inside, rect.x + view.offset.x, rect.y + view.offset.y);
      const shown = intersect(onScreen, clip);
      if (!isEmpty(shown)) this.#context.damage(shown);
    }
  }

  async close(): Promise<void> {
    if (!this.#alive) return;
    this.#alive = false;
    const before = this.#screenAreas();
    for (const view of this.#views.values()) this.#dropView(view);
    this.#views.clear();
    this.#associated.clear();
    this.#context.setSyncHandler(this.#syncSigh.handler, undefined);
    for (const slot of [this.#guiModeSigh, this.#framebufferModeSigh, this.#syncSigh]) slot.set(undefined);
    this.#input.close();
    this.#context.env.ep.dissolve(this.framebufferCap);
    this.#context.env.ep.dissolve(this.inputCap);
    this.#context.viewsChanged([...before, ...this.#screenAreas()]);
    this.#context.sessionClosed(this);
    await this.#buffer.close();
  }
}
