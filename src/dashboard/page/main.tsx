/*
 * The dashboard page: the running system as core sees it, live. The
 * token comes from the page's own address; the live channel is a
 * WebSocket to the same origin.
 */

import '@xterm/xterm/css/xterm.css';
import './style.css';
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Store } from './store.js';
import { buildTree, Tree, type Component } from './tree.js';
import { Details } from './details.js';
import { Logs } from './logs.js';
import { Terminals } from './terminals.js';
import { ConfigEditor } from './config_editor.js';
import { Timeline } from './timeline.js';
import { Graph } from './graph.js';
import { Screen } from './screen.js';

type View = 'sessions' | 'logs' | 'terminals' | 'screen' | 'config' | 'timeline';
const VIEWS: readonly [View, string][] = [
  ['sessions', 'Sessions'], ['logs', 'Logs'], ['terminals', 'Terminals'], ['screen', 'Screen'], ['config', 'Config'], ['timeline', 'Timeline'],
];

const store = new Store();

function useStore(): number {
  const [version, setVersion] = useState(store.version);
  useEffect(() => store.subscribe(() => setVersion(store.version)), []);
  return version;
}

function App() {
  const version = useStore();
  const [view, setView] = useState<View>('sessions');
  const [chosen, setChosen] = useState(false);
  const choose = (next: View) => {
    setChosen(true);
    setView(next);
  };
  /* A system with something on its screen opens on the screen, unless the user chose a view already. */
  const screenInUse = store.sessions.some((edge) => edge.server === 'core' && edge.service === 'Framebuffer');
  useEffect(() => {
    if (screenInUse && !chosen) setView('screen');
  }, [screenInUse, chosen]);
  const [selected, setSelected] = useState<number | undefined>();
  const components = useMemo(() => [...store.components.values()] as Component[], [store.componentsVersion]);
  const roots = useMemo(() => buildTree(components), [components]);
  /* The tree and the graph only when what they show changed (a log line re-renders neither). */
  const tree = useMemo(() => <Tree roots={roots} selected={selected} select={setSelected} />, [roots, selected]);
  const component = selected === undefined ? undefined : store.components.get(selected) as Component | undefined;
  const routes = component === undefined ? [] : store.routes.filter((route) => route.component === component.label);
  const alive = components.filter((c) => c.state === 'alive').length;
  const selectLabel = (label: string) => {
    const match = components.filter((c) => c.label === label).sort((a, b) => b.id - a.id)[0];
    setSelected(match?.id);
  };
  const graph = useMemo(() => <Graph components={components} sessions={store.sessions} selected={component?.label} select={selectLabel} />,
    [components, store.sessionsVersion, component?.label]);
  return (
    <div class="app">
      <header>
        <h1>Nido · {store.name}</h1>
        <span class={`connection ${store.connection}`}>{store.connection === 'open' ? 'live' : store.connection}</span>
        <span class="summary">{alive} components alive · {store.sessions.length} sessions · {store.log.length} log lines</span>
        {store.ended !== undefined && <span class="ended">the system ended with {store.ended}</span>}
      </header>
      <main>
        <section class="left">
          {tree}
          {component !== undefined && <Details store={store} component={component} routes={routes} />}
        </section>
        <section class="right">
          <nav>
            {VIEWS.map(([id, title]) => (
              <button type="button" key={id} class={`tab${view === id ? ' active' : ''}`} data-view={id} onClick={() => choose(id)}>{title}</button>
            ))}
          </nav>
          <div class="view">
            {view === 'sessions' && graph}
            {view === 'logs' && <Logs lines={store.log} version={version} />}
            {view === 'config' && <ConfigEditor store={store} routes={routes} />}
            {view === 'timeline' && <Timeline components={components} now={store.time} />}
            {/* Terminals stay mounted: switching views must not lose their screens. */}
            <div style={{ display: view === 'terminals' ? 'block' : 'none' }}><Terminals store={store} version={version} /></div>
            {/* So does the screen: its canvas keeps the pixels, and a page shown later has them. */}
            <div class="screen-view" style={{ display: view === 'screen' ? 'block' : 'none' }}><Screen store={store} version={version} /></div>
          </div>
        </section>
      </main>
    </div>
  );
}

const token = new URLSearchParams(location.search).get('token') ?? '';
store.connect(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/live?token=${encodeURIComponent(token)}`);
render(<App />, document.getElementById('app') as HTMLElement);
