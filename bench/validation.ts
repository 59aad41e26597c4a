/**
 * Benchmark 3: what our checks cost, as a share of construct + synth, over an app of
 * 20,000 objects (10,000 NginxPods and their ClusterIP Services).
 *
 * Each run is a fresh process under the V8 sampling profiler; a sample counts as
 * "checking" when a check of ours is on its stack: the API-server rules and the cross-object
 * engine (`lib/core/`: the model, the rules, the object and cross-object checks), its run in
 * the app (`lib/synth/`: rendering every object, the output order), the per-construct checks
 * (`checkContainer`, `checkLabels`, `admitAll`, `checkExternalName`, `resolvePorts`) and the
 * synth-time `node.addValidation` callbacks (`validate`). Samples under cdk8s's own validation pass
 * are split out, as "at synth".
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RunResult } from './scale-app';
import { isLibraryUrl, ms, runNodeJson, table } from './stats';

interface CallFrame { readonly functionName: string; readonly url: string }
interface ProfileNode { readonly id: number; readonly callFrame: CallFrame; readonly children?: readonly number[] }
export interface Profile { readonly nodes: readonly ProfileNode[]; readonly samples: readonly number[]; readonly timeDeltas: readonly number[] }

const CHECK_FUNCTIONS = new Set(['checkContainer', 'checkLabels', 'admitAll', 'checkExternalName', 'resolvePorts', 'validate']);

function isOurCheck(frame: CallFrame): boolean {
  if (!isLibraryUrl(frame.url)) return false;
  return isLibraryUrl(frame.url, 'core/') || isLibraryUrl(frame.url, 'synth/') || CHECK_FUNCTIONS.has(frame.functionName);
}

function isCdk8sValidate(frame: CallFrame): boolean {
  return frame.functionName === 'validate' && frame.url.replace(/\\/g, '/').includes('/cdk8s/lib/app.js');
}

/** Milliseconds of samples: in `run` at all, checking at construction, checking at synth. */
export function attribute(profile: Profile): { run: number; construct: number; synth: number } {
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // What each node's stack contains, computed once per node (stacks share prefixes).
  const memo = new Map<number, { inRun: boolean; check: boolean; atSynth: boolean }>();
  const flags = (id: number): { inRun: boolean; check: boolean; atSynth: boolean } => {
    const hit = memo.get(id);
    if (hit) return hit;
    const frame = byId.get(id)!.callFrame;
    const up = parent.has(id) ? flags(parent.get(id)!) : { inRun: false, check: false, atSynth: false };
    const own = {
      inRun: up.inRun || (frame.functionName === 'run' && frame.url.includes('scale-app')),
      check: up.check || isOurCheck(frame),
      atSynth: up.atSynth || isCdk8sValidate(frame),
    };
    memo.set(id, own);
    return own;
  };
  const sums = { run: 0, construct: 0, synth: 0 };
  profile.samples.forEach((id, i) => {
    const f = flags(id);
    if (!f.inRun) return;
    const dt = profile.timeDeltas[i] / 1000;
    sums.run += dt;
    if (f.check) sums[f.atSynth ? 'synth' : 'construct'] += dt;
  });
  return sums;
}

export function benchValidation(pods = 10_000, runs = 3): string {
  const shares: { construct: number; synth: number; total: number; totalMs: number; checkMs: number }[] = [];
  for (let r = 0; r < runs; r++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-validation-'));
    const result = runNodeJson<RunResult>('bench/scale-app.ts', ['ours', String(pods), path.join(dir, 'out')],
      ['--cpu-prof', '--cpu-prof-dir', path.join(dir, 'prof'), '--cpu-prof-interval', '250']);
    const file = fs.readdirSync(path.join(dir, 'prof'))[0];
    const sums = attribute(JSON.parse(fs.readFileSync(path.join(dir, 'prof', file), 'utf8')) as Profile);
    fs.rmSync(dir, { recursive: true, force: true });
    shares.push({
      construct: sums.construct / sums.run,
      synth: sums.synth / sums.run,
      total: (sums.construct + sums.synth) / sums.run,
      totalMs: result.totalMs,
      checkMs: (sums.construct + sums.synth) / sums.run * result.totalMs,
    });
  }
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  // The run with the median share of all checks, so its parts add up.
  const mid = [...shares].sort((a, b) => a.total - b.total)[Math.floor(shares.length / 2)];
  const totalMs = mid.totalMs;
  return [
    `### 3. Validation alone: ${(2 * pods).toLocaleString('en-US')} objects (${pods.toLocaleString('en-US')} pods + services), the median of ${runs} profiled runs`,
    '',
    table(['checks', 'share of construct + synth', '≈ time'], [
      ['at construction (props: names, labels, ports, containers, service ports)', pct(mid.construct), ms(mid.construct * totalMs)],
      ['at synth (`node.addValidation`: per object and cross-object)', pct(mid.synth), ms(mid.synth * totalMs)],
      ['**all checks**', `**${pct(mid.total)}**`, `**${ms(mid.checkMs)}**`],
    ]),
    '',
    `Construct + synth of that run (profiled, wall): ${ms(totalMs)}; all checks in the ${runs} runs: ${shares.map(x => pct(x.total)).join(', ')}.`,
    'Shares come from the V8 sampling profiler (250 µs)',
    '(`--cpu-prof`): a sample counts when one of our checks is on its stack.',
  ].join('\n');
}
