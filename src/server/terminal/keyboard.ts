/*
 * Keys to bytes, as xterm sends them (xterm's ctlseqs, "PC-Style Function
 * Keys"): a press event (Genode's key name and, for keys that make one,
 * the character) becomes the bytes the terminal's client reads. The
 * keyboard tracks the modifiers from their own presses and releases, as
 * Genode's terminal counts its control keys.
 *
 * - a printable character as UTF-8; Enter CR, Backspace DEL, Tab, Esc;
 * - cursor keys CSI A..D, or SS3 A..D in application cursor mode (which
 *   the program asked for with DECCKM); Home/End likewise;
 * - Insert, Delete, PageUp, PageDown and F5..F20 as CSI n ~, F1..F4 SS3 P..S;
 *   with Shift, Alt or Ctrl held, xterm's modifier parameter (CSI 1;m A,
 *   CSI 5;m ~), m = 1 + Shift + 2 Alt + 4 Ctrl;
 * - Ctrl with a letter (and @ [ \ ] ^ _ ? space) the control byte;
 * - Alt with a character: ESC before it (xterm's metaSendsEscape);
 * - the keypad in application keypad mode (DECKPAM) SS3 p..y and friends.
 *
 * Shift+PageUp and Shift+PageDown are the terminal's own: they scroll
 * through the scrollback, the client reads nothing of them.
 */

import type { InputEvent, KeyName } from 'nido';

/** The modes of the program on the terminal that change what keys send (xterm tracks them). */
export interface KeyboardModes {
  /** DECCKM: cursor keys (and Home/End) send SS3 instead of CSI. */
  readonly applicationCursorKeys: boolean;
  /** DECKPAM: the keypad sends SS3 sequences instead of its characters. */
  readonly applicationKeypad: boolean;
}

export const NORMAL_MODES: KeyboardModes = Object.freeze({ applicationCursorKeys: false, applicationKeypad: false });

export interface Modifiers {
  readonly shift: boolean;
  readonly control: boolean;
  readonly alt: boolean;
}

/** What a key does: bytes for the client, or a scroll of the terminal's own view. */
export type KeyAction =
  | { readonly type: 'bytes'; readonly bytes: string }
  | { readonly type: 'scroll'; readonly pages: number };

const ESC = '\x1b';
const CSI = `${ESC}[`;
const SS3 = `${ESC}O`;

/* Cursor keys and Home/End: the final byte of CSI x / SS3 x. */
const CURSOR: Readonly<Record<string, string>> = {
  KEY_UP: 'A', KEY_DOWN: 'B', KEY_RIGHT: 'C', KEY_LEFT: 'D', KEY_HOME: 'H', KEY_END: 'F',
};

/* Keys that send CSI n ~. */
const TILDE: Readonly<Record<string, number>> = {
  KEY_INSERT: 2, KEY_DELETE: 3, KEY_PAGEUP: 5, KEY_PAGEDOWN: 6,
  KEY_F5: 15, KEY_F6: 17, KEY_F7: 18, KEY_F8: 19, KEY_F9: 20, KEY_F10: 21, KEY_F11: 23, KEY_F12: 24,
  KEY_F13: 25, KEY_F14: 26, KEY_F15: 28, KEY_F16: 29, KEY_F17: 31, KEY_F18: 32, KEY_F19: 33, KEY_F20: 34,
};

/* F1..F4: SS3 P..S. */
const PF: Readonly<Record<string, string>> = { KEY_F1: 'P', KEY_F2: 'Q', KEY_F3: 'R', KEY_F4: 'S' };

/* The keypad in application keypad mode: SS3 and this final byte (xterm's "VT220-style" keypad). */
const KEYPAD: Readonly<Record<string, string>> = {
  KEY_KP0: 'p', KEY_KP1: 'q', KEY_KP2: 'r', KEY_KP3: 's', KEY_KP4: 't', KEY_KP5: 'u', KEY_KP6: 'v', KEY_KP7: 'w',
  KEY_KP8: 'x', KEY_KP9: 'y', KEY_KPDOT: 'n', KEY_KPPLUS: 'k', KEY_KPMINUS: 'm', KEY_KPASTERISK: 'j',
  KEY_KPSLASH: 'o', KEY_KPENTER: 'M', KEY_KPEQUAL: 'X',
};

/* Keys without a character whose control byte comes from the key (the US layout's characters on them). */
const CONTROL_OF_KEY: Readonly<Record<string, number>> = {
  KEY_SPACE: 0x00, KEY_2: 0x00, KEY_LEFTBRACE: 0x1b, KEY_3: 0x1b, KEY_BACKSLASH: 0x1c, KEY_4: 0x1c,
  KEY_RIGHTBRACE: 0x1d, KEY_5: 0x1d, KEY_6: 0x1e, KEY_MINUS: 0x1f, KEY_7: 0x1f, KEY_SLASH: 0x1f, KEY_8: 0x7f,
};

const MODIFIER_KEYS: Readonly<Record<string, keyof Modifiers>> = {
  KEY_LEFTSHIFT: 'shift', KEY_RIGHTSHIFT: 'shift', KEY_LEFTCTRL: 'control', KEY_RIGHTCTRL: 'control', KEY_LEFTALT: 'alt',
};

/* xterm's modifier parameter: 1 + Shift + 2 Alt + 4 Ctrl; 1 (none) is left out. */
function modifierParameter(modifiers: Modifiers): number {
  return 1 + (modifiers.shift ? 1 : 0) + (modifiers.alt ? 2 : 0) + (modifiers.control ? 4 : 0);
}

