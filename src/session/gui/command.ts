/*
 * A Gui session's arguments checked at a server's boundary: view
 * attributes and commands arrive as `unknown` and leave as plain copies of
 * the session's types, or as a TypeError that names what is wrong (a
 * hostile client's call is its own error, never the server's crash). wm
 * and the loader, which pass a client's Gui calls on to nitpicker, check
 * them so; what the arguments mean (which views exist, where the screen
 * is) is each server's to judge.
 *
 *   const command = guiCommand({ op: 'front', view: 2 }, 'execute: command 0');
 */

import { isCoordinate, isRect, type Rect } from '../../util/rect.js';
import { MAX_TITLE_LENGTH, type GuiCommand, type ViewAttributes } from './interface.js';

/** `value` as a view id (a positive integer), or a TypeError naming `what`. */
export function guiViewId(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new TypeError(`${what} must be a view id (a positive integer)`);
  return value;
}

function rect(value: unknown, what: string): Rect {
  if (!isRect(value)) throw new TypeError(`${what}: rect must be { x, y, width, height }, integers within ±65536, the size not negative`);
  const { x, y, width, height } = value;
  return { x, y, width, height };
}

function coordinate(value: unknown, what: string): number {
  if (!isCoordinate(value)) throw new TypeError(`${what} must be an integer within ±65536`);
  return value;
}

/** A title is a string; one longer than MAX_TITLE_LENGTH is cut. */
function title(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new TypeError(`${what}: title must be a string`);
  return [...value].slice(0, MAX_TITLE_LENGTH).join('');
}

/** `value` as view attributes (those it has), or a TypeError. */
export function viewAttributes(value: unknown, what = 'createView'): ViewAttributes {
  if (typeof value !== 'object' || value === null) throw new TypeError(`${what}: attributes must be an object { title, rect, front, parent }`);
  const attributes = value as Record<string, unknown>;
  const front = attributes['front'];
  if (front !== undefined && typeof front !== 'boolean') throw new TypeError(`${what}: front must be true or false`);
  return {
    ...(attributes['title'] === undefined ? {} : { title: title(attributes['title'], what) }),
    ...(attributes['rect'] === undefined ? {} : { rect: rect(attributes['rect'], what) }),
    ...(front === undefined ? {} : { front }),
    ...(attributes['parent'] === undefined ? {} : { parent: guiViewId(attributes['parent'], `${what}: parent`) }),
  };
}

/** `value` as a Gui command, or a TypeError; `what` names it (`execute: command 3`). */
export function guiCommand(value: unknown, what: string): GuiCommand {
  if (typeof value !== 'object' || value === null) throw new TypeError(`${what} is not a command object`);
  const command = value as Record<string, unknown>;
  const view = guiViewId(command['view'], `${what} names no view: view`);
  switch (command['op']) {
    case 'geometry':
      return { op: 'geometry', view, rect: rect(command['rect'], `${what} has no valid rect`) };
    case 'offset':
      return { op: 'offset', view, x: coordinate(command['x'], `${what}: x`), y: coordinate(command['y'], `${what}: y`) };
    case 'front':
    case 'back': {
      const neighbor = command['neighbor'];
      return neighbor === undefined
        ? { op: command['op'], view }
        : { op: command['op'], view, neighbor: guiViewId(neighbor, `${what}: neighbor`) };
    }
    case 'background':
      return { op: 'background', view };
    case 'title':
      return { op: 'title', view, title: title(command['title'], what) };
    default:
      throw new TypeError(`${what} has an unknown op ${JSON.stringify(command['op'])?.slice(0, 40)} (geometry, offset, front, back, background, title)`);
  }
}
