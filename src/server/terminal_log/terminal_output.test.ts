import { test } from 'node:test';
import assert from 'node:assert/strict';
import { genodeWrites, terminalOutput } from './terminal_output.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

test('terminalOutput: "[label] text", a line break if the text lacks one, then a carriage return', () => {
  assert.equal(text(terminalOutput('app', 'hello')), '[app] hello\n\r');
  assert.equal(text(terminalOutput('app', 'hello\n')), '[app] hello\n\r');
  assert.equal(text(terminalOutput('init -> app', 'grüße ✓')), '[init -> app] grüße ✓\n\r');
  assert.equal(text(terminalOutput('', 'x')), '[] x\n\r');
});

test('terminalOutput: each line of a write is printed as a write of its own; an empty write is an empty line', () => {
  assert.equal(text(terminalOutput('app', 'one\ntwo')), '[app] one\n\r[app] two\n\r');
  assert.equal(text(terminalOutput('app', 'one\n\nthree\n')), '[app] one\n\r[app] \n\r[app] three\n\r');
  assert.equal(text(terminalOutput('app', '')), '[app] \n\r');
  assert.deepEqual(genodeWrites('a\nb'), ['a\n', 'b']);
  assert.deepEqual(genodeWrites('a\n'), ['a\n']);
});

test('terminalOutput: escape sequences pass as they are; a lone 4-byte escape with its line break goes out bare', () => {
  assert.equal(text(terminalOutput('app', '\x1b[34mWarning: careful\x1b[0m')), '[app] \x1b[34mWarning: careful\x1b[0m\n\r');
  assert.equal(text(terminalOutput('app', '\x1b[0m\n')), '\x1b[0m');
  assert.equal(text(terminalOutput('app', '\x1b[31mError: x\n\x1b[0m\n')), '[app] \x1b[31mError: x\n\r\x1b[0m');
  /* Not the heuristic's case: without its line break, or longer, it is an ordinary line. */
  assert.equal(text(terminalOutput('app', '\x1b[0m')), '[app] \x1b[0m\n\r');
  assert.equal(text(terminalOutput('app', '\x1b[00m\n')), '[app] \x1b[00m\n\r');
  /* Genode counts bytes: 5 characters that are 6 bytes are no escape of 4 bytes. */
  assert.equal(text(terminalOutput('app', '\x1b[0é\n')), '[app] \x1b[0é\n\r');
});

test('terminalOutput: a CR LF line end stays as the client wrote it', () => {
  assert.equal(text(terminalOutput('app', 'dos\r\n')), '[app] dos\r\n\r');
});
