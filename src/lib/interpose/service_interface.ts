/*
 * The interface of a service an interposer's config names: Nido's session
 * interfaces by their service names, any other service by the methods its
 * <service> node lists (an interposer forwards what it is told exists).
 *
 *   <service name="LOG"/>
 *   <service name="Hello" methods="add,greet"/>
 */

import {
  Capture, Cpu, Event, FileSystem, Framebuffer, Gui, Input, Loader, Log, Noux, Pd, Report, Rom, Terminal, Timer,
  defineInterface, type Interface, type XmlNode,
} from 'nido';

/** An interface whose methods are known by name only. */
export type AnyInterface = Interface<Record<string, (...args: never[]) => unknown>>;

const KNOWN: readonly Interface<never>[] = [
  Log, Rom, Timer, Report, Terminal, FileSystem, Gui, Framebuffer, Input, Capture, Event, Noux, Loader, Pd, Cpu,
] as unknown as Interface<never>[];

/** A config error of an interposer, naming the node. */
export class InterposerConfigError extends Error {
  constructor(node: XmlNode, what: string) {
    super(`config:${node.line}:${node.column}: ${what}`);
    this.name = 'InterposerConfigError';
  }
}

/** The service names Nido knows the interface of. */
export function knownServices(): string[] {
  return KNOWN.map((iface) => iface.name);
}

/** The interface of a <service name=... methods=...> node. */
export function serviceInterface(node: XmlNode): AnyInterface {
  const name = node.stringAttribute('name', '');
  if (name === '') throw new InterposerConfigError(node, '<service> without a name');
  const methods = node.stringAttribute('methods', '').split(',').map((method) => method.trim()).filter((method) => method !== '');
  if (methods.length > 0) return defineInterface(name, methods) as AnyInterface;
  const known = KNOWN.find((iface) => iface.name === name);
  if (known === undefined) {
    throw new InterposerConfigError(node, `service "${name}" is none of Nido's (${knownServices().join(', ')}): list its methods, methods="a,b"`);
  }
  return known as unknown as AnyInterface;
}

/** The methods a policy's `methods` attribute names, or undefined for all. */
export function policyMethods(policy: XmlNode): ReadonlySet<string> | undefined {
  const methods = policy.attribute('methods');
  if (methods === undefined || methods.trim() === '' || methods.trim() === '*') return undefined;
  return new Set(methods.split(',').map((method) => method.trim()).filter((method) => method !== ''));
}
