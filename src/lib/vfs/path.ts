/*
 * Paths of the VFS (spec/runtime.md §2): absolute, '/'-separated, with
 * '.' and '..' resolved lexically and no trailing slash except for the
 * root. Names are at most 128 bytes and paths 1024 bytes (UTF-8), as in
 * Genode's Dir_file_system (MAX_NAME_LEN) and libc (PATH_MAX).
 *
 *   normalisePath('/a/./b/../c/') === '/a/c'
 *   pathElements('/a/c')          → ['a', 'c']
 */

import { Errno, VfsError } from './interface.js';

export const MAX_NAME_BYTES = 128;
export const MAX_PATH_BYTES = 1024;

/** Bytes of `text` in UTF-8, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    /* a surrogate pair is one 4-byte character: 2 + 2 */
    else if (unit >= 0xd800 && unit <= 0xdfff) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}

/**
 * The normalised form of `path`. A relative path is taken relative to the
 * root, because the VFS has no working directory (the C runtime keeps it).
 * '..' at the root stays at the root, as in POSIX.
 */
export function normalisePath(path: string): string {
  /* the common case, already normal, costs one scan */
  if (path.length > 1 && path.charCodeAt(0) === 47 && !/\/\/|\/\.\.?(\/|$)|\/$/.test(path)) return path;
  if (path === '/') return path;
  const elements: string[] = [];
  for (const element of path.split('/')) {
    if (element === '' || element === '.') continue;
    if (element === '..') elements.pop();
    else elements.push(element);
  }
  return '/' + elements.join('/');
}

/** The elements of a normalised path; [] for the root. */
export function pathElements(path: string): string[] {
  return path === '/' ? [] : path.slice(1).split('/');
}

/** The directory holding a normalised path's last element ('/' for '/'). */
export function parentPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

/** The last element of a normalised path ('' for the root). */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `name` inside directory `dir` (both normalised, `name` one element or a relative path). */
export function joinPath(dir: string, name: string): string {
  return dir === '/' ? '/' + name : dir + '/' + name;
}

/** Whether `path` is `ancestor` or lies below it. */
export function isWithin(path: string, ancestor: string): boolean {
  return ancestor === '/' || path === ancestor || path.startsWith(ancestor + '/');
}

/**
 * Checks the limits of a normalised path: ENAMETOOLONG for a path over
 * 1024 bytes or an element over 128 bytes, EINVAL for a NUL character
 * (no C program can name such a file).
 */
export function checkPath(path: string): void {
  if (path.includes('\0')) throw new VfsError(Errno.INVAL, `path "${path.replaceAll('\0', '\\0')}" contains a NUL character`);
  /* fast path: only long strings can break a limit (a UTF-16 unit is at most 3 bytes) */
  if (path.length * 3 <= MAX_NAME_BYTES) return;
  if (utf8Length(path) > MAX_PATH_BYTES) {
    throw new VfsError(Errno.NAMETOOLONG, `path of ${utf8Length(path)} bytes is longer than ${MAX_PATH_BYTES} bytes`);
  }
  for (const element of pathElements(path)) {
    if (element.length * 3 > MAX_NAME_BYTES && utf8Length(element) > MAX_NAME_BYTES) {
      throw new VfsError(Errno.NAMETOOLONG, `name "${element.slice(0, 32)}..." is longer than ${MAX_NAME_BYTES} bytes`);
    }
  }
}