/* The control byte of a character with Ctrl held, if it has one (xterm's). */
function controlByte(codepoint: number): number | undefined {
  if (codepoint >= 0x61 && codepoint <= 0x7a) return codepoint - 0x60;
  if (codepoint >= 0x40 && codepoint <= 0x5f) return codepoint - 0x40;
  if (codepoint === 0x20) return 0;
  if (codepoint === 0x3f) return 0x7f;
  return undefined;
}

/**
 * The bytes xterm sends for a press of `key` (with `codepoint`, the
 * character the key made, if any) while `modifiers` are held; undefined
 * for a key that sends nothing (a modifier itself, an unknown key).
 *
 *   keyBytes('KEY_UP', undefined, { shift: false, control: false, alt: false }, NORMAL_MODES)  // '\x1b[A'
 *   keyBytes('KEY_C', 0x63, { shift: false, control: true, alt: false }, NORMAL_MODES)        // '\x03'
 */
export function keyBytes(key: KeyName, codepoint: number | undefined, modifiers: Modifiers, modes: KeyboardModes): string | undefined {
  const parameter = modifierParameter(modifiers);
  const alt = modifiers.alt ? ESC : '';

  const cursor = CURSOR[key];
  if (cursor !== undefined) {
    if (parameter > 1) return `${CSI}1;${parameter}${cursor}`;
    return `${modes.applicationCursorKeys ? SS3 : CSI}${cursor}`;
  }
  const tilde = TILDE[key];
  if (tilde !== undefined) return parameter > 1 ? `${CSI}${tilde};${parameter}~` : `${CSI}${tilde}~`;
  const pf = PF[key];
  if (pf !== undefined) return parameter > 1 ? `${CSI}1;${parameter}${pf}` : `${SS3}${pf}`;

  if (modes.applicationKeypad) {
    const keypad = KEYPAD[key];
    if (keypad !== undefined) return `${SS3}${keypad}`;
  }

  switch (key) {
    case 'KEY_ENTER':
    case 'KEY_KPENTER':
      return `${alt}\r`;
    case 'KEY_BACKSPACE':
      /* xterm: DEL, and BS with Ctrl (which many programs take as "erase a word"). */
      return `${alt}${modifiers.control ? '\b' : '\x7f'}`;
    case 'KEY_TAB':
      return modifiers.shift ? `${CSI}Z` : `${alt}\t`;
    case 'KEY_ESC':
      return `${alt}${ESC}`;
    default:
      break;
  }

  if (modifiers.control) {
    const control = codepoint === undefined ? undefined : controlByte(codepoint);
    /* The key decides where the character does not (Ctrl+2 is NUL whatever the layout makes of Shift+2). */
    const byte = control ?? CONTROL_OF_KEY[key] ?? letterControl(key);
    if (byte !== undefined) return `${alt}${String.fromCharCode(byte)}`;
  }
  if (codepoint === undefined || codepoint === 0) return undefined;
  /* A control character the key made (some layouts' Ctrl combinations) passes as it is. */
  return `${alt}${String.fromCodePoint(codepoint)}`;
}

/* Ctrl+letter by the key's name, for a press without a character. */
function letterControl(key: KeyName): number | undefined {
  const letter = /^KEY_([A-Z])$/.exec(key)?.[1];
  return letter === undefined ? undefined : letter.charCodeAt(0) - 0x40;
}

/**
 * The keyboard of one terminal: held modifiers, and each press's action.
 *
 *   const keyboard = new Keyboard();
 *   keyboard.event({ type: 'press', key: 'KEY_LEFTCTRL' }, modes);           // undefined
 *   keyboard.event({ type: 'press', key: 'KEY_C', codepoint: 0x63 }, modes); // { type: 'bytes', bytes: '\x03' }
 */
export class Keyboard {
  /* Count per modifier: both Ctrl keys held and one released still holds Ctrl. */
  readonly #held = new Map<keyof Modifiers, number>();

  get modifiers(): Modifiers {
    return {
      shift: (this.#held.get('shift') ?? 0) > 0,
      control: (this.#held.get('control') ?? 0) > 0,
      alt: (this.#held.get('alt') ?? 0) > 0,
    };
  }

  /** The action of an input event (undefined for events that send nothing). */
  event(event: InputEvent, modes: KeyboardModes): KeyAction | undefined {
    if (event.type === 'focus_leave') {
      /* Releases happen elsewhere while another client has the focus. */
      this.#held.clear();
      return undefined;
    }
    if (event.type === 'release') {
      const modifier = MODIFIER_KEYS[event.key];
      if (modifier !== undefined) this.#held.set(modifier, Math.max(0, (this.#held.get(modifier) ?? 0) - 1));
      return undefined;
    }
    if (event.type !== 'press') return undefined;
    const modifier = MODIFIER_KEYS[event.key];
    if (modifier !== undefined) {
      this.#held.set(modifier, (this.#held.get(modifier) ?? 0) + 1);
      return undefined;
    }
    const modifiers = this.modifiers;
    if (modifiers.shift && !modifiers.control && !modifiers.alt) {
      if (event.key === 'KEY_PAGEUP') return { type: 'scroll', pages: -1 };
      if (event.key === 'KEY_PAGEDOWN') return { type: 'scroll', pages: 1 };
    }
    const bytes = keyBytes(event.key, event.codepoint, modifiers, modes);
    return bytes === undefined ? undefined : { type: 'bytes', bytes };
  }
}
