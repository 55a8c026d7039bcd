import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml } from '../../util/xml.js';
import { libcConfig } from './libc_config.js';
import { LibcConfigError } from './errors.js';

test('argv from <arg value>, the first is argv[0]', () => {
  const config = libcConfig(parseXml('<config><arg value="ls"/><arg value="-l"/><arg value=""/></config>'), 'binary');
  assert.deepEqual(config.args, ['ls', '-l', '']);
});

test('without <arg>, the binary name is argv[0]', () => {
  assert.deepEqual(libcConfig(parseXml('<config/>'), 'cat').args, ['cat']);
  assert.deepEqual(libcConfig(parseXml('<config/>')).args, []);
});

test('environment from <env key value> and Noux\'s <env name value>; a later key wins', () => {
  const config = libcConfig(parseXml(
    '<config><env key="HOME" value="/home"/><env name="TERM" value="linux"/><env key="HOME" value="/root"/><env key="EMPTY"/></config>'));
  assert.deepEqual(config.environ, ['TERM=linux', 'HOME=/root', 'EMPTY=']);
});

test('<libc> paths, and cwd passed on as PWD', () => {
  const config = libcConfig(parseXml(
    '<config><libc stdin="/dev/terminal" stdout="/dev/log" stderr="/dev/log" rtc="/dev/rtc" rng="/dev/random" cwd="/home"/></config>'));
  assert.equal(config.stdin, '/dev/terminal');
  assert.equal(config.stdout, '/dev/log');
  assert.equal(config.stderr, '/dev/log');
  assert.equal(config.rtc, '/dev/rtc');
  assert.equal(config.rng, '/dev/random');
  assert.equal(config.cwd, '/home');
  assert.deepEqual(config.environ, ['PWD=/home']);
  const plain = libcConfig(parseXml('<config/>'));
  assert.equal(plain.stdout, undefined);
  assert.equal(plain.cwd, '/');
  assert.deepEqual(plain.environ, []);
  assert.deepEqual(libcConfig(parseXml('<config><env key="PWD" value="/x"/><libc cwd="/home"/></config>')).environ, ['PWD=/x']);
});

test('config mistakes are LibcConfigError naming the line', () => {
  assert.throws(() => libcConfig(parseXml('<config>\n<arg/></config>')), (error: unknown) =>
    error instanceof LibcConfigError && /line 2/.test(error.message));
  assert.throws(() => libcConfig(parseXml('<config><env key="A=B" value="x"/></config>')), LibcConfigError);
  assert.throws(() => libcConfig(parseXml('<config><env value="x"/></config>')), LibcConfigError);
  assert.throws(() => libcConfig(parseXml('<config><libc stdout="dev/log"/></config>')), LibcConfigError);
});
