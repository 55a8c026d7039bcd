/*
 * init's config in an editor: checked as it is typed (the same check core
 * makes before it writes anything, config_check.ts), every finding with
 * its line and column; Apply hands it to core, which writes the boot
 * directory's config, and init reconfigures live as if the file had been
 * edited. The lines that routed the selected component's sessions are
 * marked in the gutter.
 */

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { checkConfig } from '../config_check.js';
import type { ConfigError, RouteLines } from '../protocol.js';
import type { Store } from './store.js';

export function ConfigEditor(props: { store: Store; routes: readonly RouteLines[] }) {
  const { store } = props;
  const [text, setText] = useState(store.config);
  const [edited, setEdited] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | undefined>();
  const [serverErrors, setServerErrors] = useState<readonly ConfigError[]>([]);
  const gutter = useRef<HTMLDivElement>(null);
  /* The file changed elsewhere (applied, restarted) and nothing is being edited here: show it. */
  useEffect(() => {
    if (!edited) setText(store.config);
  }, [store.config]);
  const errors = useMemo(() => checkConfig(text), [text]);
  const marked = new Set<number>();
  for (const route of props.routes) for (let line = route.first; line <= route.last; line++) marked.add(line);
  const lineCount = text.split('\n').length;
  const errorLines = new Set([...errors, ...serverErrors].map((error) => error.line));
  const apply = async () => {
    setResult({ ok: true, message: 'applying…' });
    const answer = await store.request((request) => ({ t: 'apply-config', request, config: text }));
    setServerErrors(answer.errors ?? []);
    setResult(answer);
    if (answer.ok) setEdited(false);
  };
  return (
    <div class="config-editor">
      <div class="editor-bar">
        <button type="button" class="apply" disabled={errors.length > 0 || !edited} onClick={() => void apply()}>Apply</button>
        <button type="button" class="revert" disabled={!edited} onClick={() => { setText(store.config); setEdited(false); setServerErrors([]); }}>Revert</button>
        {result !== undefined && <span class={`result ${result.ok ? 'ok' : 'error'}`}>{result.message}</span>}
      </div>
      <div class="editor">
        <div class="gutter" ref={gutter}>
          {Array.from({ length: lineCount }, (_, i) => (
            <div key={i} class={`${marked.has(i + 1) ? 'route-mark' : ''}${errorLines.has(i + 1) ? ' error-mark' : ''}`}>{i + 1}</div>
          ))}
        </div>
        <textarea class="config-text" spellcheck={false} value={text}
          onInput={(event) => { setText((event.target as HTMLTextAreaElement).value); setEdited(true); setResult(undefined); setServerErrors([]); }}
          onScroll={(event) => { if (gutter.current !== null) gutter.current.scrollTop = (event.target as HTMLTextAreaElement).scrollTop; }} />
      </div>
      <div class="config-errors">
        {[...errors, ...serverErrors].map((error) => (
          <div key={`${error.line}:${error.column}:${error.message}`} class="config-error">config:{error.line}:{error.column}: {error.message}</div>
        ))}
      </div>
    </div>
  );
}
