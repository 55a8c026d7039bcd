/*
 * The Gui service the loader offers one subsystem (Genode's loader:
 * Local_nitpicker_factory), when its policy permits Gui. Each Gui session
 * of the subsystem becomes a session of the loader's own parent
 * (nitpicker) under the subsystem's label, with the subsystem's donation:
 * the loader keeps one cap of it for the session object it serves and
 * passes the rest on, so it pays nothing of its own. The client's view
 * (Loader.parentView) is associated in every session, and the
 * subsystem's top-level views nest in it (gui_session.ts).
 *
 * The subsystem's first top-level view to get a geometry is "the view"
 * of Genode's Loader session: its readiness is signalled, its size is
 * `viewSize`, and the client may place it (`viewGeometry`).
 */

import {
  Gui, InsufficientCapQuota, SessionArgs, ViewDoesNotExist, type Area, type Capability, type Env, type Implementation,
  type Point, type Rect, type Root, type SignalContextCapability, type View,
} from 'nido';
import { NestedGuiSession, type GuiSessionOwner } from './gui_session.js';

interface OpenSession {
  readonly grant: number;
  readonly grantCap: Capability;
  readonly cap: Capability<Gui>;
  readonly impl: NestedGuiSession;
}

/* The session object the loader serves costs it one capability: the subsystem pays it from its donation. */
const LOADER_CAPS_PER_SESSION = 1;

export class GuiService implements Implementation<Root>, GuiSessionOwner {
  readonly #env: Env;
  readonly #label: string;
  readonly #sessions = new Map<number, OpenSession>();
  #ids = 0;
  #parentView: Capability<View> | undefined;
  #maxSize: Area | undefined;
  #readyHandler: SignalContextCapability | undefined;
  #primary: { readonly session: NestedGuiSession; readonly view: number } | undefined;

  /** `label`: the loader session's, for diagnostics. */
  constructor(env: Env, label: string) {
    this.#env = env;
    this.#label = label;
  }

  get maxSize(): Area | undefined {
    return this.#maxSize;
  }

  set maxSize(size: Area | undefined) {
    this.#maxSize = size;
  }

  /** The client's view in which the subsystem's views nest; the service holds its own copy until `dispose`. */
  set parentView(view: Capability<View> | undefined) {
    if (this.#parentView !== undefined) this.#env.release(this.#parentView);
    this.#parentView = view;
  }

  set readyHandler(handler: SignalContextCapability | undefined) {
    if (this.#readyHandler !== undefined) this.#env.release(this.#readyHandler);
    this.#readyHandler = handler;
    if (handler !== undefined && this.#ready() !== undefined) this.#env.ep.submit(handler);
  }

  /* ---------------------------------------------------------------- Root */

  async session(argString: string): Promise<ReturnType<Root['session']>> {
    const args = SessionArgs.parse(argString);
    if (args.capQuota <= LOADER_CAPS_PER_SESSION) {
      throw new InsufficientCapQuota(`Gui session "${args.label}" at the loader needs cap_quota above ${LOADER_CAPS_PER_SESSION}`);
    }
    const forwarded = args.set('cap_quota', args.capQuota - LOADER_CAPS_PER_SESSION);
    const grant = await this.#env.parent.session('Gui', forwarded.toString());
    const gui = this.#env.client(Gui, grant.cap as Capability<Gui>);
    let parent: number | undefined;
    try {
      if (this.#parentView !== undefined) parent = await gui.associate(this.#parentView);
    } catch (error) {
      await this.#env.parent.close(grant.id);
      this.#env.release(grant.cap);
      throw error;
    }
    const impl = new NestedGuiSession(this.#env, gui, parent, args.label, this);
    const cap = this.#env.ep.manage(Gui, impl);
    const id = ++this.#ids;
    this.#sessions.set(id, { grant: grant.id, grantCap: grant.cap, cap, impl });
    return { id, cap };
  }

  async upgrade(id: number, argString: string): Promise<void> {
    const session = this.#sessions.get(id);
    if (session === undefined) return;
    await this.#env.parent.upgrade(session.grant, argString);
  }

  async close(id: number): Promise<void> {
    const session = this.#sessions.get(id);
    if (session === undefined) return;
    this.#sessions.delete(id);
    this.#env.ep.dissolve(session.cap);
    session.impl.close();
    await this.#env.parent.close(session.grant);
    this.#env.release(session.grantCap);
  }

  /* ---------------------------------------------------------------- GuiSessionOwner */

  viewGeometry(session: NestedGuiSession, view: number): void {
    if (this.#ready() !== undefined) return;
    this.#primary = { session, view };
    if (this.#readyHandler !== undefined) this.#env.ep.submit(this.#readyHandler);
  }

  closed(session: NestedGuiSession): void {
    if (this.#primary?.session === session) this.#primary = undefined;
  }

  warning(text: string): void {
    this.#env.warning(text);
  }

  /* ---------------------------------------------------------------- the view, for the Loader session */

  /* The subsystem's view while it exists and has a geometry. */
  #ready(): { readonly session: NestedGuiSession; readonly view: number; readonly rect: Rect } | undefined {
    const primary = this.#primary;
    if (primary === undefined) return undefined;
    const rect = primary.session.views.geometry(primary.view);
    if (rect === undefined || !primary.session.views.topLevel(primary.view)) {
      this.#primary = undefined;
      return undefined;
    }
    return { ...primary, rect };
  }

  #missing(): ViewDoesNotExist {
    return new ViewDoesNotExist(`loader session "${this.#label}": the subsystem has no view with a geometry yet (wait for viewReadySigh)`);
  }

  viewSize(): Area {
    const ready = this.#ready();
    if (ready === undefined) throw this.#missing();
    const max = this.#maxSize;
    return max === undefined
      ? { width: ready.rect.width, height: ready.rect.height }
      : { width: Math.min(ready.rect.width, max.width), height: Math.min(ready.rect.height, max.height) };
  }

  async place(rect: Rect, offset: Point): Promise<void> {
    const ready = this.#ready();
    if (ready === undefined) throw this.#missing();
    await ready.session.place(ready.view, { rect, offset });
  }

  /** Releases what the service holds; its sessions were closed with the subsystem. */
  dispose(): void {
    this.parentView = undefined;
    this.readyHandler = undefined;
  }
}
