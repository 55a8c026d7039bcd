/*
 * The guard at wm's Gui boundary: a client's view attributes and command
 * batches arrive as `unknown` and leave as the session's types, or as a
 * TypeError that names what was wrong. A malformed call is the client's
 * error, never wm's crash.
 */

import { MAX_TITLE_LENGTH, isRect, type GuiCommand, type Rect, type ViewAttributes } from 'nido';

/** Commands one `execute` may carry (Genode's command buffer holds 64; a batch larger than this is a mistake). */
export const MAX_COMMANDS = 1024;

/** A view's attributes, checked. */
export interface CheckedAttributes {
  readonly title: string;
  readonly rect: Rect | undefined;
  readonly front: boolean;
  readonly parent: number | undefined;
}

export function checkedAttributes(value: unknown): CheckedAttributes {
  if (value === undefined) return { title: '', rect: undefined, front: true, parent: undefined };
  if (typeof value !== 'object' || value === null) throw new TypeError('createView: attributes must be an object { title, rect, front, parent }');
  const { title, rect, front, parent } = value as Record<string, unknown>;
  return {
    title: title === undefined ? '' : checkedTitle(title, 'createView'),
    rect: rect === undefined ? undefined : checkedRect(rect, 'createView'),
    front: front === undefined ? true : checkedBoolean(front, 'createView: front'),
    parent: parent === undefined ? undefined : checkedViewId(parent, 'createView: parent'),
  };
}

/** The attributes as nitpicker takes them. */
export function attributesOf(checked: CheckedAttributes, parent?: number): ViewAttributes {
  return {
    title: checked.title,
    ...(checked.rect === undefined ? {} : { rect: checked.rect }),
    front: checked.front,
    ...(parent === undefined ? {} : { parent }),
  };
}

export function checkedCommands(value: unknown): GuiCommand[] {
  if (!Array.isArray(value)) throw new TypeError('execute: expected an array of commands');
  if (value.length > MAX_COMMANDS) throw new TypeError(`execute: ${value.length} commands exceed the ${MAX_COMMANDS} of one batch`);
  return value.map((command: unknown, index) => checkedCommand(command, `execute: command ${index}`));
}

function checkedCommand(value: unknown, what: string): GuiCommand {
  if (typeof value !== 'object' || value === null) throw new TypeError(`${what} is not a command object`);
  const command = value as Record<string, unknown>;
  const view = checkedViewId(command['view'], `${what}: view`);
  switch (command['op']) {
    case 'geometry':
      return { op: 'geometry', view, rect: checkedRect(command['rect'], what) };
    case 'offset':
      return { op: 'offset', view, x: checkedCoordinate(command['x'], `${what}: x`), y: checkedCoordinate(command['y'], `${what}: y`) };
    case 'front':
    case 'back': {
      const neighbor = command['neighbor'];
      return neighbor === undefined
        ? { op: command['op'], view }
        : { op: command['op'], view, neighbor: checkedViewId(neighbor, `${what}: neighbor`) };
    }
    case 'background':
      return { op: 'background', view };
    case 'title':
      return { op: 'title', view, title: checkedTitle(command['title'], what) };
    default:
      throw new TypeError(`${what}: unknown op ${JSON.stringify(command['op'])?.slice(0, 40)} (geometry, offset, front, back, background, title)`);
  }
}

export function checkedViewId(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new TypeError(`${what} must be a view id (a positive integer)`);
  return value;
}

function checkedRect(value: unknown, what: string): Rect {
  if (!isRect(value)) throw new TypeError(`${what}: rect must be { x, y, width, height }, integers within ±65536, the size not negative`);
  const { x, y, width, height } = value;
  return { x, y, width, height };
}

function checkedTitle(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new TypeError(`${what}: title must be a string`);
  return [...value].slice(0, MAX_TITLE_LENGTH).join('');
}

function checkedBoolean(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${what} must be true or false`);
  return value;
}

function checkedCoordinate(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > 1 << 16) throw new TypeError(`${what} must be an integer within ±65536`);
  return value;
}
