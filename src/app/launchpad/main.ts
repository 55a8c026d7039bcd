/*
 * launchpad: starts and kills subsystems through the loader and shows its
 * own quota, its launchers and each child's quota and use, like the talk's
 * launchpad window (Genode's demo/src/app/launchpad). Two faces on one
 * model (launchpad.ts):
 *
 * - with `<gui/>` in the config, a window on a Gui session (nitpicker):
 *   click a launcher's name to start it, a child's kill icon to kill it
 *   (launchpad_window.ts);
 * - without, commands typed on a Terminal: `start NAME`, `kill NAME`,
 *   `status`, `help` (terminal_ui.ts).
 *
 *   <config>
 *     <gui xpos="550" ypos="150" width="400" height="400"/>
 *     <launcher name="testnit" ram_quota="512K" caps="200" binary="init"> <config> ... </config> </launcher>
 *   </config>
 *
 * The face is chosen by the config, not by trying a Terminal session: a
 * component cannot see its routes, and a denied or misrouted session
 * must stay an error the user sees, not silently a different face.
 */

import type { Env, XmlNode } from 'nido';
import { Launchpad } from './launchpad.js';
import { LaunchpadWindow, type WindowGeometry } from './launchpad_window.js';
import { runTerminalUi } from './terminal_ui.js';

/** The window's geometry: `<gui>`'s attributes, else `<config>`'s (Genode's launchpad has them there), else Genode's defaults. */
function windowGeometry(config: XmlNode, gui: XmlNode): WindowGeometry {
  const attribute = (name: string, fallback: number) => gui.naturalAttribute(name, config.naturalAttribute(name, fallback));
  return {
    x: attribute('xpos', 550),
    y: attribute('ypos', 150),
    width: Math.max(200, attribute('width', 400)),
    height: Math.max(120, attribute('height', 400)),
  };
}

export async function construct(env: Env): Promise<void> {
  const config = await env.config();
  const launchpad = await Launchpad.create(env, config);
  const gui = config.xml.child('gui');
  if (gui === undefined) return runTerminalUi(env, launchpad);
  await LaunchpadWindow.open(env, launchpad, windowGeometry(config.xml, gui));
  env.log('window open');
}
