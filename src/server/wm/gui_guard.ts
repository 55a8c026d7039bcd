/*
 * The guard at wm's Gui boundary: a client's view attributes and command
 * batches arrive as `unknown` and leave as the session's types, or as a
 * TypeError that names what was wrong (the Gui session's checks,
 * src/session/gui/command.ts; wm adds the attributes' defaults and a
 * bound on a batch). A malformed call is the client's error, never wm's
 * crash.
 */

import { guiCommand, viewAttributes, type GuiCommand, type Rect, type ViewAttributes } from 'nido';

/** Commands one `execute` may carry (Genode's command buffer holds 64; a batch larger than this is a mistake). */
export const MAX_COMMANDS = 1024;

/** A view's attributes, checked, with the defaults filled in. */
export interface CheckedAttributes {
  readonly title: string;
  readonly rect: Rect | undefined;
  readonly front: boolean;
  readonly parent: number | undefined;
}

export function checkedAttributes(value: unknown): CheckedAttributes {
  if (value === undefined) return { title: '', rect: undefined, front: true, parent: undefined };
  const { title, rect, front, parent } = viewAttributes(value);
  return { title: title ?? '', rect, front: front ?? true, parent };
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
  return value.map((command: unknown, index) => guiCommand(command, `execute: command ${index}`));
}
