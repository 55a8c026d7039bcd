import { parse, stringify, TomlDate, TomlError } from 'smol-toml';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`smol-toml ${what}: got ${g}, want ${w}`);
}

const source = `
title = "nido"
[owner]
name = "ann"
born = 1979-05-27T07:32:00Z
[[servers]]
host = "alpha"
ports = [8000, 8001]
[[servers]]
host = "beta"
ratio = 0.5
inline = { a = 1, "b c" = true }
`;

export function construct(env) {
  const doc = parse(source);
  expect('parse', [doc.title, doc.owner.name, doc.servers.map((s) => s.host), doc.servers[0].ports, doc.servers[1].ratio, doc.servers[1].inline], ['nido', 'ann', ['alpha', 'beta'], [8000, 8001], 0.5, { a: 1, 'b c': true }]);
  expect('datetime', [doc.owner.born instanceof TomlDate, doc.owner.born instanceof Date, doc.owner.born.getTime()], [true, true, Date.UTC(1979, 4, 27, 7, 32)]);
  expect('stringify', stringify({ a: 1, t: { s: 'x"y', list: [1, 2] } }), 'a = 1\n\n[t]\ns = "x\\"y"\nlist = [ 1, 2 ]\n');
  expect('round trip', parse(stringify(doc)).servers[1], { host: 'beta', ratio: 0.5, inline: { a: 1, 'b c': true } });
  let error = null;
  try { parse('a = 1\nb = = 2'); } catch (e) { error = [e instanceof TomlError, e.line]; }
  expect('bad toml', error, [true, 2]);
  env.log('ok smol-toml');
  env.exit(0);
}
