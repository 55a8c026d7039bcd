// A TypeScript component that imports a package and its types as usual.
import { z } from 'zod';
import type { ZodType } from 'zod';
import type { Env } from 'nido';

const Port: ZodType<number> = z.number().int().min(1).max(65535);

export function construct(env: Env): void {
  const good = Port.safeParse(8080);
  const bad = Port.safeParse(70000);
  env.log(`typed: ${good.success} ${bad.success} ${bad.error?.issues[0]?.code}`);
  env.exit(0);
}
