/*
 * Child process of the C runtime's tests: runs one program under node:wasi
 * (the reference) as described by the JSON on standard input and prints
 * the outcome as JSON.
 */

import { runReferenceHere, type ProgramRun } from './wasm_harness.js';

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk as string;
const outcome = await runReferenceHere(JSON.parse(input) as ProgramRun);
process.stdout.write(JSON.stringify(outcome));
