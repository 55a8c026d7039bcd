/* The `ruby` command line split between ruby-init and the runner. */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RubyUsageError, rubyCommandLine } from './command_line.js';

test('a script: its path and arguments follow "--", after the options and the empty -e program', () => {
  assert.deepEqual(rubyCommandLine(['ruby', '-w', 'hello.rb', '-x', 'a']), {
    init: ['ruby', '-EUTF-8', '-w', '-e_=0', '--', 'hello.rb', '-x', 'a'],
    program: 'script',
  });
});

test('-e code, attached or not, several joined by lines; every operand is ARGV', () => {
  assert.deepEqual(rubyCommandLine(['ruby', '-e', 'puts 1', '-eputs 2', 'a', 'b']), {
    init: ['ruby', '-EUTF-8', '-e_=0', '--', 'puts 1\nputs 2', 'a', 'b'],
    program: 'inline',
  });
});

test('options with an argument keep it, attached or the next word; clusters are split where an argument starts', () => {
  assert.deepEqual(rubyCommandLine(['ruby', '-I', 'lib', '-rjson', '-wIvendor', '-W0', '--disable-gems', 'main.rb']).init,
    ['ruby', '-EUTF-8', '-Ilib', '-rjson', '-w', '-Ivendor', '-W0', '--disable-gems', '-e_=0', '--', 'main.rb']);
  assert.deepEqual(rubyCommandLine(['ruby', '-we', 'p 1']).init, ['ruby', '-EUTF-8', '-w', '-e_=0', '--', 'p 1']);
});

test('an encoding option of the user replaces -EUTF-8', () => {
  assert.deepEqual(rubyCommandLine(['ruby', '-E', 'ASCII-8BIT', 'x.rb']).init, ['ruby', '-EASCII-8BIT', '-e_=0', '--', 'x.rb']);
  assert.deepEqual(rubyCommandLine(['ruby', '--encoding=UTF-8', 'x.rb']).init, ['ruby', '--encoding=UTF-8', '-e_=0', '--', 'x.rb']);
});

test('the working directory of <libc cwd> is a -C ahead of the options', () => {
  assert.deepEqual(rubyCommandLine(['ruby', '-C', 'sub', 'x.rb'], '/home').init,
    ['ruby', '-EUTF-8', '-C/home', '-Csub', '-e_=0', '--', 'x.rb']);
});

test('no program: standard input, unless -v, --version or -h ask for none; "-" and "--" as ruby reads them', () => {
  assert.equal(rubyCommandLine(['ruby']).program, 'stdin');
  assert.equal(rubyCommandLine(['ruby', '-w']).program, 'stdin');
  assert.equal(rubyCommandLine(['ruby', '-v']).program, 'none');
  assert.equal(rubyCommandLine(['ruby', '--version']).program, 'none');
  assert.deepEqual(rubyCommandLine(['ruby', '-', 'a']), { init: ['ruby', '-EUTF-8', '-e_=0', '--', 'a'], program: 'stdin' });
  assert.deepEqual(rubyCommandLine(['ruby', '--', '-odd.rb', 'a']), { init: ['ruby', '-EUTF-8', '-e_=0', '--', '-odd.rb', 'a'], program: 'script' });
});

test('argv[0] defaults to "ruby"', () => {
  assert.deepEqual(rubyCommandLine([]).init, ['ruby', '-EUTF-8', '-e_=0', '--']);
});

test('options that change how the main program is read are refused, by name', () => {
  assert.throws(() => rubyCommandLine(['ruby', '-n', '-e', 'print']), (error: unknown) =>
    error instanceof RubyUsageError && /-n \(wraps the program in a `while gets` loop\) is not supported/.test(error.message));
  assert.throws(() => rubyCommandLine(['ruby', '-wc', 'x.rb']), /-c \(checks the program's syntax only\)/);
  assert.throws(() => rubyCommandLine(['ruby', '-e']), /no argument given for -e/);
  assert.throws(() => rubyCommandLine(['ruby', '-I']), /no argument given for -I/);
});
