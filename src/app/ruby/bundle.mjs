// esbuild options of the ruby component's bundle, merged by scripts/build.mjs
// into those every component bundle has.
import { fileURLToPath } from 'node:url';

export default {
  /* The driver's WebAssembly is the C runtime's facade (globals.ts). */
  inject: [fileURLToPath(new URL('./globals.ts', import.meta.url))],
  /*
   * SES refuses to evaluate source text that looks like a direct eval or a
   * dynamic import, even where it is none: RubyVM has a method named eval,
   * and its doc comments show import(...). The method is renamed throughout
   * the bundle (callers included: main.ts calls it as vm.eval), and
   * comments go with the whitespace.
   */
  mangleProps: /^eval$/,
  mangleCache: { eval: 'evalRuby' },
  minifyWhitespace: true,
};
