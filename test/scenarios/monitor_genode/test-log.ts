// Genode's test-log, which its monitor scenario (repos/os/run/monitor_gdb.inc)
// monitors, as far as Nido has a LOG: a few lines, then "Test done.".
import type { Env } from 'nido';

export function construct(env: Env): void {
  env.log('multiarg string:    "parent -> child.7"');
  env.log(`String(Hex(3)):     0x${(3).toString(16)}`);
  env.log('Test done.');
}
