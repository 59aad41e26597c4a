/**
 * Benchmark 2: N NginxPods, each behind its own ClusterIP ExposedService, against the same
 * manifests written with raw cdk8s-plus-28 L1 objects. Every run is a fresh process.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RunResult, Variant } from './scale-app';
import { profileScale } from './profile';
import { median, mib, ms, ratio, runNodeJson, table, verdict } from './stats';

export interface ScaleResult {
  readonly markdown: string;
  /** The README's summary rows: what, result. */
  readonly summary: string[][];
  readonly ok: boolean;
}

/** The sizes and the number of runs of each (fewer for the large ones: the machine is small). */
export const SIZES: readonly { readonly n: number; readonly runs: number }[] = [
  { n: 500, runs: 7 },
  { n: 5_000, runs: 5 },
  { n: 20_000, runs: 3 },
];

interface Medians {
  readonly threadCpuMs: number;
  readonly cpuMs: number;
  readonly totalMs: number;
  readonly constructMs: number;
  readonly synthMs: number;
  readonly maxRssKb: number;
}

function medians(results: readonly RunResult[]): Medians {
  return {
    threadCpuMs: median(results.map(r => r.threadCpuMs)),
    cpuMs: median(results.map(r => r.cpuMs)),
    totalMs: median(results.map(r => r.totalMs)),
    constructMs: median(results.map(r => r.constructMs)),
    synthMs: median(results.map(r => r.synthMs)),
    maxRssKb: median(results.map(r => r.maxRssKb)),
  };
}

export function benchScale(sizes = SIZES): ScaleResult {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scale-'));
  const rows: string[][] = [];
  const ours = new Map<number, Medians>();
  const raw = new Map<number, Medians>();
  for (const { n, runs } of sizes) {
    const results: Record<Variant, RunResult[]> = { ours: [], raw: [] };
    for (let r = 0; r < runs; r++) {
      for (const variant of ['ours', 'raw'] as const) {
        const outdir = path.join(tmp, variant);
        results[variant].push(runNodeJson<RunResult>('bench/scale-app.ts', [variant, String(n), outdir]));
      }
    }
    if (fs.readFileSync(path.join(tmp, 'ours', 'scale.k8s.yaml'), 'utf8') !== fs.readFileSync(path.join(tmp, 'raw', 'scale.k8s.yaml'), 'utf8')) {
      throw new Error(`N=${n}: the library and raw L1 wrote different manifests`);
    }
    const o = medians(results.ours);
    const w = medians(results.raw);
    ours.set(n, o);
    raw.set(n, w);
    rows.push([
      n.toLocaleString('en-US'), (2 * n).toLocaleString('en-US'), String(runs),
      ms(o.threadCpuMs), ms(w.threadCpuMs), `**${ratio(o.threadCpuMs / w.threadCpuMs)}**`,
      `${ms(o.totalMs)} / ${ms(w.totalMs)} = ${ratio(o.totalMs / w.totalMs)}`,
      ratio(o.cpuMs / w.cpuMs), mib(o.maxRssKb), mib(w.maxRssKb), `**${ratio(o.maxRssKb / w.maxRssKb)}**`,
    ]);
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  const checks: string[] = [];
  let ok = true;
  const at = (m: Map<number, Medians>, n: number) => m.get(n);
  const o5 = at(ours, 5_000);
  const r5 = at(raw, 5_000);
  if (o5 && r5) {
    const t = o5.threadCpuMs / r5.threadCpuMs;
    const m = o5.maxRssKb / r5.maxRssKb;
    ok = ok && t <= 1.3 && m <= 1.2;
    checks.push(`- time at 5,000 ≤ 1.3× raw L1: ${verdict(t <= 1.3, ratio(t))}`);
    checks.push(`- peak memory at 5,000 ≤ 1.2× raw L1: ${verdict(m <= 1.2, ratio(m))}`);
  }
  const o05 = at(ours, 500);
  if (o05 && o5) {
    const g = o5.threadCpuMs / o05.threadCpuMs;
    ok = ok && g <= 11;
    checks.push(`- 10× the objects (500 → 5,000) costs ≤ 11× the time: ${verdict(g <= 11, ratio(g))}`);
  }
  const o20 = at(ours, 20_000);
  if (o5 && o20) {
    const g = o20.threadCpuMs / o5.threadCpuMs;
    ok = ok && g <= 4.4;
    checks.push(`- 4× the objects (5,000 → 20,000) costs ≤ 4.4× the time (same bound per object): ${verdict(g <= 4.4, ratio(g))}`);
  }
  // A time target missed: show where the time goes.
  const timeMissed = o5 && r5 && o5.threadCpuMs / r5.threadCpuMs > 1.3;
  const markdown = [
    '### 2. Scale: N NginxPods, each behind its own ClusterIP ExposedService, against raw L1',
    '',
    'Time is construct + synth to YAML on disk, measured inside the process (library already loaded).',
    'The time targets are judged on the CPU time of the main thread (`/proc/thread-self/schedstat`):',
    'the JavaScript and the synchronous file writes, i.e. the wall time on an idle machine. On this',
    'shared 2-core machine the wall time also counts waits for a core and swings by up to ±50 % between',
    'identical runs; it is shown, as is the CPU time of all threads (V8\'s GC helper threads included).',
    'Memory is the peak RSS of the whole process (`process.resourceUsage().maxRSS`). Figures are',
    'medians; each run is a fresh process and the two variants alternate. Both write byte-identical',
    'manifests (checked).',
    '',
    table(['N pods', 'objects', 'runs', 'ours time', 'raw time', 'time ×', 'wall: ours / raw', 'all-thread CPU ×', 'ours RSS', 'raw RSS', 'memory ×'], rows),
    '',
    ...checks,
    ...(timeMissed ? ['', profileScale(5_000)] : []),
  ].join('\n');
  const summary: string[][] = o5 && r5 ? [
    ['5,000 NginxPod + ClusterIP pairs, all checks on, against raw L1 writing the same YAML: main-thread CPU time', `**${ratio(o5.threadCpuMs / r5.threadCpuMs)}**`],
    ['the same, peak memory', `**${ratio(o5.maxRssKb / r5.maxRssKb)}**`],
  ] : [];
  return { markdown, ok, summary };
}
