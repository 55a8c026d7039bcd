import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InputEvent } from 'nido';
import type { KeyboardModes } from './keyboard.js';
import { Keyboard, keyBytes, NORMAL_MODES } from './keyboard.js';

const NONE = { shift: false, control: false, alt: false };
const APPLICATION: KeyboardModes = { applicationCursorKeys: true, applicationKeypad: true };

/* The bytes of a sequence of events (presses with their characters, releases), as the client reads them. */
function typed(events: InputEvent[], modes: KeyboardModes = NORMAL_MODES): string {
  const keyboard = new Keyboard();
  let out = '';
  for (const event of events) {
    const action = keyboard.event(event, modes);
    if (action?.type === 'bytes') out += action.bytes;
  }
  return out;
}

const press = (key: string, codepoint?: number): InputEvent =>
  codepoint === undefined ? { type: 'press', key } : { type: 'press', key, codepoint };
const release = (key: string): InputEvent => ({ type: 'release', key });

test('keyboard: printable characters as UTF-8 text, Enter CR, Backspace DEL, Tab, Esc', () => {
  assert.equal(typed([press('KEY_L', 0x6c), release('KEY_L'), press('KEY_S', 0x73), press('KEY_SPACE', 0x20), press('KEY_SLASH', 0x2f)]), 'ls /');
  assert.equal(typed([press('KEY_LEFTSHIFT'), press('KEY_A', 0x41), release('KEY_LEFTSHIFT'), press('KEY_A', 0x61)]), 'Aa');
  assert.equal(typed([press('KEY_U', 0xfc)]), 'ü');
  assert.equal(keyBytes('KEY_ENTER', 13, NONE, NORMAL_MODES), '\r');
  assert.equal(keyBytes('KEY_KPENTER', undefined, NONE, NORMAL_MODES), '\r');
  assert.equal(keyBytes('KEY_BACKSPACE', 8, NONE, NORMAL_MODES), '\x7f');
  assert.equal(keyBytes('KEY_TAB', 9, NONE, NORMAL_MODES), '\t');
  assert.equal(keyBytes('KEY_TAB', 9, { ...NONE, shift: true }, NORMAL_MODES), '\x1b[Z');
  assert.equal(keyBytes('KEY_ESC', 27, NONE, NORMAL_MODES), '\x1b');
  assert.equal(keyBytes('KEY_LEFTSHIFT', undefined, NONE, NORMAL_MODES), undefined, 'a modifier alone sends nothing');
  assert.equal(keyBytes('KEY_UNKNOWN', undefined, NONE, NORMAL_MODES), undefined);
});

test('keyboard: cursor keys CSI, or SS3 in application cursor mode; Home and End likewise', () => {
  const keys = ['KEY_UP', 'KEY_DOWN', 'KEY_RIGHT', 'KEY_LEFT', 'KEY_HOME', 'KEY_END'];
  assert.deepEqual(keys.map((key) => keyBytes(key, undefined, NONE, NORMAL_MODES)),
    ['\x1b[A', '\x1b[B', '\x1b[C', '\x1b[D', '\x1b[H', '\x1b[F']);
  assert.deepEqual(keys.map((key) => keyBytes(key, undefined, NONE, APPLICATION)),
    ['\x1bOA', '\x1bOB', '\x1bOC', '\x1bOD', '\x1bOH', '\x1bOF']);
});

test('keyboard: editing and function keys as xterm sends them', () => {
  const expected: [string, string][] = [
    ['KEY_INSERT', '\x1b[2~'], ['KEY_DELETE', '\x1b[3~'], ['KEY_PAGEUP', '\x1b[5~'], ['KEY_PAGEDOWN', '\x1b[6~'],
    ['KEY_F1', '\x1bOP'], ['KEY_F2', '\x1bOQ'], ['KEY_F3', '\x1bOR'], ['KEY_F4', '\x1bOS'], ['KEY_F5', '\x1b[15~'],
    ['KEY_F6', '\x1b[17~'], ['KEY_F7', '\x1b[18~'], ['KEY_F8', '\x1b[19~'], ['KEY_F9', '\x1b[20~'], ['KEY_F10', '\x1b[21~'],
    ['KEY_F11', '\x1b[23~'], ['KEY_F12', '\x1b[24~'],
  ];
  for (const [key, bytes] of expected) assert.equal(keyBytes(key, undefined, NONE, NORMAL_MODES), bytes, key);
});

test('keyboard: modifiers with special keys as xterm\'s parameter (1 + Shift + 2 Alt + 4 Ctrl)', () => {
  assert.equal(keyBytes('KEY_RIGHT', undefined, { ...NONE, control: true }, NORMAL_MODES), '\x1b[1;5C');
  assert.equal(keyBytes('KEY_UP', undefined, { ...NONE, shift: true }, APPLICATION), '\x1b[1;2A', 'modified keys ignore DECCKM');
  assert.equal(keyBytes('KEY_DELETE', undefined, { ...NONE, alt: true }, NORMAL_MODES), '\x1b[3;3~');
  assert.equal(keyBytes('KEY_F1', undefined, { shift: true, control: true, alt: false }, NORMAL_MODES), '\x1b[1;6P');
  assert.equal(keyBytes('KEY_F5', undefined, { ...NONE, control: true }, NORMAL_MODES), '\x1b[15;5~');
});

