// What a port's recipe builds with: one PortBuild per build, handed to the
// recipe's `build(port)`. It runs the source's own configure and make for
// wasm32-wasi, compiles and links single files, and runs programs the
// build made for itself (bc's fbc) under node:wasi, since a cross build
// cannot execute what it compiles. Everything the tools print goes to the
// port's build log; a failing step is a PortError quoting the log's end.
import { spawn } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PortError } from './port_error.mjs';

const WASM_TOOL = fileURLToPath(new URL('./wasm_tool.mjs', import.meta.url));
/* The machines this runs on have two cores. */
const JOBS = 2;

/*
 * Debian's patches may touch Makefile.am or configure.ac, which Debian's
 * own build regenerates with autoreconf. The shipped Makefile.in and
 * configure still build the program, so make is told that the autotools
 * are `true` instead of failing on their absence (a port whose patch
 * matters there must carry its own patch of the generated files).
 */
const NO_AUTOTOOLS = ['ACLOCAL=true', 'AUTOMAKE=true', 'AUTOCONF=true', 'AUTOHEADER=true'];

export class PortBuild {
  #log;
  #dependencies;

  /**
   * @param {object} options
   * @param {string} options.name       the port (ports/NAME)
   * @param {string} options.version    the Debian source version
   * @param {string} options.dir        the build tree: a fresh copy of the unpacked source
   * @param {object} options.toolchain  from toolchain()
   * @param {object} options.recipe     the port's module (cppflags, cflags, ldflags, libs)
   * @param {string} options.logPath    where the tools' output goes
   * @param {Record<string, string>} [options.dependencies]  the installed trees of the library ports the recipe uses
   */
  constructor({ name, version, dir, toolchain, recipe, logPath, dependencies = {} }) {
    this.name = name;
    this.version = version;
    this.dir = dir;
    this.toolchain = toolchain;
    this.logPath = logPath;
    /** The compiler with its target: the CC of configure and make, so that every use (compile, link, preprocess) is a cross one. */
    this.cc = [toolchain.cc, ...toolchain.target];
    this.cppflags = [...(recipe.cppflags ?? [])];
    this.cflags = [...toolchain.cflags, ...(recipe.cflags ?? [])];
    this.ldflags = [...(toolchain.ldflags ?? []), ...(recipe.ldflags ?? [])];
    /** What every program links after its objects: the recipe's libraries (the driver puts wasm/crt's objects first). */
    this.libs = [...(recipe.libs ?? [])];
    this.#dependencies = dependencies;
    this.#log = openSync(logPath, 'a');
  }

  /**
   * The installed tree of a library port the recipe uses (`uses =
   * ['ncurses']`): an absolute path with the library's include/ and lib/,
   * e.g. for `-I${port.dependency('ncurses')}/include`.
   */
  dependency(name) {
    const tree = this.#dependencies[name];
    if (tree === undefined) throw new PortError(`${this.name}: port.dependency('${name}'), but the recipe's uses does not name ${name}`);
    return tree;
  }

  /** Closes the build log. */
  close() {
    closeSync(this.#log);
  }

  /** A path in the build tree. */
  path(relative) {
    return isAbsolute(relative) ? relative : join(this.dir, relative);
  }

  /** Writes a line to the build log. */
  note(line) {
    writeSync(this.#log, `${line}\n`);
  }

  /** Runs a command in the build tree (`cwd` relative to it); its output goes to the log. */
  async run(command, args, { cwd = '.', env = {} } = {}) {
    this.note(`$ ${[command, ...args].join(' ')}`);
    const code = await new Promise((resolve) => {
      const child = spawn(command, args, { cwd: this.path(cwd), env: { ...process.env, ...env }, stdio: ['ignore', this.#log, this.#log] });
      child.on('error', (error) => { this.note(String(error)); resolve(127); });
      child.on('close', (status) => resolve(status ?? 1));
    });
    if (code !== 0) await this.#fail(`${command} ${args.slice(0, 3).join(' ')}${args.length > 3 ? ' …' : ''} failed (exit ${code})`);
  }

  /** Runs the source's ./configure as a cross build for wasm32-wasi. */
  async configure(args = [], env = {}) {
    await this.run('./configure', ['--host=wasm32-wasi', '--prefix=/', ...args], {
      env: {
        CC: this.cc.join(' '),
        CPPFLAGS: this.cppflags.join(' '),
        CFLAGS: this.cflags.join(' '),
        LDFLAGS: this.ldflags.join(' '),
        LIBS: this.libs.join(' '),
        AR: this.toolchain.ar,
        RANLIB: this.toolchain.ranlib,
        ...env,
      },
    });
  }

  /** Runs make (two jobs, no autotools) with `args`. */
  async make(args = []) {
    await this.run(this.toolchain.make, [`-j${JOBS}`, ...NO_AUTOTOOLS, ...args]);
  }

  /** Compiles C sources to one object (or program) with the port's flags and `flags`. */
  async compile(sources, output, flags = []) {
    await this.run(this.cc[0], [...this.cc.slice(1), ...this.cppflags, ...this.cflags, ...flags, '-c', ...sources.map((s) => this.path(s)), '-o', this.path(output)]);
  }

  /** Links objects and archives into a program, with the port's libraries. */
  async link(inputs, output) {
    await this.run(this.cc[0], [...this.cc.slice(1), ...this.cflags, ...this.ldflags, ...inputs.map((i) => this.path(i)), ...this.libs, '-o', this.path(output)]);
  }

  /**
   * Runs a program built for wasm32-wasi (a path in the build tree) under
   * node:wasi and answers its standard output. `root` (in the build tree)
   * is its `/`, where it also starts; standard input is empty, standard
   * error goes to the log.
   */
  async runWasm(binary, args, { root = '.' } = {}) {
    this.note(`$ (node:wasi in ${root}) ${[binary, ...args].join(' ')}`);
    const chunks = [];
    const code = await new Promise((resolve) => {
      const child = spawn(process.execPath, ['--no-warnings', WASM_TOOL, this.path(binary), this.path(root), basename(binary), ...args],
        { stdio: ['ignore', 'pipe', this.#log] });
      child.stdout.on('data', (chunk) => chunks.push(chunk));
      child.on('close', (status) => resolve(status ?? 1));
    });
    if (code !== 0) await this.#fail(`${binary} ${args.join(' ')} under node:wasi failed (exit ${code})`);
    return Buffer.concat(chunks).toString('utf8');
  }

  async #fail(what) {
    const log = await readFile(this.logPath, 'utf8');
    const tail = log.trimEnd().split('\n').slice(-25).join('\n');
    throw new PortError(`${this.name}: ${what}; the end of ${this.logPath}:\n${tail}`);
  }
}
