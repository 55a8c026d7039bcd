/*
 * A Node process as the benchmarks run one: spawned from the repository,
 * timed from spawn to exit, its output kept for checks and for the error
 * when it does not exit with 0.
 */

import { spawn } from 'node:child_process';
import { repoDir } from './dist.js';

export interface NodeRun {
  readonly output: string;
  /** Spawn to exit (ms). */
  readonly wallMs: number;
}

/**
 * Runs `node args...` to its exit, which must be 0 (else it rejects with
 * the output); killed after `timeoutMs`.
 *
 *   const { wallMs } = await runNode(['-e', '']);
 */
export function runNode(args: readonly string[], timeoutMs: number): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd: repoDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - start;
      clearTimeout(timer);
      if (code === 0) resolve({ output, wallMs });
      else reject(new Error(`node ${args.join(' ')}: exit ${code ?? signal}\n${output}`));
    });
  });
}
