// GNU bc, the arbitrary-precision calculator, from Debian's source package
// `bc` (upstream's tree with Debian's patches), built unmodified with its
// own configure and make.
//
// Two things are specific to building it for wasm32-wasi:
//  - bc catches SIGINT with signal(), which wasi-libc offers only as an
//    emulation (-D_WASI_EMULATED_SIGNAL, -lwasi-emulated-signal); a WASI
//    program never receives a signal, so the handler simply never runs.
//  - bc's math library (-l) is bc code compiled to bc's byte code at build
//    time by `fbc`, a bc built without it, and kept as the C array
//    libmath.h. Upstream's Makefile runs ./fbc; ours is a wasm program, so
//    the recipe runs those steps itself, fbc under node:wasi, and turns its
//    output into the array as upstream's fix-libmath_h does with ed.
// bc needs no setjmp/longjmp (which wasi-libc lacks) and no readline
// (configure's default is without it: bc then reads its input with stdio).
import { rm, writeFile } from 'node:fs/promises';

/** The Debian source package. */
export const source = 'bc';
export const cppflags = ['-D_WASI_EMULATED_SIGNAL'];
export const libs = ['-lwasi-emulated-signal'];

/* Upstream's $(fbcOBJ): bc without global.o, whose math library is libmath.h. */
const FBC_OBJECTS = ['main.o', 'bc.o', 'scan.o', 'execute.o', 'load.o', 'storage.o', 'util.o', 'warranty.o'];

/*
 * fix-libmath_h's ed script: every line of fbc's output becomes a C
 * string, the last line (fbc's "@i") is dropped and the list ends with 0,
 * in braces: {"line1",\n"line2",\n...,0}
 */
function libmathArray(fbcOutput) {
  const lines = fbcOutput.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.pop();
  if (lines.length === 0) throw new Error('fbc printed no math library');
  return `{${lines.map((line) => `"${line}"`).join(',\n')},0}\n`;
}

/**
 * Builds bc; answers the ROM modules it makes: module name → file in the
 * build tree.
 */
export async function build(port) {
  await port.configure();
  await port.make(['-C', 'lib']);
  await port.make(['-C', 'bc', ...FBC_OBJECTS]);

  /* upstream's libmath.h rule: fbc is bc with an empty math library */
  await writeFile(port.path('bc/libmath.h'), '{0}\n');
  await port.make(['-C', 'bc', 'global.o']);
  await port.link([...FBC_OBJECTS.map((object) => `bc/${object}`), 'bc/global.o', 'lib/libbc.a'], 'bc/fbc');
  const compiled = await port.runWasm('bc/fbc', ['-c', 'libmath.b'], { root: 'bc' });
  await writeFile(port.path('bc/libmath.h'), libmathArray(compiled));
  /* global.o is built again, now with the math library */
  await rm(port.path('bc/global.o'));
  await rm(port.path('bc/fbc'));

  await port.make(['-C', 'bc', 'bc']);
  return { bc: 'bc/bc' };
}
