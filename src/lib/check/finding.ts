/*
 * What `nido check` reports: findings, each at a file, line and column,
 * saying what is wrong and, in a hint, what would be right. A finding is
 * an error where Genode would fail (init refuses a node, a child cannot
 * start, a session is certainly denied) and a warning where Genode ignores
 * something or goes on with less than was asked for (docs/check.md).
 *
 *   const findings = new Findings();
 *   findings.add('error', { file: 'config', line: 5, column: 34 }, 'route for "LOG" names child "nobody", which is not in this config');
 *   formatFinding(findings.sorted()[0]) // 'config:5:34: error: route for "LOG" names ...'
 */

export type Severity = 'error' | 'warning';

/** A place in a file: 1-based line, 1-based column (characters). */
export interface Place {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface Finding extends Place {
  readonly severity: Severity;
  /** What is wrong, naming the value concerned. */
  readonly message: string;
  /** What would be right ("did you mean ...?", the node to add), or undefined. */
  readonly hint: string | undefined;
}

/** The findings of one check, in the order they were made; `sorted()` orders them by place. */
export class Findings {
  readonly #list: Finding[] = [];
  readonly #seen = new Set<string>();

  add(severity: Severity, place: Place, message: string, hint?: string): void {
    /* A nested config reached by two paths (a ROM module two children read) is reported once. */
    const key = `${severity}\0${place.file}\0${place.line}\0${place.column}\0${message}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.#list.push(Object.freeze({ severity, file: place.file, line: place.line, column: place.column, message, hint }));
  }

  error(place: Place, message: string, hint?: string): void {
    this.add('error', place, message, hint);
  }

  warning(place: Place, message: string, hint?: string): void {
    this.add('warning', place, message, hint);
  }

  get count(): number {
    return this.#list.length;
  }

  /** Ordered by file, line and column; findings at one place keep the order they were made in. */
  sorted(): Finding[] {
    return [...this.#list].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  }
}

/**
 * Findings inside a config whose mistakes may be meant (a test driver's
 * config for the init under test): errors become warnings, saying why.
 */
export class DemotedFindings extends Findings {
  readonly #into: Findings;
  readonly #why: string;

  constructor(into: Findings, why: string) {
    super();
    this.#into = into;
    this.#why = why;
  }

  override add(severity: Severity, place: Place, message: string, hint?: string): void {
    this.#into.add('warning', place, severity === 'error' ? `${message} (${this.#why})` : message, hint);
  }
}

/** Whether any finding is an error (`nido check` exits 1). */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.severity === 'error');
}

/**
 * A finding as compilers print one: `file:line:column: severity: message`,
 * and the hint on a line of its own below, indented.
 *
 *   formatFinding(finding) // 'ex/config:3:5: warning: ...\n  hint: did you mean "ram"?'
 */
export function formatFinding(finding: Finding): string {
  const head = `${finding.file}:${finding.line}:${finding.column}: ${finding.severity}: ${finding.message}`;
  return finding.hint === undefined ? head : `${head}\n  hint: ${finding.hint}`;
}

/** "1 error, 2 warnings", "no findings". */
export function summary(findings: readonly Finding[]): string {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.length - errors;
  if (findings.length === 0) return 'no findings';
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return [errors > 0 ? plural(errors, 'error') : undefined, warnings > 0 ? plural(warnings, 'warning') : undefined]
    .filter((part) => part !== undefined).join(', ');
}
