// Reads everything under a read-only policy: the content from the config
// (an inline file, a ROM module) is there, every modification is
// PermissionDenied, also when the client asks for a writeable session.
import { FileSystemConnection, READ_ONLY, READ_WRITE, WRITE_ONLY } from 'nido';

const decoder = new TextDecoder();

function outcome(fn) {
  try {
    fn();
    return 'done';
  } catch (error) {
    return error.name;
  }
}

export async function construct(env) {
  const connection = await FileSystemConnection.open(env, { label: 'all', writeable: true });
  const fs = connection.blocking;
  const tmp = fs.dir('/tmp', false);
  const greeting = fs.file(tmp, 'greeting', READ_ONLY, false);
  const buffer = new Uint8Array(100);
  env.log(`greeting: ${JSON.stringify(decoder.decode(buffer.subarray(0, fs.read(greeting, buffer, 0))))}`);
  const user = fs.dir('/home/user', false);
  const hello = fs.file(user, 'hello', READ_ONLY, false);
  env.log(`hello: ${decoder.decode(buffer.subarray(0, fs.read(hello, buffer, 0)))}`);
  env.log(`status: ${JSON.stringify(fs.status(hello))}`);
  env.log(`create: ${outcome(() => fs.file(user, 'new', WRITE_ONLY, true))}`);
  env.log(`open for writing: ${outcome(() => fs.file(user, 'hello', READ_WRITE, false))}`);
  env.log(`mkdir: ${outcome(() => fs.dir('/home/new', true))}`);
  env.log(`unlink: ${outcome(() => fs.unlink(user, 'hello'))}`);
  env.log(`move: ${outcome(() => fs.move(user, 'hello', tmp, 'hello'))}`);
  env.log(`link: ${outcome(() => fs.link(user, 'hello', tmp, 'hello2'))}`);
  env.log(`truncate: ${outcome(() => fs.truncate(hello, 0))}`);
  env.log(`write packet: ${outcome(() => fs.write(hello, new Uint8Array(4), 0))}`);
  env.log(`timestamp: ${outcome(() => fs.writeTimestamp(hello, 1000))}`);
  await connection.close();
  env.log('reader done');
}
