import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_LINE, logLines, sanitize } from './log_service.js';

test('sanitize escapes control characters as \\xNN', () => {
  assert.equal(sanitize('bell\u0007'), 'bell\\x07');
  assert.equal(sanitize('\u0000\u0001\u0008'), '\\x00\\x01\\x08');
  assert.equal(sanitize('vt\u000bff\u000ccr\r'), 'vt\\x0bff\\x0ccr\\x0d');
  assert.equal(sanitize('\u001f\u007f'), '\\x1f\\x7f');
  assert.equal(sanitize('clear\u001b[2J\u001b[H'), 'clear\\x1b[2J\\x1b[H', 'cursor movement is not a colour');
  assert.equal(sanitize('\u001b]0;title\u0007'), '\\x1b]0;title\\x07', 'no window title changes');
});

test('sanitize keeps colour escapes, tabs and printable text', () => {
  assert.equal(sanitize('\u001b[31mError: \u001b[0m'), '\u001b[31mError: \u001b[0m');
  assert.equal(sanitize('\u001b[1;33mWarning\u001b[m'), '\u001b[1;33mWarning\u001b[m');
  assert.equal(sanitize('a\tb'), 'a\tb');
  assert.equal(sanitize('grüße 😀 -> ✓'), 'grüße 😀 -> ✓');
  assert.equal(sanitize(''), '');
});

test('logLines prefixes every line with [label]', () => {
  assert.deepEqual(logLines('init -> hello', 'Hello world'), ['[init -> hello] Hello world']);
  assert.deepEqual(logLines('', 'x'), ['[] x']);
  assert.deepEqual(logLines('server', '[client] client started'), ['[server] [client] client started']);
});

test('logLines splits at newlines; one trailing newline ends the write without an empty line', () => {
  assert.deepEqual(logLines('a', 'one\ntwo\n'), ['[a] one', '[a] two']);
  assert.deepEqual(logLines('a', 'one\ntwo'), ['[a] one', '[a] two']);
  assert.deepEqual(logLines('a', 'one\n\n'), ['[a] one', '[a] ']);
  assert.deepEqual(logLines('a', 'one\n\ntwo'), ['[a] one', '[a] ', '[a] two']);
  assert.deepEqual(logLines('a', '\n'), ['[a] ']);
  assert.deepEqual(logLines('a', ''), ['[a] ']);
});

test('logLines drops the carriage return of "\\r\\n" and escapes others', () => {
  assert.deepEqual(logLines('a', 'one\r\ntwo\r\n'), ['[a] one', '[a] two']);
  assert.deepEqual(logLines('a', 'over\rwrite'), ['[a] over\\x0dwrite']);
});

test('logLines escapes control characters in the text', () => {
  assert.deepEqual(logLines('evil', 'x\u001b[2Jy\u0007'), ['[evil] x\\x1b[2Jy\\x07']);
  assert.deepEqual(logLines('warn', '\u001b[33mcareful\u001b[0m\n'), ['[warn] \u001b[33mcareful\u001b[0m']);
});

test('logLines splits long lines at MAX_LINE characters', () => {
  assert.equal(MAX_LINE, 1024);
  const exact = 'x'.repeat(MAX_LINE);
  assert.deepEqual(logLines('a', exact), [`[a] ${exact}`]);
  const long = 'a'.repeat(MAX_LINE) + 'b'.repeat(MAX_LINE) + 'c';
  assert.deepEqual(logLines('l', `${long}\nshort\n`), [`[l] ${'a'.repeat(MAX_LINE)}`, `[l] ${'b'.repeat(MAX_LINE)}`, '[l] c', '[l] short']);
  const lines = logLines('l', 'y'.repeat(5 * MAX_LINE + 1));
  assert.equal(lines.length, 6);
  assert.ok(lines.every((line) => line.length <= MAX_LINE + '[l] '.length));
  assert.equal(lines.map((line) => line.slice('[l] '.length)).join(''), 'y'.repeat(5 * MAX_LINE + 1), 'nothing is lost');
});

test('a long line is split after escaping, so no escape is cut in half', () => {
  const colour = 'a'.repeat(MAX_LINE - 2) + '\u001b[31mred';
  for (const line of logLines('l', colour)) {
    assert.doesNotMatch(line, /\u001b(?!\[[0-9;]*m)/, 'a split colour escape leaves a bare ESC');
  }
  const emoji = 'a'.repeat(MAX_LINE - 1) + '😀';
  for (const line of logLines('l', emoji)) assert.equal(line, line.toWellFormed(), 'a split surrogate pair');
});

test('the label is sanitised like the text', () => {
  assert.deepEqual(logLines('init -> \u001b[2J', 'x'), ['[init -> \\x1b[2J] x']);
});

test('C1 control characters are escaped', () => {
  assert.equal(sanitize('\u009b2J'), '\\x9b2J');
});
