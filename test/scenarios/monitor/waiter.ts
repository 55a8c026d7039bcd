// A monitored component with wait="yes": its first line runs only once a debugger let it.
import type { Env } from 'nido';

export function construct(env: Env): void {
  env.log('waiter: running'); // waiter runs
}
