/*
 * Making a bundle's text acceptable to SES's evaluator without changing
 * what it does.
 *
 * SES cannot parse the code it evaluates, so it rejects any source text in
 * which `<!--`, `-->` (HTML-like comments, which some parsers honour), an
 * `import(` or `import /*` (a dynamic import would reach the host's module
 * loader) or an `eval(` (a direct eval) appears, even inside a string, a
 * regular expression or a comment. Packages have those in all three
 * places: markdown parsers match HTML comments with regular expressions,
 * parsers name `import(` in their error messages, documentation comments
 * show examples. So the bundle is tokenized (acorn) and, inside literals
 * only, one character of each such sequence is written as an escape that
 * means the same character (`<\x21--`, `--\x3e`, `impor\x74(`,
 * `ev\x61l(`); a comment that contains one is dropped (its line breaks
 * kept, so that line numbers in stack traces stay right). The same
 * sequences in code proper are left for SES to reject, as it must.
 */

import { tokenizer, tokTypes } from 'acorn';

const SUSPECT = /<!--|-->|\bimport\s*(?:\(|\/[/*])|\beval\s*\(/;

/* The literal's text with the suspect sequences escaped (same meaning in strings, templates and regular expressions). */
function escapeLiteral(text: string): string {
  return text
    .replace(/<!--/g, '<\\x21--')
    .replace(/-->/g, '--\\x3e')
    .replace(/\bimport(?=\s*(?:\(|\/[/*]))/g, 'impor\\x74')
    .replace(/\beval(?=\s*\()/g, 'ev\\x61l');
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** `code` with every suspect sequence in a literal escaped and every suspect comment dropped; `code` itself if it has none. */
export function sesSafe(code: string): string {
  if (!SUSPECT.test(code)) return code;
  const edits: Edit[] = [];
  try {
    const tokens = tokenizer(code, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      allowHashBang: true,
      allowReturnOutsideFunction: true,
      onComment: (_block, text, start, end) => {
        if (SUSPECT.test(text)) edits.push({ start, end, text: text.replace(/[^\n]/g, '') });
      },
    });
    for (const token of tokens) {
      if (token.type !== tokTypes.string && token.type !== tokTypes.template && token.type !== tokTypes.regexp) continue;
      const text = code.slice(token.start, token.end);
      if (SUSPECT.test(text)) edits.push({ start: token.start, end: token.end, text: escapeLiteral(text) });
    }
  } catch {
    /* Not tokenizable: SES reports what it rejects, or the engine the syntax error. */
    return code;
  }
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += code.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + code.slice(at);
}
