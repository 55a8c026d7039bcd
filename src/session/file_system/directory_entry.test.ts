import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeDirectoryEntry, DIRECTORY_ENTRY_SIZE, encodeDirectoryEntry } from './directory_entry.js';
import { InvalidName, MAX_NAME_LENGTH, NameTooLong } from './interface.js';

test('records round-trip: names in UTF-8 up to MAX_NAME_LENGTH bytes, type, inode, rights', () => {
  const bytes = new Uint8Array(new SharedArrayBuffer(3 * DIRECTORY_ENTRY_SIZE));
  const long = 'ä'.repeat(MAX_NAME_LENGTH / 2);
  encodeDirectoryEntry(bytes, 0, { name: 'a.txt', type: 'continuous_file', inode: 2 ** 40 });
  encodeDirectoryEntry(bytes, DIRECTORY_ENTRY_SIZE, { name: long, type: 'directory', inode: 7 }, { readable: true, writeable: true, executable: true });
  assert.deepEqual(decodeDirectoryEntry(bytes, 0), {
    name: 'a.txt', type: 'continuous_file', inode: 2 ** 40, rights: { readable: true, writeable: false, executable: false },
  });
  assert.deepEqual(decodeDirectoryEntry(bytes, DIRECTORY_ENTRY_SIZE), {
    name: long, type: 'directory', inode: 7, rights: { readable: true, writeable: true, executable: true },
  });
  assert.throws(() => encodeDirectoryEntry(bytes, 0, { name: `${long}x`, type: 'symlink', inode: 1 }), NameTooLong);
  assert.throws(() => decodeDirectoryEntry(bytes, 2 * DIRECTORY_ENTRY_SIZE), InvalidName, 'an empty record is not an entry');
});
