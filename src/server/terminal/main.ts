/*
 * terminal: a Gui client that provides a Terminal service, Genode's
 * graphical terminal (repos/gems/src/server/terminal) under its name and
 * with its config (README.md, docs/gui_terminal.md).
 *
 * It opens one Gui session, allocates a buffer of the mode the Gui server
 * suggests (the screen's, or the window's under a window manager) and
 * shows it in one view. What its clients write goes through xterm.js's
 * emulation (emulator.ts) and is drawn as cells of the built-in Terminus
 * 8x16 (text_screen.ts), only the rows that changed. Keys typed into the
 * view become the bytes an xterm sends (keyboard.ts). A new mode is a new
 * buffer, new columns and rows, and a size-changed signal to every
 * session (noux makes SIGWINCH of it).
 *
 * The terminal pays for its buffer from its own RAM, donated to the Gui
 * session (GuiClient upgrades the session when the server asks); a
 * Terminal session's client donates TERMINAL_SESSION_RAM.
 */

import {
  Terminal, TERMINAL_SESSION_CAPS, TERMINAL_SESSION_RAM, bufferBytes, boundingBox, formatNumBytes, intersect, isEmpty, sameArea,
  type AttachedRom, type Env, type FramebufferMode, type InputEvent, type Rect, type XmlNode,
} from 'nido';
import { GuiClient } from '../../lib/gui/gui_client.js';
import { defaultFont, type Font } from '../../lib/gui/font.js';
import type { Surface } from '../../lib/gui/surface.js';
import { ColorPalette } from './color_palette.js';
import { DEFAULT_SCROLLBACK, Emulator } from './emulator.js';
import { Keyboard } from './keyboard.js';
import { TerminalSessions } from './session.js';
import { cellGrid, TextScreen } from './text_screen.js';

/* Lines a wheel step scrolls through the scrollback. */
const WHEEL_LINES = 3;

/* The size clients see while the Gui server suggests no mode with pixels (no screen yet). */
const UNSHOWN_SIZE = Object.freeze({ columns: 80, rows: 24 });

const encoder = new TextEncoder();

function usable(mode: FramebufferMode): boolean {
  return mode.width > 0 && mode.height > 0;
}

interface TerminalConfig {
  readonly palette: ColorPalette;
  readonly scrollback: number;
  /** `<initial width height>`: the first buffer's size instead of the suggested mode. */
  readonly initial: Partial<FramebufferMode>;
}

function terminalConfig(config: XmlNode, warn: (message: string) => void): TerminalConfig {
  const font = config.child('font');
  if (font !== undefined && font.naturalAttribute('size', 16) !== 16) {
    warn(`<font size="${font.stringAttribute('size', '')}"> ignored: the terminal has the built-in Terminus 8x16 only`);
  }
  if (config.hasChild('vfs')) warn('<vfs> ignored: fonts from a VFS are not supported yet, the terminal uses the built-in Terminus 8x16');
  const initial = config.child('initial');
  const edge = (name: string): number | undefined => {
    const value = initial?.naturalAttribute(name, 0) ?? 0;
    return value > 0 ? value : undefined;
  };
  const width = edge('width');
  const height = edge('height');
  return {
    palette: ColorPalette.fromConfig(config, warn),
    scrollback: config.naturalAttribute('scrollback', DEFAULT_SCROLLBACK),
    initial: { ...(width === undefined ? {} : { width }), ...(height === undefined ? {} : { height }) },
  };
}

class Main {
  readonly #env: Env;
  readonly #gui: GuiClient;
  readonly #font: Font = defaultFont();
  readonly #emulator: Emulator;
  readonly #sessions: TerminalSessions;
  readonly #keyboard = new Keyboard();
  #screen: TextScreen;
  #surface: Surface | undefined;
  #mode: FramebufferMode;
  #view = 0;
  #focused = false;
  /* Pixels drawn but not refreshed yet; one refresh is in flight at a time. */
  #damage: Rect | undefined;
  #refreshing = false;
  /* Mode changes, one after the other: each replaces the buffer. */
  #modeChanges: Promise<void> = Promise.resolve();

