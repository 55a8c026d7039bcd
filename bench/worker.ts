/*
 * Helpers for benchmarks that drive worker threads: waiting for a worker's
 * next message without hanging forever when it dies or stays silent.
 */

import { Worker } from 'node:worker_threads';

/** Starts `file` (a built benchmark module) as a worker with `data`. */
export function startWorker(file: string, data: unknown, transfer: readonly unknown[] = []): Worker {
  return new Worker(file, { workerData: data, transferList: transfer as never });
}

/** The next message of `worker`; rejects if it fails, exits or says nothing for `timeoutMs`. */
export function nextMessage<T>(worker: Worker, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (message: T) => { cleanup(); resolve(message); };
    const onError = (error: Error) => { cleanup(); reject(error); };
    const onExit = (code: number) => { cleanup(); reject(new Error(`worker exited with ${code} before answering`)); };
    const timer = setTimeout(() => { cleanup(); reject(new Error(`worker silent for ${timeoutMs} ms`)); }, timeoutMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}
