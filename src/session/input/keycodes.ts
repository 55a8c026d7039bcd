/*
 * Key and button names: Genode's Input::Keycode names (which are Linux's
 * input-event codes), the set a PC keyboard and a mouse produce. Global
 * keys in nitpicker's config (`<global-key name="KEY_F12" .../>`) and every
 * press/release event use them.
 *
 * `keyNameOfCode` maps a browser's KeyboardEvent.code (the physical key,
 * independent of the layout) to the name: the screen on the dashboard's
 * page produces events with it.
 */

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';

/* Browser code → Genode key name, for the keys whose names differ in more than a prefix. */
const CODES: Readonly<Record<string, string>> = {
  Escape: 'KEY_ESC', Minus: 'KEY_MINUS', Equal: 'KEY_EQUAL', Backspace: 'KEY_BACKSPACE', Tab: 'KEY_TAB',
  BracketLeft: 'KEY_LEFTBRACE', BracketRight: 'KEY_RIGHTBRACE', Enter: 'KEY_ENTER', ControlLeft: 'KEY_LEFTCTRL',
  Semicolon: 'KEY_SEMICOLON', Quote: 'KEY_APOSTROPHE', Backquote: 'KEY_GRAVE', ShiftLeft: 'KEY_LEFTSHIFT',
  Backslash: 'KEY_BACKSLASH', Comma: 'KEY_COMMA', Period: 'KEY_DOT', Slash: 'KEY_SLASH', ShiftRight: 'KEY_RIGHTSHIFT',
  NumpadMultiply: 'KEY_KPASTERISK', AltLeft: 'KEY_LEFTALT', Space: 'KEY_SPACE', CapsLock: 'KEY_CAPSLOCK',
  NumLock: 'KEY_NUMLOCK', ScrollLock: 'KEY_SCROLLLOCK', NumpadSubtract: 'KEY_KPMINUS', NumpadAdd: 'KEY_KPPLUS',
  NumpadDecimal: 'KEY_KPDOT', IntlBackslash: 'KEY_102ND', NumpadEnter: 'KEY_KPENTER', ControlRight: 'KEY_RIGHTCTRL',
  NumpadDivide: 'KEY_KPSLASH', PrintScreen: 'KEY_SYSRQ', AltRight: 'KEY_RIGHTALT', Home: 'KEY_HOME', ArrowUp: 'KEY_UP',
  PageUp: 'KEY_PAGEUP', ArrowLeft: 'KEY_LEFT', ArrowRight: 'KEY_RIGHT', End: 'KEY_END', ArrowDown: 'KEY_DOWN',
  PageDown: 'KEY_PAGEDOWN', Insert: 'KEY_INSERT', Delete: 'KEY_DELETE', Pause: 'KEY_PAUSE', MetaLeft: 'KEY_LEFTMETA',
  MetaRight: 'KEY_RIGHTMETA', ContextMenu: 'KEY_COMPOSE', NumpadEqual: 'KEY_KPEQUAL',
};

const NAMES = new Set<string>([
  ...Object.values(CODES),
  ...[...LETTERS].map((letter) => `KEY_${letter}`),
  ...[...DIGITS].map((digit) => `KEY_${digit}`),
  ...[...DIGITS].map((digit) => `KEY_KP${digit}`),
  ...Array.from({ length: 24 }, (_, index) => `KEY_F${index + 1}`),
  'KEY_UNKNOWN', 'KEY_PRINT',
  'BTN_LEFT', 'BTN_RIGHT', 'BTN_MIDDLE', 'BTN_SIDE', 'BTN_EXTRA', 'BTN_FORWARD', 'BTN_BACK', 'BTN_TOUCH',
]);

/** A key or button name such as `KEY_A` or `BTN_LEFT`. */
export type KeyName = string & { readonly __keyName?: never };

export function isKeyName(value: unknown): value is KeyName {
  return typeof value === 'string' && NAMES.has(value);
}

/** The Genode key name of a browser's KeyboardEvent.code, KEY_UNKNOWN for keys without one. */
export function keyNameOfCode(code: string): KeyName {
  const named = CODES[code];
  if (named !== undefined) return named;
  const letter = /^Key([A-Z])$/.exec(code)?.[1];
  if (letter !== undefined) return `KEY_${letter}`;
  const digit = /^(Digit|Numpad)([0-9])$/.exec(code);
  if (digit !== null) return digit[1] === 'Digit' ? `KEY_${digit[2]}` : `KEY_KP${digit[2]}`;
  const function_key = /^F([0-9]{1,2})$/.exec(code)?.[1];
  if (function_key !== undefined && NAMES.has(`KEY_F${function_key}`)) return `KEY_F${function_key}`;
  return 'KEY_UNKNOWN';
}

/** The Genode button name of a browser's MouseEvent.button (0 left, 1 middle, 2 right, 3 back, 4 forward). */
export function buttonNameOfMouse(button: number): KeyName {
  return ['BTN_LEFT', 'BTN_MIDDLE', 'BTN_RIGHT', 'BTN_SIDE', 'BTN_EXTRA'][button] ?? 'BTN_LEFT';
}
