/**
 * Benchmark 2: N NginxPods, each behind its own ClusterIP ExposedService, against the same
 * manifests written with raw cdk8s-plus-28 L1 objects, and against the idiomatic cdk8s-plus-28
 * way (`kplus.Pod` + `kplus.Service`). Every run is a fresh process; each round runs every
 * variant once, and each figure is the median of the per-round ratios with their range.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { profileScale } from './profile';
import { RunResult, Variant } from './scale-app';
import { median, mib, ms, paired, Paired, ratio, runNodeJson, showPaired, table, verdict } from './stats';

export interface ScaleResult {
  readonly markdown: string;
  /** The README's summary rows: what, result. */
  readonly summary: string[][];
  readonly ok: boolean;
}

/** The sizes and the number of rounds of each (fewer for the large ones: the machine is small). */
export const SIZES: readonly { readonly n: number; readonly runs: number }[] = [
  { n: 500, runs: 7 },
  { n: 5_000, runs: 5 },
  { n: 20_000, runs: 3 },
];

const VARIANTS: readonly Variant[] = ['ours', 'raw', 'kplus'];

/** The measures compared, by their name in the tables. */
const MEASURES = {
  'wall': (r: RunResult) => r.totalMs,
  'main-thread CPU': (r: RunResult) => r.threadCpuMs,
  'all-thread CPU': (r: RunResult) => r.cpuMs,
  'peak RSS': (r: RunResult) => r.maxRssKb,
} as const;
type Measure = keyof typeof MEASURES;

/** The runs of one size, by variant, in round order. */
type Runs = Record<Variant, RunResult[]>;

function compare(runs: Runs, variant: Variant, baseline: Variant, measure: Measure): Paired {
  return paired(runs[variant].map(MEASURES[measure]), runs[baseline].map(MEASURES[measure]));
}

export function benchScale(sizes = SIZES): ScaleResult {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scale-'));
  const bySize = new Map<number, Runs>();
  for (const { n, runs } of sizes) {
    const results: Runs = { ours: [], raw: [], kplus: [] };
    for (let r = 0; r < runs; r++) {
      for (const variant of VARIANTS) {
        results[variant].push(runNodeJson<RunResult>('bench/scale-app.ts', [variant, String(n), path.join(tmp, variant)]));
      }
    }
    if (fs.readFileSync(path.join(tmp, 'ours', 'scale.k8s.yaml'), 'utf8') !== fs.readFileSync(path.join(tmp, 'raw', 'scale.k8s.yaml'), 'utf8')) {
      throw new Error(`N=${n}: the library and raw L1 wrote different manifests`);
    }
    bySize.set(n, results);
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  const absolute: string[][] = [];
  const ratios: string[][] = [];
  for (const [n, runs] of bySize) {
    absolute.push([n.toLocaleString('en-US'), String(runs.ours.length),
      ...VARIANTS.map(v => `${ms(median(runs[v].map(MEASURES.wall)))} / ${mib(median(runs[v].map(MEASURES['peak RSS'])))}`)]);
    for (const baseline of ['raw', 'kplus'] as const) {
      ratios.push([n.toLocaleString('en-US'), `ours / ${baseline === 'raw' ? 'raw L1' : 'cdk8s-plus'}`,
        ...(Object.keys(MEASURES) as Measure[]).map(m => showPaired(compare(runs, 'ours', baseline, m)))]);
    }
  }

  const checks: string[] = [];
  let ok = true;
  const target = (label: string, p: Paired | undefined, bound: number) => {
    if (p === undefined) return;
    ok = ok && p.median <= bound;
    checks.push(`- ${label}: ${verdict(p.median <= bound, `${showPaired(p)}, target ≤ ${ratio(bound)}`)}`);
  };
  const at = (n: number) => bySize.get(n);
  for (const n of [5_000, 20_000]) {
    const runs = at(n);
    if (runs === undefined) continue;
    const count = n.toLocaleString('en-US');
    target(`${count} pairs, wall time ≤ 1.3× raw L1`, compare(runs, 'ours', 'raw', 'wall'), 1.3);
    target(`${count} pairs, CPU time (all threads) ≤ 1.3× raw L1`, compare(runs, 'ours', 'raw', 'all-thread CPU'), 1.3);
    if (n === 20_000) target(`${count} pairs, peak memory ≤ 1.2× raw L1`, compare(runs, 'ours', 'raw', 'peak RSS'), 1.2);
    if (n === 20_000) target(`${count} pairs, wall time below idiomatic cdk8s-plus-28`, compare(runs, 'ours', 'kplus', 'wall'), 1);
  }
  // Growth: time per object, from one size to the next (medians of main-thread CPU time).
  const perObject = (n: number) => median(at(n)!.ours.map(MEASURES['main-thread CPU'])) / n;
  const measured = [...bySize.keys()];
  for (let i = 1; i < measured.length; i++) {
    const g = perObject(measured[i]) / perObject(measured[i - 1]);
    ok = ok && g <= 1.1;
    checks.push(`- time per pair, ${measured[i - 1].toLocaleString('en-US')} → ${measured[i].toLocaleString('en-US')}: ${verdict(g <= 1.1, `${ratio(g)}, linear is ≤ 1.10×`)}`);
  }
  const o5 = at(5_000);
  const timeMissed = o5 !== undefined && compare(o5, 'ours', 'raw', 'main-thread CPU').median > 1.3;
  const markdown = [
    '### 2. Scale: N NginxPods, each behind its own ClusterIP ExposedService, against raw L1 and cdk8s-plus-28',
    '',
    'Time is construct + synth to YAML on disk, measured inside the process (library already loaded):',
    'wall time, CPU time of the main thread (`/proc/thread-self/schedstat`: the JavaScript and the',
    'synchronous file writes) and of all threads (V8\'s GC helpers included); memory is the peak RSS',
    'of the whole process. Each run is a fresh process; each round runs every variant once. Ours and',
    'raw L1 write byte-identical manifests (checked); cdk8s-plus writes its own (its defaults).',
    '',
    'Medians, wall / peak RSS:',
    '',
    table(['N pairs', 'rounds', 'ours', 'raw L1', 'cdk8s-plus-28'], absolute),
    '',
    'Median of the per-round ratios (their range):',
    '',
    table(['N pairs', 'ratio', ...Object.keys(MEASURES).map(m => `${m} ×`)], ratios),
    '',
    ...checks,
    ...(timeMissed ? ['', profileScale(5_000)] : []),
  ].join('\n');
  const row = (n: number, baseline: 'raw' | 'kplus', label: string): string[][] => {
    const runs = at(n);
    if (runs === undefined) return [];
    return [[`${n.toLocaleString('en-US')} NginxPod + ClusterIP pairs, all checks on, against ${label}`,
      `wall **${showPaired(compare(runs, 'ours', baseline, 'wall'))}**, CPU ${showPaired(compare(runs, 'ours', baseline, 'all-thread CPU'))},` +
      ` memory ${showPaired(compare(runs, 'ours', baseline, 'peak RSS'))}`]];
  };
  const summary = [
    ...row(5_000, 'raw', 'raw L1 writing the same YAML'),
    ...row(20_000, 'raw', 'raw L1 writing the same YAML'),
    ...row(20_000, 'kplus', 'idiomatic cdk8s-plus-28 (`kplus.Pod` + `kplus.Service`)'),
  ];
  return { markdown, ok, summary };
}
