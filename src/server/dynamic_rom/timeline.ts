/*
 * Timeline: the script of one dynamic_rom module, executed per ROM session
 * from the session's creation on (spec/init.md §8.2). Steps run in order
 * until a `<sleep milliseconds="N">`; after N ms the next step runs; after
 * the last step the script starts over.
 *
 *   <inline description="D"> <config/> </inline>   content := the sub node; log "NAME: change (D)"
 *   <empty/>                                        module absent; log "NAME: remove"
 *   <sleep milliseconds="N"/>                      wait; log "NAME: sleep N milliseconds"
 */

import type { XmlNode } from 'nido';

/** What a timeline does to the outside world. */
export interface TimelineOutput {
  /** The module has new content (undefined: absent). */
  content(content: string | undefined): void;
  /** Arms the one-shot timeout after which `run` is to be called again. */
  sleep(ms: number): void;
  /** A verbose message, without the module's name. */
  log(text: string): void;
  warning(text: string): void;
}

export class Timeline {
  readonly #steps: XmlNode[];
  readonly #output: TimelineOutput;
  #next = 0;

  constructor(rom: XmlNode, output: TimelineOutput) {
    this.#steps = rom.children();
    this.#output = output;
  }

  /** Executes steps until one sleeps. */
  run(): void {
    /*
     * A script without a sleep would loop forever (Genode's does): stop
     * after one round without sleeping instead.
     */
    for (let executed = 0; executed < this.#steps.length; executed++) {
      const step = this.#steps[this.#next];
      this.#next = (this.#next + 1) % this.#steps.length;
      if (step !== undefined && this.#execute(step)) return;
    }
    if (this.#steps.length > 0) this.#output.warning('script has no <sleep milliseconds="..."> step, stopped');
  }

  /* True when the step sleeps. */
  #execute(step: XmlNode): boolean {
    switch (step.type) {
      case 'inline': {
        const nodes = step.children();
        const node = nodes[0];
        if (nodes.length !== 1 || node === undefined) {
          this.#output.warning(`<inline> must contain exactly one sub node, found ${nodes.length}`);
        }
        this.#output.content(nodes.length === 1 && node !== undefined ? node.raw() : '');
        const description = step.attribute('description');
        this.#output.log(description === undefined ? 'change' : `change (${description})`);
        return false;
      }
      case 'empty':
        this.#output.content(undefined);
        this.#output.log('remove');
        return false;
      case 'sleep': {
        if (!step.hasAttribute('milliseconds')) return false;
        const ms = step.naturalAttribute('milliseconds', 0);
        this.#output.sleep(ms);
        this.#output.log(`sleep ${ms} milliseconds`);
        return true;
      }
      default:
        return false;
    }
  }
}
