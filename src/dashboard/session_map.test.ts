import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientOf, SessionMap } from './session_map.js';

const STATE = `<state>
  <child name="server" binary="dummy" exited="0">
    <ram assigned="1M" quota="764K" used="0" avail="764K"/>
    <caps assigned="100" quota="66" used="4" avail="62"/>
    <requested>
      <session service="PD" label="server" state="CAP_HANDED_OUT" ram="192K" caps="13"/>
    </requested>
    <provided>
      <session service="LOG" label="client -> log" state="CAP_HANDED_OUT" ram="8K" caps="2"/>
      <session service="LOG" label="sub -> inner -> log" state="CAP_HANDED_OUT" ram="8K" caps="2"/>
    </provided>
  </child>
  <child name="client" binary="dummy"/>
</state>`;

test('clientOf: the longest live label that is a prefix of whole elements', () => {
  const live = new Set(['init', 'init -> noux', 'init -> noux -> 2']);
  assert.equal(clientOf('init -> noux -> 2 -> vim.tar', live), 'init -> noux -> 2');
  assert.equal(clientOf('init -> noux', live), 'init -> noux');
  assert.equal(clientOf('init -> nouxx', live), 'init');
  assert.equal(clientOf('other', live), undefined);
});

test('an init\'s state report: what each child was assigned, its exit, and the sessions it provides', () => {
  const map = new SessionMap();
  assert.equal(map.reported('init -> client -> state', '<other/>'), undefined, 'not a state report');
  assert.equal(map.reported('init -> report', STATE), undefined, 'not labelled "state"');
  const children = map.reported('init -> state', STATE);
  assert.deepEqual(children?.get('init -> server'), { assigned: { ram: 1024 * 1024, caps: 100 }, exited: 0 });
  assert.deepEqual(children?.get('init -> client'), { assigned: undefined, exited: undefined });
  const edges = map.edges(new Map([['LOG', [{ label: 'init -> server', ram: 8192, caps: 2 }, { label: 'gone -> x', ram: 1, caps: 1 }]]]), new Set(['init', 'init -> server']));
  assert.deepEqual(edges, [
    { service: 'LOG', label: 'init -> server', client: 'init -> server', server: 'core', ram: 8192, caps: 2 },
    { service: 'LOG', label: 'client -> log', client: 'init -> client', server: 'init -> server', ram: 8192, caps: 2, state: 'CAP_HANDED_OUT' },
    { service: 'LOG', label: 'sub -> inner -> log', client: 'init -> sub', server: 'init -> server', ram: 8192, caps: 2, state: 'CAP_HANDED_OUT' },
  ]);
  assert.deepEqual(map.requested('init').get('server'), [{ service: 'PD', label: 'server' }]);
});
