import { CORE_SCHEMA, dump, load, mergeTag, YAMLException } from 'js-yaml';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`js-yaml ${what}: got ${g}, want ${w}`);
}

const source = `
defaults: &defaults
  retries: 3
  timeout: 1.5
services:
  - name: web
    <<: *defaults
    ports: [80, 443]
  - name: db
    enabled: false
    motd: |
      line one
      line two
`;

export function construct(env) {
  /* js-yaml 5 loads YAML 1.2's core schema: merge keys (<<) are opt-in. */
  expect('no merge by default', Object.keys(load(source).services[0]), ['name', '<<', 'ports']);
  const doc = load(source, { schema: CORE_SCHEMA.withTags(mergeTag) });
  expect('load', doc.services, [
    { name: 'web', retries: 3, timeout: 1.5, ports: [80, 443] },
    { name: 'db', enabled: false, motd: 'line one\nline two\n' },
  ]);
  expect('dump', dump({ a: [1, 'two'], b: { c: null, d: 'x: y' } }), "a:\n  - 1\n  - two\nb:\n  c: null\n  d: 'x: y'\n");
  expect('round trip', load(dump(doc)), doc);
  let error = null;
  try { load('a: [1, 2\nb: 3'); } catch (e) { error = e instanceof YAMLException ? 'YAMLException' : String(e); }
  expect('bad yaml', error, 'YAMLException');
  env.log('ok js-yaml');
  env.exit(0);
}
