/**
 * Every TypeScript block of the README and of the guides in docs/ compiles under `strict` and
 * synthesizes, as shown.
 * A block is a fragment: it gets the imports it does not write itself (cdk8s's App and Chart,
 * every export of the package), `const app = new App()` unless it declares `app`, and
 * `const chart = new Chart(app, 'readme')` unless it declares `app` or `chart`; it ends with
 * `app.synth()` unless it calls it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import * as cdk8s from 'cdk8s';
import * as library from '../../src';
import * as check from '../../src/check';
import * as plugin from '../../src/plugin';
import * as rules from '../../src/rules';
import * as topology from '../../src/topology';

import { REPO } from '../paths';
const PACKAGE = 'cdk8s-pods-services';
/** The package's entry points (package.json "exports"), as a block imports them. */
const ENTRIES: { readonly [module: string]: object } = {
  [PACKAGE]: library, [`${PACKAGE}/check`]: check, [`${PACKAGE}/plugin`]: plugin, [`${PACKAGE}/rules`]: rules, [`${PACKAGE}/topology`]: topology,
};

interface Block { readonly line: number; readonly code: string }

/** The ```ts blocks of a Markdown text, with the line each starts on. */
export function typescriptBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i])) continue;
    const start = i + 1;
    while (++i < lines.length && !lines[i].startsWith('```'));
    blocks.push({ line: start + 1, code: lines.slice(start, i).join('\n') });
  }
  return blocks;
}

/** The names a block imports from a module. */
function importedFrom(code: string, module: string): Set<string> {
  const names = new Set<string>();
  const pattern = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*'${module}'`, 'g');
  for (const m of code.matchAll(pattern)) {
    for (const part of m[1].split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop();
      if (name) names.add(name);
    }
  }
  return names;
}

/** The block as a module of its own. */
function wrap(code: string): string {
  const declares = (name: string) => new RegExp(`\\b(const|let|var)\\s+${name}\\b`).test(code);
  const own = new Set([...importedFrom(code, 'cdk8s'), ...importedFrom(code, PACKAGE)]);
  const cdk8sNames = ['App', 'Chart'].filter(n => !own.has(n));
  const ours = Object.keys(library).filter(n => !own.has(n) && !declares(n));
  const prelude = [
    cdk8sNames.length > 0 ? `import { ${cdk8sNames.join(', ')} } from 'cdk8s';` : '',
    `import { ${ours.join(', ')} } from '${PACKAGE}';`,
    declares('app') ? '' : 'const app = new App();',
    // a block with its own app makes its own charts
    declares('chart') || declares('app') ? '' : 'const chart = new Chart(app, \'readme\');',
  ];
  const epilogue = /\bapp\.synth\(\)/.test(code) ? '' : 'app.synth();';
  return [...prelude, code, epilogue, 'export {};', ''].join('\n');
}

/** README.md and every guide in docs/, by their path in the repo. */
const DOCS = ['README.md', ...fs.readdirSync(path.join(REPO, 'docs')).filter(f => f.endsWith('.md')).sort().map(f => `docs/${f}`)];
const blocks = DOCS.flatMap(doc => typescriptBlocks(fs.readFileSync(path.join(REPO, doc), 'utf8')).map(b => ({ ...b, doc })));
const fileOf = (b: { doc: string; line: number }) => path.join(REPO, 'test', `${b.doc.replace(/[/.]/g, '-')}-block-${b.line}.ts`);
const files = new Map(blocks.map(b => [fileOf(b), wrap(b.code)]));

test('the README and the guides have TypeScript examples', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(5);
});

test('every README TypeScript block compiles under strict', () => {
  const options: ts.CompilerOptions = {
    strict: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, noEmit: true, skipLibCheck: true,
    types: ['node'], baseUrl: REPO, paths: { [PACKAGE]: ['src/index.ts'], [`${PACKAGE}/*`]: ['src/*.ts'] },
  };
  // Incremental, with its state in node_modules/.cache: TypeScript checks again only the blocks
  // and the sources that changed (or that depend on what changed) since the last run.
  const incremental = { ...options, incremental: true, tsBuildInfoFile: path.join(REPO, 'node_modules', '.cache', 'cdk8s-pods-services', 'readme-blocks.tsbuildinfo') };
  const host = ts.createIncrementalCompilerHost(incremental);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  host.readFile = f => files.get(path.resolve(f)) ?? read(f);
  host.fileExists = f => files.has(path.resolve(f)) || exists(f);
  const builder = ts.createIncrementalProgram({ rootNames: [...files.keys()], options: incremental, host });
  const program = builder.getProgram();
  const diagnostics = [...builder.getConfigFileParsingDiagnostics(), ...builder.getOptionsDiagnostics(), ...builder.getGlobalDiagnostics(),
    ...builder.getSyntacticDiagnostics(), ...builder.getSemanticDiagnostics()];
  builder.emit(); // (noEmit: writes the state only)
  expect(program.getRootFileNames().length).toBe(files.size);
  const errors = diagnostics
    .filter(d => d.file !== undefined && files.has(path.resolve(d.file.fileName)))
    .map(d => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${path.basename(d.file!.fileName)}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  expect(errors).toEqual([]);
}, 60_000);

describe.each(blocks.map(b => [b.doc, b.line, b] as const))('the block of %s at line %i', (_doc, _line, block) => {
  test('synthesizes without an error', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-'));
    const previous = process.env.CDK8S_OUTDIR;
    process.env.CDK8S_OUTDIR = outdir;
    try {
      const js = ts.transpileModule(wrap(block.code), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
      const load = (id: string): unknown => {
        if (id in ENTRIES) return ENTRIES[id];
        if (id === 'cdk8s') return cdk8s;
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require(id);
      };
      const module = { exports: {} };
      new Function('require', 'module', 'exports', js)(load, module, module.exports);
      // every block writes at least one manifest, unless it only configures an app
      const written = fs.readdirSync(outdir).filter(f => f.endsWith('.k8s.yaml'));
      if (/new (AppPod|NginxPod|FlaskPod|ExposedService)\b/.test(block.code)) expect(written.length).toBeGreaterThan(0);
    } finally {
      if (previous === undefined) delete process.env.CDK8S_OUTDIR;
      else process.env.CDK8S_OUTDIR = previous;
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
