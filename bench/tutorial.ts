/**
 * Benchmark 1: the tutorial synth, end to end (process start to files on disk), our way
 * against the cdk8s-cli TypeScript template's way on the same app.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { median, ms, ratio, ROOT, table, timeCommand, verdict } from './stats';

/** One way of synthesizing the tutorial. */
interface Way {
  readonly label: string;
  readonly command: string;
  readonly cwd: string;
  /** Where it writes, to compare with dist/. */
  readonly outdir: string;
  readonly run: () => number;
}

/** The files of a directory and their content (not cdk8s-cli's construct-metadata.json). */
function snapshot(dir: string): Map<string, string> {
  return new Map(fs.readdirSync(dir).filter(f => f !== 'construct-metadata.json').sort()
    .map(f => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

function sameFiles(a: string, b: string): boolean {
  const x = snapshot(a);
  const y = snapshot(b);
  return x.size === y.size && [...x].every(([f, content]) => y.get(f) === content);
}

export interface TutorialResult {
  readonly markdown: string;
  readonly speedup: number;
  /** The README's summary rows: what, result. */
  readonly summary: string[][];
}

/** Runs each way `runs` times, interleaved, and returns the table. */
export function benchTutorial(runs: number): TutorialResult {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-tutorial-'));
  const npx = 'npx';
  const template = path.join(ROOT, 'bench', 'template');
  const out = (name: string) => path.join(tmp, name);
  const ways: Way[] = [
    {
      label: 'template: `npx cdk8s synth`, `app: npx ts-node main.ts` (type-checks)',
      command: 'npx cdk8s synth', cwd: template, outdir: out('template'),
      run: () => timeCommand(npx, ['cdk8s', 'synth', '-o', out('template')], template),
    },
    {
      label: 'ours: `npm run synth`',
      command: 'npm run synth', cwd: ROOT, outdir: path.join(ROOT, 'dist'),
      run: () => timeCommand('npm', ['run', '-s', 'synth']),
    },
    {
      label: 'ours: `node --enable-source-maps -r ./scripts/register.js app/main.ts` (what `npm run synth` runs)',
      command: 'node --enable-source-maps -r ./scripts/register.js app/main.ts', cwd: ROOT, outdir: path.join(ROOT, 'dist'),
      run: () => timeCommand(process.execPath, ['--enable-source-maps', '-r', './scripts/register.js', 'app/main.ts']),
    },
    {
      label: 'ours: `npx cdk8s synth` (cdk8s.yaml)',
      command: 'npx cdk8s synth', cwd: ROOT, outdir: out('cdk8s'),
      run: () => timeCommand(npx, ['cdk8s', 'synth', '-o', out('cdk8s')]),
    },
    {
      label: 'before: `node -r ts-node/register/transpile-only app/main.ts`',
      command: 'ts-node transpile-only', cwd: ROOT, outdir: path.join(ROOT, 'dist'),
      run: () => timeCommand(process.execPath, ['-r', 'ts-node/register/transpile-only', 'app/main.ts']),
    },
  ];
  const times = ways.map(() => [] as number[]);
  // One untimed round warms the disk cache and the transpile cache, as on any second run.
  ways.forEach(w => w.run());
  for (let r = 0; r < runs; r++) ways.forEach((w, i) => times[i].push(w.run()));
  for (const w of ways) {
    if (!sameFiles(w.outdir, path.join(ROOT, 'dist'))) throw new Error(`${w.label} wrote other manifests than dist/`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  const medians = times.map(median);
  const base = medians[0];
  const rows = ways.map((w, i) => [w.label, ms(medians[i]), ratio(base / medians[i])]);
  const speedup = base / medians[1];
  const markdown = [
    `### 1. Tutorial synth, end to end (median of ${runs} runs each, interleaved)`,
    '',
    table(['way', 'median', 'faster than the template'], rows),
    '',
    `Every way writes the same files as \`dist/\` (checked). Target: \`npm run synth\` ≥ 6× faster than the template's way: ${verdict(speedup >= 6, `${ratio(speedup)}`)}.`,
  ].join('\n');
  const summary = [['tutorial synth, end to end: `npm run synth` against the cdk8s template\'s way (`cdk8s synth` + `ts-node`)',
    `${ms(medians[1])} against ${ms(base)}: **${ratio(speedup)} faster**`]];
  return { markdown, speedup, summary };
}
