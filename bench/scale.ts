/**
 * Benchmark 2: N NginxPods, each behind its own ClusterIP ExposedService, on every path a user
 * takes: a plain `app.synth()` first (what every `main.ts` and `cdk8s synth` call), then
 * `Testing.synth(chart)`, `cdk8s synth` with the validation plugin, and `synthAtomically` (what
 * `npm run synth` runs). Each is paired run by run with the same manifests written with raw
 * cdk8s-plus-28 L1 objects through the same path (byte-identical YAML, checked), and with the
 * idiomatic cdk8s-plus-28 and cdk8s-plus-33 ways (`Pod` + `Service`, their own YAML). Every run is
 * a fresh process; each round runs every variant once; each figure is the median of the per-round
 * ratios with their range. Then the slope from the smallest size to the largest, and the per-rule
 * profile at the largest.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { profileScale } from './profile';
import { profileRules } from './rules';
import { RunResult, Variant, VARIANTS } from './scale-app';
import { median, mib, ms, paired, Paired, ratio, runNodeJson, showPaired, table, verdict } from './stats';

export interface ScaleResult {
  readonly markdown: string;
  /** The README's summary rows: what, result. */
  readonly summary: string[][];
  readonly ok: boolean;
}

/** The sizes and the number of rounds of each (fewer for the large ones: the machine is small). */
export const SIZES: readonly { readonly n: number; readonly runs: number }[] = [
  { n: 1_000, runs: 7 },
  { n: 5_000, runs: 5 },
  { n: 20_000, runs: 3 },
];

/** `npm run bench -- --quick`: a run that fits in a few minutes on a small shared machine. */
export const QUICK_SIZES: readonly { readonly n: number; readonly runs: number }[] = [
  { n: 1_000, runs: 3 },
  { n: 5_000, runs: 2 },
  { n: 20_000, runs: 2 },
];

/** How the tables name a variant. */
const LABEL: Record<Variant, string> = {
  'ours': 'ours, `app.synth()`',
  'ours-testing': 'ours, `Testing.synth()`',
  'ours-plugin': 'ours, `cdk8s synth` + plugin',
  'ours-atomic': 'ours, `synthAtomically`',
  'raw': 'raw L1, `app.synth()`',
  'raw-testing': 'raw L1, `Testing.synth()`',
  'kplus': 'cdk8s-plus-28',
  'kplus33': 'cdk8s-plus-33',
};

/** Each path of ours against its baselines: raw L1 through the same path, and the idiomatic ways. */
const PAIRS: readonly { readonly ours: Variant; readonly baseline: Variant }[] = [
  { ours: 'ours', baseline: 'raw' },
  { ours: 'ours', baseline: 'kplus' },
  { ours: 'ours', baseline: 'kplus33' },
  { ours: 'ours-testing', baseline: 'raw-testing' },
  { ours: 'ours-plugin', baseline: 'raw' },
  { ours: 'ours-plugin', baseline: 'kplus' },
  { ours: 'ours-atomic', baseline: 'raw' },
];

/** The measures compared, by their name in the tables. */
const MEASURES = {
  'main-thread CPU': (r: RunResult) => r.threadCpuMs,
  'all-thread CPU': (r: RunResult) => r.cpuMs,
  'peak RSS': (r: RunResult) => r.maxRssKb,
  'wall': (r: RunResult) => r.totalMs,
} as const;
type Measure = keyof typeof MEASURES;

/** The runs of one size, by variant, in round order. */
type Runs = Record<Variant, RunResult[]>;

function compare(runs: Runs, variant: Variant, baseline: Variant, measure: Measure): Paired {
  return paired(runs[variant].map(MEASURES[measure]), runs[baseline].map(MEASURES[measure]));
}

