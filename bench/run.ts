/*
 * Runs the benchmarks named on the command line (all by default), each
 * printing its table and writing bench/results/NAME.json. Benchmarks run
 * one after another: the machine has two cores, and each benchmark's
 * figures and baselines must not share them with another benchmark.
 */

const benchmarks: Record<string, () => Promise<unknown>> = {
  rpc: async () => (await import('./rpc.js')).run(),
  interpose: async () => (await import('./interpose.js')).run(),
  start: async () => (await import('./start.js')).run(),
  run: async () => (await import('./nido_run.js')).run(),
  init: async () => (await import('./init.js')).run(),
  loader: async () => (await import('./loader.js')).run(),
  file_system: async () => (await import('./file_system.js')).run(),
  libc: async () => (await import('./libc.js')).run(),
  ruby: async () => (await import('./ruby.js')).run(),
  quota: async () => (await import('./quota.js')).run(),
  noux: async () => (await import('./noux.js')).run(),
  userland: async () => (await import('./userland.js')).run(),
  web_platform: async () => (await import('./web_platform.js')).run(),
  dashboard: async () => (await import('./dashboard.js')).run(),
  gui: async () => (await import('./gui.js')).run(),
  check: async () => (await import('./check.js')).run(),
  monitor: async () => (await import('./monitor.js')).run(),
};

const names = process.argv.slice(2);
for (const name of names) {
  if (benchmarks[name] === undefined) {
    console.error(`unknown benchmark "${name}" (known: ${Object.keys(benchmarks).join(', ')})`);
    process.exit(2);
  }
}
for (const name of names.length > 0 ? names : Object.keys(benchmarks)) {
  const started = performance.now();
  await (benchmarks[name] as () => Promise<unknown>)();
  console.log(`(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
