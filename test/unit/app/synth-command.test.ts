/**
 * `npm run synth`'s runner (scripts/synth.js): the stack traces it prints, and its bundle cache,
 * which must rebuild whenever what esbuild read changed and only then.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { npmScript, runAsNpm } from '../../npm-script';
import { FIXTURES, REPO } from '../../paths';

const CACHE = path.join(REPO, 'node_modules', '.cache', 'cdk8s-pods-services');

/** `npm run synth`'s command line with another entry point and its arguments, run as npm runs it. */
function synthCommand(entry: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const script = npmScript('synth');
  expect(script).toBe('node scripts/synth.js app/main.ts');
  return runAsNpm([script.replace('app/main.ts', path.relative(REPO, entry)), ...args.map(a => `'${a}'`)].join(' '));
}

/** The bundle the runner keeps for an entry point (and its record, map and code cache beside it). */
function bundleOf(entry: string): string {
  return path.join(CACHE, `${path.relative(REPO, entry).replace(/\.ts$/, '').split(path.sep).join('+')}.js`);
}

function removeBundle(entry: string): void {
  for (const suffix of ['', '.map', '.inputs.json', '.v8-cache']) fs.rmSync(`${bundleOf(entry)}${suffix}`, { force: true });
}

test('a failing npm run synth prints a stack trace that points at the TypeScript source line, bundled or from the caches', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-command-'));
  const entry = path.join(FIXTURES, 'synth', 'throws.ts');
  try {
    removeBundle(entry);
    // the first run bundles, the second runs the same bundle from V8's code cache of it
    for (const run of [synthCommand(entry, path.join(out, 'dist')), synthCommand(entry, path.join(out, 'dist'))]) {
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('TypeError');
      // the frame that threw, not a caller's: line 5 of the source, where the JavaScript has another line
      const firstFrame = run.stderr.split('\n').find(l => l.startsWith('    at '));
      expect(firstFrame).toContain(`${entry}:5:`);
    }
    expect(fs.existsSync(`${bundleOf(entry)}.v8-cache`)).toBe(true);
  } finally {
    removeBundle(entry);
    fs.rmSync(out, { recursive: true, force: true });
  }
});

describe('the bundle cache', () => {
  // (an app of its own in a temporary folder, with the project's node_modules linked beside it)
  let root: string;
  let dir: string;
  let entry: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-command-'));
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    dir = path.join(root, 'app');
    fs.mkdirSync(dir);
    entry = path.join(dir, 'main.ts');
    fs.mkdirSync(path.join(dir, 'greeting'));
    fs.writeFileSync(path.join(dir, 'greeting', 'index.ts'), "export const greeting = 'from greeting/index.ts';\n");
    fs.writeFileSync(entry, "import { App } from 'cdk8s';\nimport { greeting } from './greeting';\nconsole.log(typeof App, greeting, process.argv[2]);\n");
  });
  afterEach(() => {
    removeBundle(entry);
    fs.rmSync(root, { recursive: true, force: true });
  });

  const run = () => {
    const result = synthCommand(entry, 'an argument');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return result.stdout.trim();
  };

  test('runs the entry point as the main module with its arguments, and rebundles only after a change', () => {
    expect(run()).toBe('function from greeting/index.ts an argument');
    const built = fs.statSync(bundleOf(entry)).mtimeMs;
    expect(run()).toBe('function from greeting/index.ts an argument');
    expect(fs.statSync(bundleOf(entry)).mtimeMs).toBe(built);
    // an edited input
    fs.writeFileSync(path.join(dir, 'greeting', 'index.ts'), "export const greeting = 'edited';\n");
    expect(run()).toBe('function edited an argument');
  });

  test('bundles the packages too, each module that reads its own folder given its own: cdk8s\'s Yaml.load runs the _loadurl.mjs beside it', () => {
    const manifest = path.join(dir, 'objects.yaml');
    fs.writeFileSync(manifest, 'a: 1\n---\nb: [2]\n');
    fs.writeFileSync(entry, "import { Yaml } from 'cdk8s';\nconsole.log(JSON.stringify(Yaml.load(process.argv[2])));\n");
    const result = synthCommand(entry, manifest);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('[{"a":1},{"b":[2]}]');
    const bundle = fs.readFileSync(bundleOf(entry), 'utf8');
    // cdk8s is in the bundle, not loaded from node_modules; its module keeps its "use strict"
    expect(bundle).toMatch(/"node_modules\/cdk8s\/lib\/yaml\.js"\(exports\d*\) \{\n\s*"use strict";\n\s*var __dirname = "[^"]*\/node_modules\/cdk8s\/lib";/);
  });

  test('rebundles when a new file changes what an import resolves to', () => {
    expect(run()).toBe('function from greeting/index.ts an argument');
    // './greeting' is greeting.ts before greeting/index.ts: no input changed, a folder did
    fs.writeFileSync(path.join(dir, 'greeting.ts'), "export const greeting = 'from greeting.ts';\n");
    expect(run()).toBe('function from greeting.ts an argument');
  });

  test('rebundles when an input is gone, and when a tsconfig.json esbuild reads appears', () => {
    fs.writeFileSync(path.join(dir, 'greeting.ts'), "export const greeting = 'from greeting.ts';\n");
    expect(run()).toBe('function from greeting.ts an argument');
    fs.rmSync(path.join(dir, 'greeting.ts'));
    expect(run()).toBe('function from greeting/index.ts an argument');
    // a path alias that only a tsconfig.json in the entry's folder declares
    fs.writeFileSync(path.join(dir, 'other.ts'), "export const greeting = 'from other.ts';\n");
    fs.writeFileSync(entry, "import { greeting } from 'aliased';\nconsole.log(greeting);\n");
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { paths: { aliased: ['./greeting/index.ts'] } } }));
    expect(run()).toBe('from greeting/index.ts');
    // only the tsconfig.json's content changes
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { paths: { aliased: ['./other.ts'] } } }));
    expect(run()).toBe('from other.ts');
  });

  test('trusts unchanged sizes and times of settled inputs, and their content when only the times changed', () => {
    const files = [entry, path.join(dir, 'greeting', 'index.ts')];
    const anHourAgo = new Date(Date.now() - 3600_000);
    for (const file of files) fs.utimesSync(file, anHourAgo, anHourAgo);
    expect(run()).toBe('function from greeting/index.ts an argument');
    expect(JSON.parse(fs.readFileSync(`${bundleOf(entry)}.inputs.json`, 'utf8')).signature).toMatch(/^[0-9a-f]{40}$/);
    const built = fs.statSync(bundleOf(entry)).mtimeMs;
    // touched, not changed: the same bundle
    for (const file of files) fs.utimesSync(file, new Date(), new Date());
    expect(run()).toBe('function from greeting/index.ts an argument');
    expect(fs.statSync(bundleOf(entry)).mtimeMs).toBe(built);
    // an edit of the same size, its time set back to the recorded one: the inode still differs
    const greeting = path.join(dir, 'greeting', 'index.ts');
    for (const file of files) fs.utimesSync(file, anHourAgo, anHourAgo);
    expect(run()).toBe('function from greeting/index.ts an argument');
    fs.renameSync(greeting, `${greeting}.old`);
    fs.writeFileSync(greeting, "export const greeting = 'FROM GREETING/INDEX.TS';\n");
    fs.rmSync(`${greeting}.old`);
    fs.utimesSync(greeting, anHourAgo, anHourAgo);
    expect(run()).toBe('function FROM GREETING/INDEX.TS an argument');
  });
});
