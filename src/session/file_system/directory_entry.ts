/*
 * Directory entries as a READ of a directory handle delivers them: fixed
 * records of DIRECTORY_ENTRY_SIZE bytes, entry i at position
 * i * DIRECTORY_ENTRY_SIZE, as Genode's File_system::Directory_entry.
 *
 *   bytes 0..7     inode (little-endian float64: integers up to 2^53)
 *   byte  8        type: 0 directory, 1 symlink, 2 continuous file, 3 transactional file
 *   byte  9        rwx bits: 1 readable, 2 writeable, 4 executable
 *   bytes 10..11   length of the name in bytes (little-endian)
 *   bytes 12..139  the name, UTF-8, MAX_NAME_LENGTH bytes at most
 *   bytes 140..143 zero
 *
 * A READ of a directory must start at a multiple of the record size and
 * answers whole records; fewer than asked (0 at the end) means no more.
 *
 *   const bytes = new Uint8Array(DIRECTORY_ENTRY_SIZE);
 *   encodeDirectoryEntry(bytes, 0, { name: 'a', type: 'continuous_file', inode: 7 });
 *   decodeDirectoryEntry(bytes, 0).name   // 'a'
 */

import { InvalidName, MAX_NAME_LENGTH, NameTooLong, type DirectoryEntry, type NodeType } from './interface.js';

export const DIRECTORY_ENTRY_SIZE = 144;
const NAME_OFFSET = 12;

const TYPES: readonly NodeType[] = ['directory', 'symlink', 'continuous_file', 'transactional_file'];

export interface DirectoryEntryRights {
  readonly readable: boolean;
  readonly writeable: boolean;
  readonly executable: boolean;
}

/** A directory entry with its access rights, as decoded from a record. */
export interface DirectoryEntryRecord extends DirectoryEntry {
  readonly rights: DirectoryEntryRights;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Writes the record of `entry` at `offset`; throws NameTooLong for names over MAX_NAME_LENGTH bytes. */
export function encodeDirectoryEntry(
  bytes: Uint8Array, offset: number, entry: DirectoryEntry,
  rights: DirectoryEntryRights = { readable: true, writeable: false, executable: false },
): void {
  /* TextEncoder cannot write into shared memory: encode, then copy. */
  const name = encoder.encode(entry.name);
  if (name.length > MAX_NAME_LENGTH) throw new NameTooLong(`directory entry "${entry.name}": name longer than ${MAX_NAME_LENGTH} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, DIRECTORY_ENTRY_SIZE);
  bytes.fill(0, offset, offset + DIRECTORY_ENTRY_SIZE);
  view.setFloat64(0, entry.inode, true);
  view.setUint8(8, TYPES.indexOf(entry.type));
  view.setUint8(9, (rights.readable ? 1 : 0) | (rights.writeable ? 2 : 0) | (rights.executable ? 4 : 0));
  view.setUint16(10, name.length, true);
  bytes.set(name, offset + NAME_OFFSET);
}

/** Reads the record at `offset`; throws InvalidName for a record that is not one. */
export function decodeDirectoryEntry(bytes: Uint8Array, offset: number): DirectoryEntryRecord {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, DIRECTORY_ENTRY_SIZE);
  const type = TYPES[view.getUint8(8)];
  const length = view.getUint16(10, true);
  if (type === undefined || length === 0 || length > MAX_NAME_LENGTH) {
    throw new InvalidName(`malformed directory entry at ${offset} (type ${view.getUint8(8)}, name length ${length})`);
  }
  const rwx = view.getUint8(9);
  /* TextDecoder refuses views of shared memory: copy first. */
  const name = decoder.decode(bytes.slice(offset + NAME_OFFSET, offset + NAME_OFFSET + length));
  return {
    name, type, inode: view.getFloat64(0, true),
    rights: { readable: (rwx & 1) !== 0, writeable: (rwx & 2) !== 0, executable: (rwx & 4) !== 0 },
  };
}
