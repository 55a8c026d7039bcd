/*
 * wm: the window manager, in the roles of Genode's wm, window layouter and
 * decorator at once (repos/gems/src/server/wm, src/app/window_layouter,
 * src/app/decorator). A Gui server for applications and a Gui client of
 * nitpicker: each application's session becomes a session at nitpicker
 * with the application's label, its top-level views windows with a frame
 * and a title bar that wm draws in views of its own. See README.md.
 *
 *   <config>
 *     <report window_list="yes" focus="yes" window_layout="yes"/>
 *     <decorator> <policy label_prefix="editor" color="#664455"/> </decorator>
 *   </config>
 */

import { Gui, type Env } from 'nido';
import { Decorator } from './decorator.js';
import { GuiSession, SESSION_CAPS, SESSION_RAM } from './gui_session.js';
import { Layouter } from './layouter.js';
import { Reporters } from './reports.js';

export async function construct(env: Env): Promise<void> {
  const config = await env.config();
  const reporters = new Reporters(env);
  const decorator = await Decorator.open(env);
  const layouter = new Layouter(env, decorator, reporters);
  const sessions = new Set<GuiSession>();

  const configure = () => {
    reporters.configure(config.xml.child('report'));
    decorator.configure(config.xml.child('decorator'));
  };
  configure();
  config.onChange(async () => {
    await config.update();
    configure();
  });

  await decorator.onInput((events) => layouter.handleDecoratorInput(events));
  await decorator.onScreenChange((screen) => {
    layouter.screenChanged(screen);
    for (const session of sessions) session.screenChanged();
  });

  env.announce(Gui, async (args) => {
    const session = await GuiSession.open(env, layouter, args, () => sessions.delete(session));
    sessions.add(session);
    return session;
  }, { ram: SESSION_RAM, caps: SESSION_CAPS });
}
