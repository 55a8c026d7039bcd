/*
 * Paths and names of a File_system session, checked the same way by every
 * server: a path is absolute within the session's root, and `..` climbs
 * but never above it, so a client cannot leave the directory its policy
 * confines it to (spec/runtime.md §3). A name is one path element.
 *
 *   pathElements('/home/../tmp/./x')   // ['tmp', 'x']
 *   pathElements('/../..')             // []  (the session's root)
 *   checkName('a/b')                   // throws InvalidName
 */

import { InvalidName, LookupFailed, MAX_NAME_LENGTH, MAX_PATH_LENGTH, NameTooLong } from './interface.js';

const encoder = new TextEncoder();

function byteLength(text: string): number {
  /* Only strings that could be too long are encoded. */
  return text.length * 3 <= MAX_NAME_LENGTH ? text.length : encoder.encode(text).length;
}

/** Throws InvalidName for '', '.', '..', a '/' or a NUL, and NameTooLong beyond MAX_NAME_LENGTH bytes. */
export function checkName(name: string): void {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
    throw new InvalidName(`invalid name ${JSON.stringify(name)}: names are not empty, not "." or "..", and contain no "/"`);
  }
  if (byteLength(name) > MAX_NAME_LENGTH) throw new NameTooLong(`name "${name.slice(0, 32)}…" is longer than ${MAX_NAME_LENGTH} bytes`);
}

/**
 * The names along an absolute path, with '.' and empty elements dropped
 * and '..' resolved without climbing above the root. Throws LookupFailed
 * for a relative path and NameTooLong for a path over MAX_PATH_LENGTH bytes
 * or an element over MAX_NAME_LENGTH.
 */
export function pathElements(path: string): string[] {
  if (!path.startsWith('/')) throw new LookupFailed(`malformed path ${JSON.stringify(path)}: paths start with "/"`);
  if (path.length > MAX_PATH_LENGTH && encoder.encode(path).length > MAX_PATH_LENGTH) {
    throw new NameTooLong(`path "${path.slice(0, 32)}…" is longer than ${MAX_PATH_LENGTH} bytes`);
  }
  const elements: string[] = [];
  for (const name of path.split('/')) {
    if (name === '' || name === '.') continue;
    if (name === '..') {
      elements.pop();
      continue;
    }
    if (name.includes('\0')) throw new InvalidName(`path ${JSON.stringify(path)} contains a NUL`);
    if (byteLength(name) > MAX_NAME_LENGTH) throw new NameTooLong(`path element "${name.slice(0, 32)}…" is longer than ${MAX_NAME_LENGTH} bytes`);
    elements.push(name);
  }
  return elements;
}

/** The normalised form of an absolute path ('/' for the root). */
export function normalizedPath(path: string): string {
  return '/' + pathElements(path).join('/');
}
