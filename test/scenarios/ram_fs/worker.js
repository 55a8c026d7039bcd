// Works in its home directory (/home/user of ram_fs, writeable) through the
// blocking client, and moves a larger file through the asynchronous one:
// files, directories, listings, reads, renames, unlinks, and the limits of
// its root.
import { FileSystemConnection, READ_ONLY, READ_WRITE, WRITE_ONLY } from 'nido';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function listing(fs, dir) {
  return fs.readdir(dir).map((entry) => `${entry.name}:${entry.type}`).sort().join(' ');
}

function text(fs, handle) {
  const buffer = new Uint8Array(fs.status(handle).size);
  return decoder.decode(buffer.subarray(0, fs.read(handle, buffer, 0)));
}

function outcome(fn) {
  try {
    fn();
    return 'done';
  } catch (error) {
    return error.name;
  }
}

export async function construct(env) {
  const connection = await FileSystemConnection.open(env, { label: 'home', ram: 2 * 1024 * 1024 });
  const fs = connection.blocking;
  const root = fs.dir('/', false);
  env.log(`root: ${listing(fs, root)}`);
  const hello = fs.file(root, 'hello', READ_ONLY, false);
  env.log(`hello: ${text(fs, hello)}`);
  fs.close(hello);

  const docs = fs.dir('/docs', true);
  fs.dir('/docs/drafts', true);
  const notes = fs.file(docs, 'notes.txt', READ_WRITE, true);
  fs.write(notes, encoder.encode('first line\n'), 0);
  fs.append(notes, encoder.encode('second line\n'));
  env.log(`notes: ${fs.status(notes).size} bytes: ${JSON.stringify(text(fs, notes))}`);
  fs.close(notes);
  env.log(`docs: ${listing(fs, docs)} (${fs.numEntries(docs)} entries)`);
  env.log(`create again: ${outcome(() => fs.file(docs, 'notes.txt', WRITE_ONLY, true))}`);

  /* A file larger than the bulk buffer, through the asynchronous face. */
  const big = new Uint8Array(1024 * 1024 + 17);
  for (let i = 0; i < big.length; i++) big[i] = (i * 31 + 7) & 0xff;
  const client = connection.client;
  const bigFile = await client.file(docs, 'big.bin', READ_WRITE, true);
  const written = await client.write(bigFile, big, 0);
  const back = new Uint8Array(big.length);
  const read = await client.read(bigFile, back, 0);
  env.log(`big: wrote ${written}, read ${read}, equal ${back.every((byte, i) => byte === big[i])}`);
  await client.truncate(bigFile, 10);
  env.log(`big after truncate: ${(await client.status(bigFile)).size} bytes`);
  await client.close(bigFile);

  fs.move(docs, 'notes.txt', root, 'renamed.txt');
  env.log(`after move: root ${listing(fs, root)}; docs ${listing(fs, docs)}`);
  const renamed = fs.file(root, 'renamed.txt', READ_ONLY, false);
  env.log(`renamed: ${JSON.stringify(text(fs, renamed))}`);

  /* Hard links: a further name of the same file, counted; the data stays with the last name. */
  fs.link(root, 'renamed.txt', docs, 'linked.txt');
  const linked = fs.file(docs, 'linked.txt', READ_ONLY, false);
  env.log(`linked: ${JSON.stringify(text(fs, linked))}, links ${fs.status(linked).links}, same inode ${fs.status(linked).inode === fs.status(renamed).inode}`);
  env.log(`link again: ${outcome(() => fs.link(root, 'renamed.txt', docs, 'linked.txt'))}`);
  env.log(`link a directory: ${outcome(() => fs.link(root, 'docs', root, 'docs2'))}`);
  fs.unlink(root, 'renamed.txt');
  env.log(`after unlinking the first name: ${JSON.stringify(text(fs, linked))}, links ${fs.status(linked).links}`);
  fs.close(linked);
  fs.close(renamed);

  env.log(`unlink non-empty docs: ${outcome(() => fs.unlink(root, 'docs'))}`);
  fs.unlink(docs, 'drafts');
  fs.unlink(docs, 'big.bin');
  fs.unlink(docs, 'linked.txt');
  fs.unlink(root, 'docs');
  env.log(`after unlink: root ${listing(fs, root)}; open unlinked: ${outcome(() => fs.file(docs, 'x', READ_ONLY, false))}`);
  fs.close(docs);

  /* The root confines: '..' stops at it, other directories are out of reach. */
  const up = fs.dir('/../..', false);
  env.log(`'/../..': ${listing(fs, up)}`);
  env.log(`'/../other/secret': ${outcome(() => fs.node('/../other/secret'))}`);
  env.log(`name with '/': ${outcome(() => fs.file(up, '../other', READ_ONLY, false))}`);
  env.log(`missing: ${outcome(() => fs.file(up, 'missing', READ_ONLY, false))}`);

  /* Session arguments narrow the policy: a sub-directory as root, read only. */
  fs.dir('/sub', true);
  const narrowed = await FileSystemConnection.open(env, { label: 'home', root: '/sub/../../..', writeable: false });
  const narrowedRoot = narrowed.blocking.dir('/', false);
  env.log(`narrowed: root ${listing(narrowed.blocking, narrowedRoot) || '(empty)'}, create: ${outcome(() => narrowed.blocking.file(narrowedRoot, 'x', WRITE_ONLY, true))}`);
  await narrowed.close();
  const deeper = await FileSystemConnection.open(env, { label: 'home', root: '/sub' });
  const deeperRoot = deeper.blocking.dir('/', false);
  deeper.blocking.close(deeper.blocking.file(deeperRoot, 'inside', WRITE_ONLY, true));
  await deeper.close();
  env.log(`sub: ${listing(fs, fs.dir('/sub', false))}`);
  await connection.close();
  env.log('worker done');
}
