/*
 * Gui session: nitpicker's session, as Genode's Gui::Session. A client
 * gets a framebuffer and an input session with it, allocates its buffer
 * (`buffer`, paid from the session's donation), and shows parts of the
 * buffer on the screen through views: rectangles with a stacking
 * position, a title, and an offset into the buffer. Views change by
 * batches of commands (`execute`), as Genode's command buffer.
 *
 * `mode()` is the size the server suggests (the screen's; a window
 * manager's: the window's); `modeSigh` tells of changes (an adaptable
 * session: the client may allocate a buffer of the new size). A view of
 * another session becomes usable here by its capability (`associate`):
 * a view can be the child of such a view, positioned relative to it and
 * clipped by it (the loader nests a subsystem's views in its client's so).
 */

import type { Capability, SignalContextCapability } from '../../base/capability.js';
import { defineInterface } from '../../base/interface.js';
import type { Rect } from '../../util/rect.js';
import type { Framebuffer, Mode } from '../framebuffer/interface.js';
import type { Input } from '../input/interface.js';

/** A view's capability: lets another session place its views relative to this one. */
export interface View {
  /** Never called; a view capability is a handle only. */
  handle(): void;
}

export const View = defineInterface<View>('View', ['handle']);

export interface ViewAttributes {
  readonly title?: string;
  readonly rect?: Rect;
  /** Stack the view in front of the session's other views (default true). */
  readonly front?: boolean;
  /** A view id of this session (one of its own or an associated one) the new view is a child of. */
  readonly parent?: number;
}

export type GuiCommand =
  /** Position and size on the screen (relative to the parent's position for a child view). */
  | { readonly op: 'geometry'; readonly view: number; readonly rect: Rect }
  /** Where the buffer's origin lies relative to the view's (scrolling within the buffer). */
  | { readonly op: 'offset'; readonly view: number; readonly x: number; readonly y: number }
  /** In front of `neighbor` (a view of the session), or of all of the session's views. */
  | { readonly op: 'front'; readonly view: number; readonly neighbor?: number }
  /** Behind `neighbor`, or behind all of the session's views. */
  | { readonly op: 'back'; readonly view: number; readonly neighbor?: number }
  /** The session's background view: it is shown behind everything of its domain, the desktop. */
  | { readonly op: 'background'; readonly view: number }
  | { readonly op: 'title'; readonly view: number; readonly title: string };

export interface Gui {
  framebuffer(): Capability<Framebuffer>;
  input(): Capability<Input>;
  /** The size the server suggests for the buffer. */
  mode(): Mode;
  /** Signalled when the suggested size changed. */
  modeSigh(handler: SignalContextCapability): void;
  /**
   * Allocates the framebuffer (replacing the previous one), paid from the
   * session's donation. OutOfRam if the donation cannot pay for it: the
   * client upgrades the session and asks again.
   */
  buffer(mode: Mode): void;
  /** Creates a view; answers its id. */
  createView(attributes: ViewAttributes): number;
  /** Destroys a view of the session, or forgets an associated one. */
  destroyView(view: number): void;
  /** A capability of one of the session's views, for another session to `associate`. */
  viewCapability(view: number): Capability<View>;
  /** Makes another session's view usable as a parent here; answers its id in this session. */
  associate(view: Capability<View>): number;
  /** Applies the commands in order; a bad command is an error, and those before it took effect. */
  execute(commands: readonly GuiCommand[]): void;
}

export const Gui = defineInterface<Gui>('Gui', [
  'framebuffer', 'input', 'mode', 'modeSigh', 'buffer', 'createView', 'destroyView', 'viewCapability', 'associate', 'execute',
]);

/** What a Gui server keeps of each donation for the session itself (views, queues); the rest pays for buffers. */
export const GUI_SESSION_RAM = 64 * 1024;
export const GUI_SESSION_CAPS = 6;
/** Views a session may have at most (each costs the server memory). */
export const MAX_VIEWS = 256;
/** Longest title a view may have (longer ones are cut). */
export const MAX_TITLE_LENGTH = 128;
