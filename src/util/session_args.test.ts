import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionArgs, SessionArgsError } from './session_args.js';

test('parses Genode argument strings', () => {
  const args = SessionArgs.parse('label="init -> hello", ram_quota=8192, cap_quota=2');
  assert.equal(args.label, 'init -> hello');
  assert.equal(args.ramQuota, 8192);
  assert.equal(args.capQuota, 2);
  assert.equal(args.has('label'), true);
  assert.equal(args.has('diag'), false);
});

test('numbers read in num_bytes syntax, absent or malformed ones give the fallback', () => {
  const args = SessionArgs.parse('ram_quota=8K, size="1M", bad=12x, neg=-1');
  assert.equal(args.ramQuota, 8192);
  assert.equal(args.number('size'), 1024 * 1024, 'a quoted number is read as well');
  assert.equal(args.number('bad'), 0);
  assert.equal(args.number('bad', 7), 7);
  assert.equal(args.number('neg', 3), 3);
  assert.equal(args.number('absent', 5), 5);
  assert.equal(args.capQuota, 0);
});

test('strings: quotes removed, bare values as written, fallback when absent', () => {
  const args = SessionArgs.parse('label="x", bare=abc, empty=""');
  assert.equal(args.string('label'), 'x');
  assert.equal(args.string('bare'), 'abc');
  assert.equal(args.string('empty', 'fallback'), '');
  assert.equal(args.string('absent'), '');
  assert.equal(args.string('absent', 'fallback'), 'fallback');
  assert.equal(SessionArgs.parse('ram_quota=8K').label, '');
});

test('quoted values keep commas, separators and "=", and decode backslash escapes', () => {
  const args = SessionArgs.parse('label="a, b = c -> d", path="x\\"y\\\\z", other="\\n"');
  assert.equal(args.label, 'a, b = c -> d');
  assert.equal(args.string('path'), 'x"y\\z');
  assert.equal(args.string('other'), 'n', 'a backslash takes the next character literally');
});

test('blanks around keys, "=", values and commas are ignored', () => {
  const args = SessionArgs.parse('  label = "q" ,ram_quota =  8K  ,\tcap_quota=2 ');
  assert.equal(args.label, 'q');
  assert.equal(args.ramQuota, 8192);
  assert.equal(args.capQuota, 2);
  assert.equal(args.toString(), 'label="q", ram_quota=8K, cap_quota=2');
});

test('empty input, empty bare values and a trailing comma are accepted', () => {
  assert.equal(SessionArgs.parse('').toString(), '');
  assert.equal(SessionArgs.parse('   ').toString(), '');
  assert.equal(SessionArgs.parse('a=, b=2').string('a', 'x'), '');
  assert.equal(SessionArgs.parse('a=1,').toString(), 'a=1');
});

test('toString keeps the order and the quoting of the input', () => {
  const text = 'label="init -> hello", ram_quota=8K, cap_quota=2, diag=yes, name="1"';
  assert.equal(SessionArgs.parse(text).toString(), text);
});

test('round trip through toString keeps values with quotes and backslashes', () => {
  const label = 'weird "label" \\ with, commas -> and = signs';
  const args = SessionArgs.from({ label, ram_quota: 4096 });
  const text = args.toString();
  assert.equal(text, 'label="weird \\"label\\" \\\\ with, commas -> and = signs", ram_quota=4096');
  const again = SessionArgs.parse(text);
  assert.equal(again.label, label);
  assert.equal(again.ramQuota, 4096);
  assert.equal(again.toString(), text);
});

test('from quotes strings and leaves numbers bare', () => {
  const args = SessionArgs.from({ label: '42', ram_quota: 8192, cap_quota: 2 });
  assert.equal(args.toString(), 'label="42", ram_quota=8192, cap_quota=2');
  assert.equal(args.string('label'), '42');
  assert.equal(args.ramQuota, 8192);
});

test('set replaces in place or appends, remove drops; both leave the original alone', () => {
  const args = SessionArgs.parse('label="x", ram_quota=8K');
  const relabelled = args.set('label', 'init -> x');
  assert.equal(relabelled.toString(), 'label="init -> x", ram_quota=8K');
  assert.equal(args.set('cap_quota', 3).toString(), 'label="x", ram_quota=8K, cap_quota=3');
  assert.equal(args.set('ram_quota', 16384).toString(), 'label="x", ram_quota=16384');
  assert.equal(args.remove('label').toString(), 'ram_quota=8K');
  assert.equal(args.remove('absent').toString(), args.toString());
  assert.equal(args.toString(), 'label="x", ram_quota=8K');
});

/* The column named by the error for `text`. */
function errorColumn(text: string): number {
  try {
    SessionArgs.parse(text);
  } catch (error) {
    assert.ok(error instanceof SessionArgsError, String(error));
    assert.equal(error.name, 'SessionArgsError');
    assert.ok(error.message.includes(text), `the message quotes the input: ${error.message}`);
    const column = /at column (\d+)/.exec(error.message)?.[1];
    assert.ok(column !== undefined, `the message names a column: ${error.message}`);
    return Number(column);
  }
  assert.fail(`parsed malformed arguments ${JSON.stringify(text)}`);
}

test('malformed input throws SessionArgsError naming the column', () => {
  assert.equal(errorColumn(',a=1'), 1, 'leading comma');
  assert.equal(errorColumn('a=1,,b=2'), 5, 'empty argument');
  assert.equal(errorColumn('1a=2'), 1, 'key starting with a digit');
  assert.equal(errorColumn('label'), 6, 'key without "="');
  assert.equal(errorColumn('label "x"'), 7, 'key without "="');
  assert.equal(errorColumn('a="x"y'), 6, 'text after a closing quote');
  assert.equal(errorColumn('a="x" "y"'), 7, 'text after a closing quote');
  assert.equal(errorColumn('ram_quota=8K, label="never closed'), 21, 'unterminated string: the column of its opening quote');
  assert.equal(errorColumn('a="ends in a backslash\\'), 3);
  assert.throws(() => SessionArgs.parse('a="x'), /unterminated string/);
  assert.throws(() => SessionArgs.parse('a'), /expected "=" after "a"/);
});

test('a key given twice is rejected (Genode would read the first, a map the last)', () => {
  assert.equal(errorColumn('ram_quota=8K, label="a", ram_quota=1G'), 26);
  assert.throws(() => SessionArgs.parse('label="a", label="b"'), /duplicate key "label"/);
});

test('keys that toString could not print back are rejected', () => {
  assert.throws(() => SessionArgs.from({ 'a b': 1 }), SessionArgsError);
  assert.throws(() => SessionArgs.from({ '': 'x' }), SessionArgsError);
  assert.throws(() => SessionArgs.parse('x=1').set('a=b', 'y'), SessionArgsError);
  assert.throws(() => SessionArgs.parse('x=1').set('1st', 'y'), SessionArgsError);
  assert.equal(SessionArgs.from({ 'a.b-c_d': 1 }).toString(), 'a.b-c_d=1');
});
