// esbuild options of the terminal component's bundle, merged by
// scripts/build.mjs into those every component bundle has.
export default {
  /*
   * @xterm/headless names its CommonJS build in "main" only ("module" points
   * to a file the package does not ship), and a neutral bundle reads no
   * main field unless told.
   */
  mainFields: ['main'],
  /*
   * xterm.js looks for Node (`process`) and else takes itself for a
   * browser: it reads navigator.platform (a component's navigator has only
   * userAgent) and asks whether window has requestIdleCallback. No
   * platform, and the component's global object as window: xterm then
   * parses in slices from setTimeout, as it does in Node.
   */
  define: { 'navigator.platform': '""', window: 'globalThis' },
};
