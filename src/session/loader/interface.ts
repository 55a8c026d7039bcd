/*
 * Loader session (spec/runtime.md §6): a client that wants to run a
 * subsystem opens a session and pays for it; it puts ROM modules into the
 * session (binaries, configs, archives), sets the subsystem's quota, and
 * starts it. The loader runs the subsystem as its own child: its labels
 * read `loader -> LABEL -> ...`, its requests go to the loader's parent as
 * the loader's policy for the client permits. The client can watch it end
 * (`faultSigh`, `state`) and end it by closing the session; it can do
 * nothing else to it.
 *
 * Graphics, as Genode's Loader::Session: the client hands the loader one
 * of its own views (`parentView`) before the start. Every Gui session of
 * the subsystem then goes to the loader's parent (nitpicker) under the
 * subsystem's label, and the subsystem's top-level views become children
 * of that view: nitpicker positions them relative to it and clips them to
 * it, so the subsystem (a browser's plugin) cannot draw outside the place
 * its client gave it. `viewReadySigh` tells when the subsystem's first
 * view has its geometry, `viewSize` how large it wants to be, and
 * `viewGeometry` lets the client place it.
 */

import type { Capability, SignalContextCapability } from '../../base/capability.js';
import type { DataspaceHandle } from '../../base/dataspace.js';
import { NidoError, registerErrors } from '../../base/errors.js';
import { defineInterface } from '../../base/interface.js';
import type { Area, Point, Rect } from '../../util/rect.js';
import type { View } from '../gui/interface.js';
import type { PdQuota } from '../pd/interface.js';

/** The subsystem has no view (yet): it opened no Gui session or gave no view a geometry (Genode's View_does_not_exist). */
export class ViewDoesNotExist extends NidoError {}

registerErrors(ViewDoesNotExist);

export interface LoaderState {
  readonly started: boolean;
  /** How the subsystem ended, once it did. */
  readonly exit?: { readonly reason: string; readonly code: number; readonly message: string };
}

export interface Loader {
  /** Puts (or replaces) the ROM module `name` with `content`; paid from the session quota. */
  romModule(name: string, content: Uint8Array): void;
  /** Genode's way: a dataspace of `size` bytes to fill, then `commitRomModule`. */
  allocRomModule(name: string, size: number): DataspaceHandle;
  commitRomModule(name: string): void;
  /** RAM (bytes) and caps the subsystem gets, taken from the session quota. */
  ramQuota(bytes: number): void;
  capQuota(caps: number): void;
  /** The largest buffer size the subsystem's Gui sessions suggest (their `mode()`); before `start`. */
  constrainGeometry(size: Area): void;
  /** The client's view in which the subsystem's views nest (positioned relative to it, clipped by it); before `start`. */
  parentView(view: Capability<View>): void;
  /** Signalled once, when the subsystem's first top-level view got its geometry. */
  viewReadySigh(handler: SignalContextCapability): void;
  /** Starts `binary` (a module of the session, or one the policy lets the loader fetch) as child `label`. */
  start(binary: string, label: string): void;
  /**
   * Places the subsystem's view (its first top-level view) at `rect`,
   * relative to the parent view, showing its buffer from `offset` on; the
   * subsystem's own geometry of that view then only tells `viewSize`.
   * ViewDoesNotExist before the view is ready.
   */
  viewGeometry(rect: Rect, offset: Point): void;
  /** The size the subsystem gave its view (at most the constrained size); ViewDoesNotExist before the view is ready. */
  viewSize(): Area;
  /** Signalled when the subsystem exits or crashes. */
  faultSigh(handler: SignalContextCapability): void;
  state(): LoaderState;
  /** The subsystem's RAM and caps: its PD account (all zero before it starts and after it ended). */
  usage(): PdQuota;
}

export const Loader = defineInterface<Loader>('Loader', [
  'romModule', 'allocRomModule', 'commitRomModule', 'ramQuota', 'capQuota', 'constrainGeometry', 'parentView',
  'viewReadySigh', 'start', 'viewGeometry', 'viewSize', 'faultSigh', 'state', 'usage',
]);

/** What the loader keeps of each session's donation for its own bookkeeping. */
export const LOADER_SESSION_COSTS = 64 * 1024;
