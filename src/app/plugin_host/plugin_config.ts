/*
 * The plugin host's config (README.md):
 *
 *   <config xpos="40" ypos="40" width="640" height="480" title="plugin_host">
 *     <plugin name="clock" binary="init" ram="8M" caps="300" xpos="8" ypos="40" width="300" height="200">
 *       <config> ... the subsystem's config ROM ... </config>
 *       <rom name="hello.js"> ... another ROM module, as text ... </rom>
 *     </plugin>
 *   </config>
 *
 * A plugin is one Loader session: its `config` (Genode's way: the ROM
 * module "config" of the session) and `<rom>` modules go in, its quota is
 * `ram` and `caps`, and its slot is `xpos`, `ypos`, `width`, `height`
 * within the window (slots without a position are stacked below each
 * other). The subsystem runs as `label` (default: its binary's name, so
 * that its windows read `loader -> init -> ...`, as in the talk). With
 * `place="yes"`, the host puts the plugin's view at the slot's top left
 * once it is ready, whatever position the plugin gave it.
 */

import { subsystemModules, type Rect, type XmlNode } from 'nido';

export interface PluginConfig {
  readonly name: string;
  readonly binary: string;
  /** The subsystem's label at the loader (its child's name). */
  readonly label: string;
  readonly ram: number;
  readonly caps: number;
  /** The ROM modules put into the loader session: `config` and each `<rom>`. */
  readonly modules: ReadonlyMap<string, string>;
  /** The slot within the window's buffer (caption above it, frame around it). */
  readonly slot: Rect;
  /** Whether the host places the plugin's view at the slot's top left (Loader.viewGeometry) once it is ready. */
  readonly place: boolean;
}

export interface HostConfig {
  readonly window: Rect;
  readonly title: string;
  readonly plugins: readonly PluginConfig[];
}

/* Room around a slot: the caption bar above it, a frame around it, a margin between slots. */
export const CAPTION_HEIGHT = 20;
export const FRAME = 2;
export const MARGIN = 8;
/* The window's own title row. */
export const TITLE_HEIGHT = 24;

export class PluginConfigError extends Error {}

/** The config as the plugin host reads it; a PluginConfigError names a plugin it cannot use. */
export function hostConfig(config: XmlNode): HostConfig {
  const names = new Set<string>();
  let nextY = TITLE_HEIGHT + CAPTION_HEIGHT + FRAME;
  const plugins = config.children('plugin').map((node, index) => {
    const name = node.stringAttribute('name', '');
    if (name === '' || /\s|->/.test(name)) throw new PluginConfigError(`plugin ${index + 1}: name="${name}" is no session label`);
    if (names.has(name)) throw new PluginConfigError(`plugin "${name}" is configured twice`);
    names.add(name);
    const binary = node.stringAttribute('binary', '');
    if (binary === '') throw new PluginConfigError(`plugin "${name}" names no binary`);
    const width = node.naturalAttribute('width', 300);
    const height = node.naturalAttribute('height', 200);
    if (width < 1 || height < 1) throw new PluginConfigError(`plugin "${name}": a slot of ${width}x${height} shows nothing`);
    const x = node.integerAttribute('xpos', MARGIN + FRAME);
    const y = node.hasAttribute('ypos') ? node.integerAttribute('ypos', 0) : nextY;
    nextY = y + height + FRAME + MARGIN + CAPTION_HEIGHT + FRAME;
    return {
      name,
      binary,
      label: node.stringAttribute('label', binary),
      ram: node.numBytesAttribute('ram', 8 * 1024 * 1024),
      caps: node.naturalAttribute('caps', 300),
      modules: subsystemModules(node),
      slot: { x, y, width, height },
      place: node.boolAttribute('place', false),
    };
  });
  /* Without a size, the window holds every slot. */
  const right = Math.max(320, ...plugins.map((p) => p.slot.x + p.slot.width + FRAME + MARGIN));
  const bottom = Math.max(TITLE_HEIGHT + 40, ...plugins.map((p) => p.slot.y + p.slot.height + FRAME + MARGIN));
  return {
    window: {
      x: config.integerAttribute('xpos', 40),
      y: config.integerAttribute('ypos', 40),
      width: config.naturalAttribute('width', right),
      height: config.naturalAttribute('height', bottom),
    },
    title: config.stringAttribute('title', 'plugin_host'),
    plugins,
  };
}
