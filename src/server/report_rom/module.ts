/*
 * Modules of report_rom (spec/init.md §8.1): a report's newest content,
 * named by the label of the Report session that writes it, and the ROM
 * sessions that read it. A module exists while a writer or reader refers
 * to it; it has at most one writer.
 */

/** A ROM session reading a module: told about new versions. */
export interface Reader {
  /** A new version exists. */
  changed(): void;
}

/** A Report session writing a module (identity only). */
export type Writer = object;

export class Module {
  /** The content; empty before the first report and after its writer left. */
  #content: Uint8Array = new Uint8Array(0);
  /** Counts submitted reports; a reader that fetched an older one is outdated. */
  #version = 0;
  #lastWriter: Writer | undefined;
  readonly writers = new Set<Writer>();
  readonly readers = new Set<Reader>();

  constructor(readonly name: string) {}

  get content(): Uint8Array {
    return this.#content;
  }

  get version(): number {
    return this.#version;
  }

  get inUse(): boolean {
    return this.writers.size > 0 || this.readers.size > 0;
  }

  /** Replaces the content and tells every reader. */
  write(writer: Writer, content: Uint8Array): void {
    this.#content = content;
    this.#lastWriter = writer;
    this.#version++;
    for (const reader of this.readers) reader.changed();
  }

  /** The writer leaves: the content it wrote goes with it. Readers are not told (as in Genode). */
  removeWriter(writer: Writer): void {
    this.writers.delete(writer);
    if (this.#lastWriter !== writer) return;
    this.#lastWriter = undefined;
    this.#content = new Uint8Array(0);
  }
}

/** The modules by name, created on first reference and deleted when unreferenced. */
export class ModuleRegistry {
  readonly #modules = new Map<string, Module>();

  lookup(name: string): Module {
    let module = this.#modules.get(name);
    if (module === undefined) {
      module = new Module(name);
      this.#modules.set(name, module);
    }
    return module;
  }

  /** Deletes `module` if nobody refers to it any more. */
  release(module: Module): void {
    if (!module.inUse && this.#modules.get(module.name) === module) this.#modules.delete(module.name);
  }
}
