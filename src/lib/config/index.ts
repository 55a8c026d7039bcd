/*
 * nido/config: init's configuration in TypeScript, with completion and
 * type errors, generating the XML Genode's init reads (docs/config.md).
 *
 *   import { init, start, service, anyService, parent, child, anyChild } from 'nido/config';
 *
 *   export default init({
 *     parentProvides: ['ROM', 'PD', 'CPU', 'LOG'],
 *     defaultRoute: [anyService(parent(), anyChild())],
 *     default: { caps: 100, ram: '2M' },
 *     start: [
 *       start('server', { provides: ['Hello'] }),
 *       start('client', { route: [service('Hello', child('server')), anyService(parent())] }),
 *     ],
 *   });
 */

export { init, type InitOptions, type ReportOptions } from './init.js';
export { start, type StartOptions } from './start.js';
export {
  route, service, anyService, parent, child, anyChild, local,
  type Rule, type Target, type LabelMatch, type LabelRewrite,
} from './route.js';
export { node, config, XmlElement, type Attributes, type AttributeValue, type Content } from './xml_element.js';
export { policy, defaultPolicy, type PolicyAttributes, type LabelSelector } from './policy.js';
export { type Size } from './size.js';
export { vfs, type VfsNode } from './vfs.js';
export { reportRom, type ReportRomOptions, type ReportRomPolicy } from './report_rom.js';
export { ramFs, type RamFsOptions, type RamFsPolicy, type RamFsContent } from './ram_fs.js';
export { noux, type NouxOptions } from './noux.js';
export { nitpicker, type NitpickerOptions, type NitpickerDomain, type CapturePolicy, type Color } from './nitpicker.js';
export { configText } from './config_text.js';
export { InvalidConfig } from './invalid_config.js';
