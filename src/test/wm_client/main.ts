/*
 * wm_client: a Gui client for the window manager's tests, which logs what
 * a window's client sees of wm (docs/gui_wm.md). It shows a buffer of
 * `width` x `height` in one top-level view, filled with `color`, its name
 * and size written in it, and
 *
 * - on a mode change (wm's suggested size, after the user dragged a
 *   sizer) allocates a buffer of the new size, paid from its session
 *   (GuiClient upgrades it when wm says OutOfRam), redraws, sizes its view
 *   and logs `mode WxH`;
 * - on a mode of 0x0 (the user closed the window: Genode's resize to 0x0)
 *   logs `closed by the window manager`, closes its session and logs its
 *   RAM quota before the session and after it (every byte back);
 * - logs pointer presses with the position in its own coordinates
 *   (`press BTN_LEFT at X,Y`), key presses (`press KEY_A`) and focus
 *   changes (`focus enter`, `focus leave`).
 *
 * With `bad_calls="yes"` (or `"direct"` on nitpicker's own session: also a
 * view outside the screen) it first makes calls a client must not make (a
 * view it does not have, malformed commands and attributes, a buffer of
 * no size and one it cannot pay, a refresh outside its buffer) and logs
 * how each was refused: the server's error, never its crash.
 *
 *   <config width="240" height="160" color="#2a9d8f"/>
 */

import { bufferBytes, isButton, sameArea, type Capability, type Env, type FramebufferMode, type GuiCommand, type Point, type View, type ViewAttributes } from 'nido';
import { GuiClient } from '../../lib/gui/gui_client.js';
import { parseColor, type Surface } from '../../lib/gui/surface.js';

export async function construct(env: Env): Promise<void> {
  const config = (await env.config()).xml;
  const color = parseColor(config.stringAttribute('color', '#2a9d8f')) ?? 0x2a9d8f;
  let mode: FramebufferMode = { width: config.naturalAttribute('width', 240), height: config.naturalAttribute('height', 160) };
  const name = config.stringAttribute('title', 'wm_client');

  const ramBefore = (await env.pd.quota()).ram.quota;
  const gui = await GuiClient.open(env, { ram: bufferBytes(mode) });
  const draw = (surface: Surface) => {
    surface.fill(surface.bounds, color);
    surface.frame(surface.bounds, 0xffffff, 2);
    surface.text(8, 8, name, 0xffffff);
    surface.text(8, 28, `${surface.width}x${surface.height}`, 0xffffff);
  };
  draw(await gui.buffer(mode));
  await gui.refresh();
  const view = await gui.gui.createView({ title: name, rect: { x: 0, y: 0, ...mode } });
  env.log(`window ${mode.width}x${mode.height}`);
  const badCallsMode = config.stringAttribute('bad_calls', 'no');
  if (badCallsMode === 'yes' || badCallsMode === 'direct') await badCalls(env, gui, view, badCallsMode === 'direct');

  let closed = false;
  /* Mode changes are taken one at a time: a drag sends many, the newest wins. */
  let adapting: Promise<void> = Promise.resolve();
  const adapt = async () => {
    if (closed) return;
    const wanted = await gui.gui.mode();
    if (wanted.width === 0 || wanted.height === 0) {
      closed = true;
      env.log('closed by the window manager');
      await gui.close();
      env.log(`session closed: RAM quota ${ramBefore} before it, ${(await env.pd.quota()).ram.quota} after`);
      return;
    }
    if (sameArea(wanted, mode)) return;
    mode = wanted;
    draw(await gui.buffer(mode));
    await gui.refresh();
    await gui.gui.execute([{ op: 'geometry', view, rect: { x: 0, y: 0, ...mode } }]);
    env.log(`mode ${mode.width}x${mode.height}`);
  };
  await gui.onModeChange(() => {
    adapting = adapting.then(adapt).catch((error: unknown) => env.error(`mode change: ${String(error)}`));
  });

  let pointer: Point = { x: -1, y: -1 };
  await gui.onInput((events) => {
    for (const event of events) {
      switch (event.type) {
        case 'absolute_motion':
          pointer = { x: event.x, y: event.y };
          break;
        case 'press':
          env.log(isButton(event.key) ? `press ${event.key} at ${pointer.x},${pointer.y}` : `press ${event.key}`);
          break;
        case 'focus_enter':
          env.log('focus enter');
          break;
        case 'focus_leave':
          env.log('focus leave');
          break;
        default:
          break;
      }
    }
  });
}

/* Calls a hostile or broken client makes; each must come back as an error. */
/* `direct`: the session is nitpicker's own, where a view's geometry is the screen's (a window manager places windows itself). */
async function badCalls(env: Env, gui: GuiClient, view: number, direct: boolean): Promise<void> {
  const calls: [string, () => Promise<unknown>][] = [
    ['a command for a view it does not have', () => gui.gui.execute([{ op: 'geometry', view: view + 99, rect: { x: 0, y: 0, width: 10, height: 10 } }])],
    ['commands that are no array', () => gui.gui.execute('nonsense' as unknown as GuiCommand[])],
    ['an unknown command', () => gui.gui.execute([{ op: 'explode', view } as unknown as GuiCommand])],
    ['a rectangle of fractions', () => gui.gui.execute([{ op: 'geometry', view, rect: { x: 0.5, y: 0, width: 10, height: 10 } }])],
    ['a child of a view it does not have', () => gui.gui.createView({ parent: view + 42 })],
    ['attributes that are no object', () => gui.gui.createView(7 as unknown as ViewAttributes)],
    ['destroying a view it does not have', () => gui.gui.destroyView(view + 7)],
    ['a buffer of no size', () => gui.gui.buffer({ width: 0, height: 10 })],
    ['a buffer larger than any screen', () => gui.gui.buffer({ width: 100_000, height: 10 })],
    ['a buffer its donation cannot pay', () => gui.gui.buffer({ width: 8192, height: 8192 })],
    ['a refresh outside its buffer', () => gui.framebuffer.refresh(5000, 5000, 10, 10)],
    ['associating what is no view', () => gui.gui.associate({ not: 'a view' } as unknown as Capability<View>)],
    ...(direct ? [['a view outside the screen', () => gui.gui.execute([{ op: 'geometry', view, rect: { x: 50_000, y: 50_000, width: 10, height: 10 } }])] as [string, () => Promise<unknown>]] : []),
  ];
  let refused = 0;
  for (const [what, call] of calls) {
    try {
      await call();
      env.log(`bad call accepted: ${what}`);
    } catch (error) {
      refused++;
      env.log(`bad call refused: ${what}: ${error instanceof Error ? error.name : typeof error}`);
    }
  }
  env.log(`bad calls: ${refused} of ${calls.length} refused`);
}
