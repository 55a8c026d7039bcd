/*
 * Runs the benchmarks named on the command line (all by default), each
 * printing its table and writing bench/results/NAME.json.
 */

const benchmarks: Record<string, () => Promise<unknown>> = {
  rpc: async () => (await import('./rpc.js')).run(),
};

const names = process.argv.slice(2);
for (const name of names.length > 0 ? names : Object.keys(benchmarks)) {
  const benchmark = benchmarks[name];
  if (benchmark === undefined) {
    console.error(`unknown benchmark "${name}" (known: ${Object.keys(benchmarks).join(', ')})`);
    process.exit(2);
  }
  await benchmark();
}