  private constructor(env: Env, gui: GuiClient, config: TerminalConfig, mode: FramebufferMode) {
    this.#env = env;
    this.#gui = gui;
    this.#mode = mode;
    this.#screen = new TextScreen(this.#font, config.palette);
    const { columns, rows } = usable(mode) ? cellGrid(this.#font, mode.width, mode.height) : UNSHOWN_SIZE;
    this.#emulator = new Emulator({ columns, rows, scrollback: config.scrollback });
    this.#sessions = new TerminalSessions(env, (data) => this.#emulator.write(data), { columns, rows });
    this.#emulator.onParsed(() => this.#render());
    this.#emulator.onResponse((bytes) => this.#sessions.input(bytes));
  }

  static async start(env: Env, rom: AttachedRom): Promise<Main> {
    const warn = (message: string): void => env.warning(message);
    const config = terminalConfig(rom.xml, warn);
    const gui = await GuiClient.open(env);
    const suggested = await gui.gui.mode();
    const mode = { width: config.initial.width ?? suggested.width, height: config.initial.height ?? suggested.height };
    const main = new Main(env, gui, config, mode);
    /* At its size from the start: under a window manager, the window's. */
    main.#view = await gui.gui.createView({ front: true, ...(usable(mode) ? { rect: { x: 0, y: 0, ...mode } } : {}) });
    /* The first buffer first in line: mode changes signalled from now on come after it. A terminal that cannot pay for it ends. */
    const first = main.#applyMode(mode);
    main.#modeChanges = first.catch(() => undefined);
    await gui.onInput((events) => main.#input(events));
    await gui.onModeChange((next) => main.#modeChanged(next), suggested);
    rom.onChange(() => void main.#configChanged(rom, warn));
    await first;
    env.announce(Terminal, (args) => main.#sessions.open(args.label), { ram: TERMINAL_SESSION_RAM, caps: TERMINAL_SESSION_CAPS });
    return main;
  }

  /* Draws what changed and refreshes it. */
  #render(): void {
    const surface = this.#surface;
    if (surface === undefined) return;
    const damage = this.#screen.draw(surface, this.#emulator.xterm, { visible: this.#emulator.cursorVisible, focused: this.#focused });
    if (damage === undefined) return;
    this.#damage = this.#damage === undefined ? damage : boundingBox(this.#damage, damage);
    void this.#refresh();
  }

  async #refresh(): Promise<void> {
    if (this.#refreshing) return;
    this.#refreshing = true;
    try {
      for (;;) {
        const surface = this.#surface;
        const damage = this.#damage;
        this.#damage = undefined;
        if (surface === undefined || damage === undefined) break;
        /* Damage of an earlier, larger buffer may reach beyond this one. */
        const area = intersect(damage, surface.bounds);
        if (!isEmpty(area)) await this.#gui.refresh(area);
      }
    } catch (error) {
      this.#env.error(`refresh failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.#refreshing = false;
    }
  }

  #input(events: InputEvent[]): void {
    for (const event of events) {
      if (event.type === 'focus_enter' || event.type === 'focus_leave') this.#focused = event.type === 'focus_enter';
      if (event.type === 'wheel') this.#emulator.scrollLines(-event.y * WHEEL_LINES);
      const action = this.#keyboard.event(event, this.#emulator.keyboardModes);
      if (action?.type === 'scroll') this.#emulator.scrollPages(action.pages);
      if (action?.type === 'bytes') {
        /* Typing brings the newest lines back into view, as xterm does. */
        if (!this.#emulator.atBottom) this.#emulator.scrollToBottom();
        this.#sessions.input(encoder.encode(action.bytes));
      }
    }
    this.#render();
  }

  #modeChanged(mode: FramebufferMode): void {
    this.#modeChanges = this.#modeChanges.then(() => this.#applyMode(mode)).catch((error: unknown) => {
      this.#env.error(`mode ${mode.width}x${mode.height} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /*
   * A new buffer of the new size (paid by upgrading the session if the
   * donation cannot), the view to cover it, and new columns and rows for
   * xterm and the clients. Genode's terminal does the same on a mode change.
   */
  async #applyMode(mode: FramebufferMode): Promise<void> {
    /* No screen yet (no screen driver at the Gui server): wait for a mode with pixels. */
    if (!usable(mode)) return;
    if (sameArea(mode, this.#mode) && this.#surface !== undefined) return;
    const previous = this.#surface === undefined ? undefined : this.#mode;
    this.#surface = undefined;
    try {
      this.#surface = await this.#gui.buffer(mode);
      this.#mode = mode;
    } catch (error) {
      const reason = `a buffer of ${mode.width}x${mode.height} (${formatNumBytes(bufferBytes(mode))}) failed: ${error instanceof Error ? error.message : String(error)}`;
      if (previous === undefined) throw new Error(`${reason}; the terminal pays for its buffer from its RAM quota: give it more`);
      /* Keep the size the terminal could pay for. */
      this.#env.warning(`${reason}; staying at ${previous.width}x${previous.height}`);
      this.#surface = await this.#gui.buffer(previous);
    }
    const { columns, rows } = cellGrid(this.#font, this.#mode.width, this.#mode.height);
    this.#emulator.resize(columns, rows);
    this.#sessions.resized({ columns, rows });
    this.#screen.invalidate();
    await this.#gui.gui.execute([
      { op: 'geometry', view: this.#view, rect: { x: 0, y: 0, width: this.#mode.width, height: this.#mode.height } },
      { op: 'front', view: this.#view },
    ]);
    this.#render();
  }

  async #configChanged(rom: AttachedRom, warn: (message: string) => void): Promise<void> {
    await rom.update();
    const config = terminalConfig(rom.xml, warn);
    this.#screen = new TextScreen(this.#font, config.palette);
    this.#emulator.scrollback = config.scrollback;
    this.#render();
  }
}

export async function construct(env: Env): Promise<void> {
  await Main.start(env, await env.config());
}
