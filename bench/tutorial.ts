/**
 * Benchmark 1: the tutorial synth, end to end (process start to files on disk): our way against
 * the cdk8s-cli TypeScript template's way on the same app, and our synth command against the


 * Every way runs once per round, the rounds interleave the ways, and each figure is the median
 * of the ratios of a way to its baseline in the same round, with their range.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { npmScript } from '../test/npm-script';
import { measureCommand, measureFloor, measureShell, median, mib, ms, paired, Paired, ratio, ROOT, Sample, showPaired, table, verdict } from './stats';

/** One way of running something, measured each round. */
interface Way {
  readonly label: string;
  /** Where it writes, to compare with dist/ (none for the floor). */
  readonly outdir?: string;
  readonly run: () => Sample;
}

/** A way against its baseline, with the target for the wall-time ratio. */
interface Comparison {
  readonly label: string;
  readonly way: Way;
  readonly baseline: Way;
  readonly target?: number;
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
  /** The README's summary rows: what, result. */
  readonly summary: string[][];
}

export function benchTutorial(runs: number): TutorialResult {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-tutorial-'));
  const template = path.join(ROOT, 'bench', 'template');
  const dist = path.join(ROOT, 'dist');
  const out = (name: string) => path.join(tmp, name);
  const templateWay: Way = {
    label: 'template: `npx cdk8s synth`, `app: npx ts-node main.ts` (type-checks)', outdir: out('template'),
    run: () => measureCommand('npx', ['cdk8s', 'synth', '-o', out('template')], template),
  };
  const npmSynth: Way = { label: 'ours: `npm run synth`', outdir: dist, run: () => measureCommand('npm', ['run', '-s', 'synth']) };
  const command: Way = {
    label: 'what `npm run synth` runs, without npm: `node scripts/synth.js app/main.ts`, a repeat run (its esbuild bundle and V8\'s code cache of it are kept)', outdir: dist,
    run: () => measureShell(npmScript('synth')),
  };
  const synthCache = path.join(ROOT, 'node_modules', '.cache', 'cdk8s-pods-services');
  const firstRun: Way = {
    label: 'the same, a fresh clone\'s first run (its cache emptied first, untimed): esbuild bundles, and the run writes the code cache', outdir: dist,
    run: () => {
      fs.rmSync(synthCache, { recursive: true, force: true });
      return measureShell(npmScript('synth'));
    },
  };
  const cdk8sCli: Way = { label: 'ours: `npx cdk8s synth` (cdk8s.yaml)', outdir: out('cdk8s'), run: () => measureCommand('npx', ['cdk8s', 'synth', '-o', out('cdk8s')]) };
  const tsNode: Way = {
    label: 'ours through `node -r ts-node/register/transpile-only app/main.ts`', outdir: dist,
    run: () => measureCommand(process.execPath, ['-r', 'ts-node/register/transpile-only', 'app/main.ts']),
  };
  const floor: Way = { label: 'the floor: `node -e "require(\'cdk8s\')"`', run: measureFloor };
  const ways = [templateWay, npmSynth, command, firstRun, cdk8sCli, tsNode, floor];
  const comparisons: Comparison[] = [
    { label: 'tutorial synth: `npm run synth` / the cdk8s template\'s way (`cdk8s synth` + `ts-node`)', way: npmSynth, baseline: templateWay, target: 0.08 },
    { label: 'the synth command / the floor', way: command, baseline: floor, target: 1.5 },
    { label: 'the synth command, a fresh clone\'s first run / the floor', way: firstRun, baseline: floor },
    { label: '`npx cdk8s synth` with our cdk8s.yaml / the template\'s way', way: cdk8sCli, baseline: templateWay },
    { label: 'our app through ts-node (transpile-only) / the template\'s way', way: tsNode, baseline: templateWay },
  ];

  const samples = new Map<Way, Sample[]>(ways.map(w => [w, []]));
  // One untimed round warms the disk cache and the transpile cache, as on any second run.
  ways.forEach(w => w.run());
  for (let r = 0; r < runs; r++) for (const w of ways) samples.get(w)!.push(w.run());
  for (const w of ways) {
    if (w.outdir !== undefined && !sameFiles(w.outdir, dist)) throw new Error(`${w.label} wrote other manifests than dist/`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  const of = (w: Way, key: keyof Sample) => samples.get(w)!.map(s => s[key]);
  const pair = (c: Comparison, key: keyof Sample): Paired => paired(of(c.way, key), of(c.baseline, key));
  const timeRows = ways.map(w => [w.label, ms(median(of(w, 'wallMs'))), ms(median(of(w, 'cpuMs'))), mib(median(of(w, 'maxRssKb')))]);
  const ratioRows = comparisons.map(c => {
    const wall = pair(c, 'wallMs');
    return [c.label, `**${showPaired(wall)}**`, showPaired(pair(c, 'cpuMs')), showPaired(pair(c, 'maxRssKb')),
      c.target === undefined ? '' : verdict(wall.median <= c.target, `≤ ${ratio(c.target)}`)];
  });
  const markdown = [
    `### 1. Tutorial synth, end to end (${runs} rounds, every way once per round)`,
    '',
    'Wall time, CPU time of every process the command runs (npm and npx included), and the',
    'largest peak RSS among its Node processes (bench/usage.js), medians:',
    '',
    table(['way', 'wall', 'CPU', 'peak RSS'], timeRows),
    '',
    'Each way against its baseline: the median of the per-round ratios (their range):',
    '',
    table(['way / baseline', 'wall ×', 'CPU ×', 'memory ×', 'target (wall)'], ratioRows),
    '',
    'Every way writes the same files as `dist/` (checked).',
  ].join('\n');
  const summary = comparisons.filter(c => c.target !== undefined).map(c => {
    const wall = pair(c, 'wallMs');
    return [c.label, `wall **${showPaired(wall)}**, CPU ${showPaired(pair(c, 'cpuMs'))}; target ≤ ${ratio(c.target!)}: ${wall.median <= c.target! ? 'met' : 'NOT met'}`];
  });
  return { markdown, summary };
}
