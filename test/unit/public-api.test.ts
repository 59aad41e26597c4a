/**
 * The package's public API: the root exports the constructs and the values a user writes (counted
 * here, so that a new export is a decision), the engine and the tools have entry points of their
 * own (package.json "exports"), and the names the root shares with cdk8s-plus-28 are the ones
 * docs/cdk8s-plus.md lists.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as root from '../../src';
import { REPO } from '../paths';

/** The names an entry point's `export { … }` and `export type { … }` lines give (src/*.ts re-export by name only). */
export function exportedNames(file: string): { values: string[]; types: string[] } {
  const text = fs.readFileSync(file, 'utf8');
  expect(text).not.toMatch(/^export \*/m); // by name only: an `export *` would widen the API unseen
  const values: string[] = [];
  const types: string[] = [];
  for (const m of text.matchAll(/^export (type )?\{([^}]*)\} from '[^']+';/gm)) {
    const names = m[2].split(',').map(n => n.trim().split(/\s+as\s+/).pop()!).filter(n => n !== '');
    (m[1] ? types : values).push(...names);
  }
  for (const m of text.matchAll(/^export (?:declare )?(?:function|class|const|enum) (\w+)/gm)) values.push(m[1]);
  for (const m of text.matchAll(/^export (?:interface|type) (\w+)/gm)) types.push(m[1]);
  return { values, types };
}

/** The names cdk8s-plus-28's root exports (its .d.ts files, as its index re-exports them). */
function cdk8sPlusNames(): Set<string> {
  const lib = path.join(path.dirname(require.resolve('cdk8s-plus-28/package.json')), 'lib');
  const names = new Set<string>();
  for (const m of fs.readFileSync(path.join(lib, 'index.d.ts'), 'utf8').matchAll(/^export \* (?:as (\w+) )?from '\.\/([^']+)';/gm)) {
    if (m[1]) {
      names.add(m[1]);
      continue;
    }
    const dts = fs.readFileSync(path.join(lib, `${m[2]}.d.ts`), 'utf8');
    for (const d of dts.matchAll(/^export (?:declare )?(?:abstract )?(?:class|interface|enum|type|function|const|namespace) (\w+)/gm)) names.add(d[1]);
  }
  return names;
}

const ROOT = path.join(REPO, 'src', 'index.ts');

test('the root exports 210 names (106 values, 104 types): the constructs, the values a user writes, errors and synth helpers', () => {
  const { values, types } = exportedNames(ROOT);
  expect(new Set([...values, ...types]).size).toBe(values.length + types.length);
  // what the file says is what the module gives (no value hidden behind a type export, none missing)
  expect(Object.keys(root).sort()).toEqual([...values].sort());
  expect({ values: values.length, types: types.length, total: values.length + types.length }).toEqual({ values: 106, types: 104, total: 210 });
});

test('the engine and the tools are not at the root, but at their own entry points', () => {
  for (const name of ['checkManifests', 'judge', 'RULES', 'CrossObjectValidation', 'topologyMarkdown', 'writeTopologyFiles']) expect(root).not.toHaveProperty(name);
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { exports: { [key: string]: unknown }; typesVersions: { '*': { [key: string]: string[] } } };
  const subpaths = Object.keys(pkg.exports).filter(k => k !== '.' && k !== './package.json');
  expect(subpaths).toEqual(['./check', './rules', './plugin', './topology']);
  for (const sub of subpaths) {
    const entry = pkg.exports[sub] as { types: string; require: string };
    const name = sub.slice(2);
    expect(entry).toEqual({ types: `./lib/${name}.d.ts`, require: `./lib/${name}.js`, default: `./lib/${name}.js` });
    expect(pkg.typesVersions['*'][name]).toEqual([`lib/${name}.d.ts`]);
    // the source the compiled entry point comes from, with what it exports there
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(REPO, 'src', `${name}.ts`)) as object;
    expect(Object.keys(mod).sort()).toEqual(exportedNames(path.join(REPO, 'src', `${name}.ts`)).values.sort());
  }
});

test('docs/cdk8s-plus.md lists exactly the names the root shares with cdk8s-plus-28', () => {
  const { values, types } = exportedNames(ROOT);
  const plus = cdk8sPlusNames();
  expect(plus.size).toBeGreaterThan(100); // cdk8s-plus-28's API was read
  const clashes = [...values, ...types].filter(n => plus.has(n)).sort();
  const doc = fs.readFileSync(path.join(REPO, 'docs', 'cdk8s-plus.md'), 'utf8');
  const listed = doc.match(/<!-- clashes -->([\s\S]*?)<!-- \/clashes -->/)![1].match(/`(\w+)`/g)!.map(n => n.slice(1, -1)).sort();
  expect(listed).toEqual(clashes);
});
