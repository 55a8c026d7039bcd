import { parse, tokenizer } from 'acorn';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`acorn ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  const source = 'import x from "y";\nexport const f = async (a, b = 2) => a ** b ?? x?.z;\nclass C { #p = 1; static m() {} }';
  const ast = parse(source, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
  expect('body', ast.body.map((n) => n.type), ['ImportDeclaration', 'ExportNamedDeclaration', 'ClassDeclaration']);
  const arrow = ast.body[1].declaration.declarations[0].init;
  expect('arrow', [arrow.type, arrow.async, arrow.params[1].type, arrow.body.operator], ['ArrowFunctionExpression', true, 'AssignmentPattern', '??']);
  expect('class', ast.body[2].body.body.map((m) => m.type + (m.key.type === 'PrivateIdentifier' ? '#' + m.key.name : '')), ['PropertyDefinition#p', 'MethodDefinition']);
  expect('locations', ast.body[2].loc.start, { line: 3, column: 0 });
  expect('tokens', [...tokenizer('let a = 1 + 2;', { ecmaVersion: 2022 })].map((t) => t.type.label), ['name', 'name', '=', 'num', '+/-', 'num', ';']);
  let error = null;
  try { parse('let = ;', { ecmaVersion: 2022 }); } catch (e) { error = [e instanceof SyntaxError, e.pos]; }
  expect('syntax error', error, [true, 6]);
  env.log('ok acorn');
  env.exit(0);
}
