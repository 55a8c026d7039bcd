/* The help text of the `nido` command. */

export const USAGE = `Usage: nido <command> [options]

Commands:
  run DIR        Boot the boot directory DIR: DIR/config is init's
                 configuration (Genode's XML), every other file in DIR is a
                 ROM module. Binaries named in <start>/<binary> resolve to
                 DIR/NAME, DIR/NAME.js, DIR/NAME.mjs, DIR/NAME.ts or
                 DIR/NAME.wasm, then to the components and C programs that
                 ship with Nido (init, dummy, ram_fs, cat, ls, calc, ...).
                 A .wasm binary (wasm32-wasi) runs on the C runtime.
                 Without DIR/config, DIR/config.ts (or config.mjs,
                 config.js) is init's configuration: its default export,
                 init({...}) from 'nido/config' (docs/config.md).
                 Log lines go to stdout as [label] text.
  cc ARGS...     Build a C program for noux (docs/noux.md): Debian's clang
                 for wasm32-wasi with wasi-libc and Nido's POSIX layer
                 (fork, exec, pipes, signals, termios, setjmp), e.g.
                 nido cc -O2 hello.c -o hello.wasm. --print-flags prints
                 CC, CFLAGS and LDFLAGS for a ./configure; --fpcast-emu
                 lets a program call functions through pointers of
                 another type (binaryen's fpcast-emu pass; slower calls).
  check DIR      Check DIR's config before anything runs (docs/check.md):
                 init's grammar, routes, services, quotas, binaries, and
                 the configs of the shipped components in it by their
                 schemas. Prints every finding as DIR/config:LINE:COLUMN:
                 error|warning: ..., with a hint; exit 1 when there is an
                 error. --ram and --caps as for run. nido run prints the
                 same findings on stderr before it boots.
  schema [NAME]  Print the XSD of component NAME's config (init, ram_fs,
                 vfs, ...) for XML editors; without NAME, list them.
  why DIR ...    Explain init's decisions for DIR (docs/why.md), from the
                 configs and, with --report-dir R, init's state report
                 R/init/state: --session SERVICE --label LABEL walks the
                 route rules on the way (file:line, matched or why not) to
                 the server and its policy; --child NAME says why a child
                 does not run (a denied or waiting session, its binary, its
                 quota) or that it exited; --quota NAME where its RAM and
                 caps go. --ram and --caps as given to run.
  help           Show this text.

Options of run:
  --until REGEX      Exit 0 as soon as a log line matches REGEX.
  --fail REGEX       Exit 1 as soon as a log line matches REGEX.
  --timeout SECONDS  Exit 1 when neither matched within SECONDS.
  --report-dir DIR   Where Report sessions write their reports
                     (default: reports/ in the current directory). A report
                     labelled "init -> state" is written to DIR/init/state.
  --ram SIZE         RAM quota of init (default 256M; K, M, G suffixes).
  --caps N           Capability quota of init (default 10000).
  --pool N           Pre-started protection domains kept ready (default 2).
  --ui[=PORT]        Serve the dashboard (docs/dashboard.md) on 127.0.0.1:PORT
                     (default: any free port) and print its address, with
                     its token, before the first log line. When the system
                     ends, the page stays up until Ctrl-C (unless --until).
  --screen WxH       The mode of core's screen (default 1024x768, at most
                     8192 a side): the Framebuffer and Input services a
                     screen driver (fb_drv) uses; --ui shows it in the page.
  --print-config     Print init's configuration (DIR/config, or the XML
                     DIR/config.ts generates) and exit.
  --inspect[=PORT]   Serve the components a monitor watches to debuggers
                     (chrome://inspect, VS Code, node inspect) on
                     127.0.0.1:PORT (default 9229; 0: any free port):
                     /json/list, one target each (docs/debugging.md).

Without --until, nido runs until Ctrl-C or SIGTERM and then shuts down:
every component's sessions are closed and its quota returned.

Terminal: core's Terminal service is the console: a component routed to
it writes to stdout and reads stdin (only while its session is open).
On a TTY that is raw mode: Ctrl-C goes to the component, and Ctrl-]
ends nido run as Ctrl-C otherwise would. A piped stdin is passed on as
it comes; the size is the TTY's, else COLUMNS x LINES, else 80x24.

Screen: core's Framebuffer and Input services are a screen of --screen's
size (docs/gui.md). A Framebuffer client donates the buffer's bytes
(WIDTH*HEIGHT*4) and pays for it; the newest session is shown. With --ui
the page's Screen view shows it, and its keyboard and pointer go to the
newest Input session.

Exit status: 0 --until matched (or init exited with 0 when no --until was
given), 1 --fail matched, the timeout passed or init failed, 2 usage or
boot error (the message names the file, line and column).

Examples:
  nido run examples/hello --until 'Hello world'
  nido run examples/demo --report-dir /tmp/reports
  nido run examples/demo --ui
  nido why examples/demo --session Calculator --label "init -> client -> math"
  nido run examples/typed_config --print-config
`;