test('keyboard: Ctrl with a letter is its control byte, tracked from the modifier\'s press and release', () => {
  assert.equal(typed([press('KEY_LEFTCTRL'), press('KEY_C', 0x63), release('KEY_C'), release('KEY_LEFTCTRL'), press('KEY_C', 0x63)]), '\x03c');
  assert.equal(typed([press('KEY_RIGHTCTRL'), press('KEY_D', 0x64)]), '\x04');
  assert.equal(typed([press('KEY_LEFTCTRL'), press('KEY_LEFTSHIFT'), press('KEY_Z', 0x5a)]), '\x1a', 'Ctrl+Shift+Z is ^Z too');
  /* Both Ctrl keys held, one released: Ctrl is still held. */
  assert.equal(typed([press('KEY_LEFTCTRL'), press('KEY_RIGHTCTRL'), release('KEY_LEFTCTRL'), press('KEY_A', 0x61)]), '\x01');
  /* A press without a character still has its control byte by the key. */
  assert.equal(keyBytes('KEY_U', undefined, { ...NONE, control: true }, NORMAL_MODES), '\x15');
  const control = { ...NONE, control: true };
  assert.equal(keyBytes('KEY_LEFTBRACE', 0x5b, control, NORMAL_MODES), '\x1b');
  assert.equal(keyBytes('KEY_BACKSLASH', 0x5c, control, NORMAL_MODES), '\x1c');
  assert.equal(keyBytes('KEY_SPACE', 0x20, control, NORMAL_MODES), '\x00');
  assert.equal(keyBytes('KEY_2', 0x32, control, NORMAL_MODES), '\x00');
  assert.equal(keyBytes('KEY_MINUS', 0x2d, control, NORMAL_MODES), '\x1f');
  assert.equal(keyBytes('KEY_BACKSPACE', 8, control, NORMAL_MODES), '\b');
});

test('keyboard: Alt puts ESC before what the key sends', () => {
  assert.equal(typed([press('KEY_LEFTALT'), press('KEY_B', 0x62), release('KEY_LEFTALT'), press('KEY_B', 0x62)]), '\x1bbb');
  assert.equal(keyBytes('KEY_BACKSPACE', 8, { ...NONE, alt: true }, NORMAL_MODES), '\x1b\x7f');
  assert.equal(keyBytes('KEY_ENTER', 13, { ...NONE, alt: true }, NORMAL_MODES), '\x1b\r');
  assert.equal(keyBytes('KEY_X', 0x78, { ...NONE, alt: true, control: true }, NORMAL_MODES), '\x1b\x18');
  /* AltGr (right Alt) makes characters of its own: no ESC. */
  assert.equal(typed([press('KEY_RIGHTALT'), press('KEY_Q', 0x40)]), '@');
});

test('keyboard: the keypad sends SS3 sequences in application keypad mode, its characters otherwise', () => {
  assert.equal(keyBytes('KEY_KP5', 0x35, NONE, NORMAL_MODES), '5');
  assert.equal(keyBytes('KEY_KP5', 0x35, NONE, APPLICATION), '\x1bOu');
  assert.equal(keyBytes('KEY_KPENTER', 13, NONE, APPLICATION), '\x1bOM');
  assert.equal(keyBytes('KEY_KPPLUS', 0x2b, NONE, APPLICATION), '\x1bOk');
});

test('keyboard: Shift+PageUp/PageDown scroll the terminal and send nothing; losing the focus releases the modifiers', () => {
  const keyboard = new Keyboard();
  keyboard.event(press('KEY_LEFTSHIFT'), NORMAL_MODES);
  assert.deepEqual(keyboard.event(press('KEY_PAGEUP'), NORMAL_MODES), { type: 'scroll', pages: -1 });
  assert.deepEqual(keyboard.event(press('KEY_PAGEDOWN'), NORMAL_MODES), { type: 'scroll', pages: 1 });
  keyboard.event({ type: 'focus_leave' }, NORMAL_MODES);
  assert.deepEqual(keyboard.modifiers, NONE);
  assert.deepEqual(keyboard.event(press('KEY_PAGEUP'), NORMAL_MODES), { type: 'bytes', bytes: '\x1b[5~' });
  /* Releases of keys pressed before (elsewhere) do not make a count negative. */
  keyboard.event(release('KEY_LEFTCTRL'), NORMAL_MODES);
  keyboard.event(press('KEY_LEFTCTRL'), NORMAL_MODES);
  assert.equal(keyboard.modifiers.control, true);
});
