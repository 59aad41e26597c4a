/**
 * Where construct + synth time goes, library against raw L1: one profiled run of each
 * (V8 sampling profiler), samples grouped by the phase on their stack.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Profile } from './validation';
import { isLibraryUrl, median, ms, runNodeJson, table } from './stats';

type Phase = string;

/** The phase of one stack (innermost frame first), or undefined outside construct + synth. */
function phaseOf(stack: readonly { functionName: string; url: string }[]): Phase | undefined {
  if (stack[0]?.functionName === '(garbage collector)') return 'garbage collection';
  const has = (fn: string | undefined, url: string) => stack.some(f => (fn === undefined || f.functionName === fn) && f.url.includes(url));
  // (a function of the library's build, lib/<under>)
  const ours = (fns: readonly string[], under: string) => stack.some(f => fns.includes(f.functionName) && isLibraryUrl(f.url, under));
  if (!has('run', 'scale-app')) return undefined;
  if (has('buildOurs', 'scale-app') || has('buildRaw', 'scale-app')) {
    return stack.some(f => isLibraryUrl(f.url)) ? 'construct: the library (its constructs, checks, and the L1 objects they create)' : 'construct: L1 objects (cdk8s, constructs)';
  }
  if (has('save', 'cdk8s/lib/yaml.js')) return 'synth: YAML stringify and write';
  // (the renders come first: ours are made inside the validation pass, to be judged, and written as judged)
  if (has('toJson', 'cdk8s/lib/api-object.js') || has('toJson', '/imports/k8s.')) return 'synth: toJson (resolve, sanitize, L1 conversion)';
  if (ours(['judgeModel'], 'core/engine')) return 'synth: the judgment (every rule of the registry)';
  if (ours(['readManifests'], 'core/manifest')) return 'synth: the model read (ours, once per judgment)';
  if (ours(['objectsInOutputOrder', 'orderServicesFirst'], 'synth/')) return 'synth: output order and Services first (ours)';
  if (has('validate', 'cdk8s/lib/app.js')) return 'synth: validation pass, the rest (renders as written, every other `addValidation`)';
  if (has('resolveDependencies', 'cdk8s/lib/app.js')) return 'synth: resolveDependencies (cdk8s, twice per synth)';
  if (has('DependencyGraph', 'cdk8s/lib/dependency.js') || has('topology', 'cdk8s/lib/dependency.js')) return 'synth: DependencyGraph, output order (cdk8s)';
  return 'synth: other';
}

/** The phases that are the judgment's own: what the 1.3× allowance would have to hold with nothing else over raw L1. */
const JUDGING: readonly Phase[] = ['synth: the judgment (every rule of the registry)', 'synth: the model read (ours, once per judgment)'];

function phases(profile: Profile): Map<Phase, number> {
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map<number, Phase | undefined>();
  const out = new Map<Phase, number>();
  profile.samples.forEach((id, i) => {
    if (!memo.has(id)) {
      const stack = [];
      for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) stack.push(byId.get(n)!.callFrame);
      memo.set(id, phaseOf(stack));
    }
    const phase = memo.get(id);
    if (phase !== undefined) out.set(phase, (out.get(phase) ?? 0) + profile.timeDeltas[i] / 1000);
  });
  return out;
}

function profiled(variant: 'ours' | 'raw', n: number): Map<Phase, number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-profile-'));
  runNodeJson('bench/scale-app.ts', [variant, String(n), path.join(dir, 'out')],
    ['--cpu-prof', '--cpu-prof-dir', path.join(dir, 'prof'), '--cpu-prof-interval', '250']);
  const file = fs.readdirSync(path.join(dir, 'prof'))[0];
  const result = phases(JSON.parse(fs.readFileSync(path.join(dir, 'prof', file), 'utf8')) as Profile);
  fs.rmSync(dir, { recursive: true, force: true });
  return result;
}

/** The median of each phase over profiled runs (a phase missing from a run counts 0 there). */
function medians(runs: readonly Map<Phase, number>[]): Map<Phase, number> {
  const names = new Set(runs.flatMap(r => [...r.keys()]));
  return new Map([...names].map(p => [p, median(runs.map(r => r.get(p) ?? 0))]));
}

/**
 * A table of the phases at `n` pods: `rounds` profiled runs of each variant, alternated (a busy
 * machine's waits land in the sampling profiler's phases: one run each can mislead), the median of each phase.
 */
export function profileScale(n: number, rounds = 3): string {
  const oursRuns: Map<Phase, number>[] = [];
  const rawRuns: Map<Phase, number>[] = [];
  for (let i = 0; i < rounds; i++) {
    oursRuns.push(profiled('ours', n));
    rawRuns.push(profiled('raw', n));
  }
  const ours = medians(oursRuns);
  const raw = medians(rawRuns);
  const names = [...new Set([...ours.keys(), ...raw.keys()])];
  const diff = (p: Phase) => (ours.get(p) ?? 0) - (raw.get(p) ?? 0);
  names.sort((a, b) => diff(b) - diff(a));
  const total = (m: Map<Phase, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const rows = names.map(p => [p, ms(ours.get(p) ?? 0), ms(raw.get(p) ?? 0), `${diff(p) >= 0 ? '+' : ''}${ms(diff(p))}`]);
  rows.push(['**total**', `**${ms(total(ours))}**`, `**${ms(total(raw))}**`, `**+${ms(total(ours) - total(raw))}**`]);
  const judging = JUDGING.reduce((sum, p) => sum + (ours.get(p) ?? 0), 0);
  const allowance = 0.3 * total(raw);
  return [
    `Where the time goes at ${n.toLocaleString('en-US')} pods (${rounds} profiled runs of each, alternated, the median of each phase; V8 sampling profiler, which slows both):`,
    '',
    table(['phase', 'ours', 'raw L1', 'difference'], rows),
    '',
    `The 1.3× target allows ${ms(allowance)} over raw L1 here (0.3 × the sum of its medians); reading the model and judging it take ${ms(judging)} `
      + `(${(100 * judging / allowance).toFixed(0)} % of the allowance), before any construct, order or render of ours.`,
  ].join('\n');
}
