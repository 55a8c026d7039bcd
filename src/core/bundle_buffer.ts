/*
 * Injected by bundle.ts into the files of a component's bundle that use a
 * free `Buffer` (packages written for Node or for browserify): the
 * buffer package's, a pure-JS Buffer on Uint8Array.
 */
export { Buffer } from 'buffer';