/** The least-squares line of `y` over `x`: its slope and intercept. */
export function fitLine(x: readonly number[], y: readonly number[]): { slope: number; intercept: number } {
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  x.forEach((xi, i) => { sxy += (xi - mx) * (y[i] - my); sxx += (xi - mx) ** 2; });
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

export function benchScale(sizes = SIZES): ScaleResult {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scale-'));
  const bySize = new Map<number, Runs>();
  for (const { n, runs } of sizes) {
    const results = Object.fromEntries(VARIANTS.map(v => [v, [] as RunResult[]])) as Runs;
    for (let r = 0; r < runs; r++) {
      for (const variant of VARIANTS) {
        results[variant].push(runNodeJson<RunResult>('bench/scale-app.ts', [variant, String(n), path.join(tmp, variant)]));
      }
    }
    const written = (variant: Variant, file = 'scale.k8s.yaml') => fs.readFileSync(path.join(tmp, variant, file), 'utf8');
    for (const ours of ['ours', 'ours-plugin', 'ours-atomic'] as const) {
      if (written(ours) !== written('raw')) throw new Error(`N=${n}: the library (${ours}) and raw L1 wrote different manifests`);
    }
    if (written('ours-testing', 'testing.json') !== written('raw-testing', 'testing.json')) throw new Error(`N=${n}: Testing.synth of the library and of raw L1 differ`);
    bySize.set(n, results);
  }

  const absolute: string[][] = [];
  const ratios: string[][] = [];
  for (const [n, runs] of bySize) {
    for (const v of VARIANTS) {
      absolute.push([n.toLocaleString('en-US'), LABEL[v], ms(median(runs[v].map(MEASURES['main-thread CPU']))), ms(median(runs[v].map(r => r.threadConstructCpuMs))),
        ms(median(runs[v].map(MEASURES['all-thread CPU']))), mib(median(runs[v].map(MEASURES['peak RSS'])))]);
    }
    for (const { ours, baseline } of PAIRS) {
      ratios.push([n.toLocaleString('en-US'), `${LABEL[ours]} / ${LABEL[baseline]}`, String(runs[ours].length),
        ...(Object.keys(MEASURES) as Measure[]).map(m => showPaired(compare(runs, ours, baseline, m)))]);
    }
  }

  const checks: string[] = [];
  let ok = true;
  const target = (label: string, p: Paired, bound: number) => {
    ok = ok && p.median <= bound;
    checks.push(`- ${label}: ${verdict(p.median <= bound, `${showPaired(p)}, target ≤ ${ratio(bound)}`)}`);
  };
  for (const n of [5_000, 20_000]) {
    const runs = bySize.get(n);
    if (runs === undefined) continue;
    const count = n.toLocaleString('en-US');
    for (const { ours, baseline } of PAIRS) {
      if (baseline === 'raw' || baseline === 'raw-testing') {
        target(`${count} pairs, ${LABEL[ours]}: CPU (all threads) ≤ 1.3× ${LABEL[baseline]}`, compare(runs, ours, baseline, 'all-thread CPU'), 1.3);
        target(`${count} pairs, ${LABEL[ours]}: peak memory ≤ 1.2× ${LABEL[baseline]}`, compare(runs, ours, baseline, 'peak RSS'), 1.2);
      } else {
        target(`${count} pairs, ${LABEL[ours]}: CPU (all threads) ≤ 1.0× idiomatic ${LABEL[baseline]}`, compare(runs, ours, baseline, 'all-thread CPU'), 1);
      }
    }
  }
  // The cost's growth: the least-squares line of main-thread CPU over N, per variant.
  const measured = [...bySize.keys()];
  const slopes = new Map<Variant, { slope: number; intercept: number }>();
  for (const v of VARIANTS) {
    const xs = measured.flatMap(n => bySize.get(n)![v].map(() => n));
    const ys = measured.flatMap(n => bySize.get(n)![v].map(MEASURES['main-thread CPU']));
    slopes.set(v, fitLine(xs, ys));
  }
  const slopeRows = VARIANTS.map(v => [LABEL[v], `${(slopes.get(v)!.slope * 1000).toFixed(0)} ms`, ms(slopes.get(v)!.intercept),
    v.startsWith('ours') ? ratio(slopes.get(v)!.slope / slopes.get(v === 'ours-testing' ? 'raw-testing' : 'raw')!.slope) : '']);
  const lo = measured[0];
  const hi = measured[measured.length - 1];
  const perPair = (n: number) => median(bySize.get(n)!.ours.map(MEASURES['main-thread CPU'])) / n;
  const growth = perPair(hi) / perPair(lo);
  ok = ok && growth <= 1.1;
  checks.push(`- main-thread CPU per pair of \`app.synth()\`, ${lo.toLocaleString('en-US')} → ${hi.toLocaleString('en-US')} pairs: ${verdict(growth <= 1.1, `${ratio(growth)}, linear is ≤ 1.10×`)}`);
  const rules = profileRules(hi, path.join(tmp, 'rules'));
  fs.rmSync(tmp, { recursive: true, force: true });

  const markdown = [
    '### 2. Scale: N NginxPods, each behind its own ClusterIP ExposedService, on every path, against raw L1 and cdk8s-plus',
    '',
    'Time is construct + synth (to YAML on disk; to JSON for `Testing.synth()`; and the plugin\'s',
    'judgment of the files for `cdk8s synth`), measured inside the process, library loaded: CPU time',
    'of the main thread (`/proc/thread-self/schedstat`), of the construct phase alone, and of all',
    'threads (V8\'s GC helpers included); memory is the peak RSS of the process. Each run is a fresh',
    'process; each round runs every variant once. Ours and raw L1 write byte-identical manifests',
    'through each path (checked); cdk8s-plus writes its own (its defaults).',
    '',
    'Medians:',
    '',
    table(['N pairs', 'variant', 'main-thread CPU', 'of it, construct', 'all-thread CPU', 'peak RSS'], absolute),
    '',
    'Median of the per-round ratios (their range):',
    '',
    table(['N pairs', 'ratio', 'rounds', ...Object.keys(MEASURES).map(m => `${m} ×`)], ratios),
    '',
    `The cost's growth: least-squares line of main-thread CPU over N (${measured.map(n => n.toLocaleString('en-US')).join(', ')} pairs, every run):`,
    '',
    table(['variant', 'slope, per 1,000 pairs', 'intercept', 'slope / raw L1\'s'], slopeRows),
    '',
    ...checks,
    '',
    rules,
    '',
    profileScale(5_000),
  ].join('\n');
  const row = (n: number, ours: Variant, baseline: Variant): string[][] => {
    const runs = bySize.get(n);
    if (runs === undefined) return [];
    return [[`${n.toLocaleString('en-US')} pairs, ${LABEL[ours]} / ${LABEL[baseline]}${baseline.startsWith('raw') ? ' (the same YAML)' : ''}`,
      `CPU **${showPaired(compare(runs, ours, baseline, 'all-thread CPU'))}**, main thread ${showPaired(compare(runs, ours, baseline, 'main-thread CPU'))},` +
      ` memory ${showPaired(compare(runs, ours, baseline, 'peak RSS'))}`]];
  };
  const summary = [
    ...row(5_000, 'ours', 'raw'),
    ...row(20_000, 'ours', 'raw'),
    ...row(20_000, 'ours', 'kplus'),
    ...row(20_000, 'ours', 'kplus33'),
    ...row(20_000, 'ours-testing', 'raw-testing'),
    ...row(20_000, 'ours-plugin', 'raw'),
    ...row(20_000, 'ours-atomic', 'raw'),
    [`slope of \`app.synth()\`, ${lo.toLocaleString('en-US')} → ${hi.toLocaleString('en-US')} pairs`,
      `${(slopes.get('ours')!.slope * 1000).toFixed(0)} ms per 1,000 pairs (raw L1: ${(slopes.get('raw')!.slope * 1000).toFixed(0)} ms); per pair ${ratio(growth)} from ${lo.toLocaleString('en-US')} to ${hi.toLocaleString('en-US')}`],
  ];
  return { markdown, ok, summary };
}
