/**
 * The per-rule profile: where the engine's time goes, rule by rule, in one plain `app.synth()`
 * of N NginxPod + ClusterIP pairs (each rule's `check` and its `podSpec` over every pod spec,
 * timed by the engine itself; the model's reading and the renders are shown apart).
 *
 * `node -r esbuild-register bench/rules.ts <N> <outdir>` prints one JSON line; `profileRules(n)`
 * runs it in a fresh process and returns the Markdown table of the ten costliest rules.
 */
import { App, Chart } from 'cdk8s';
import { engine } from './library';
import { buildOurs } from './scale-app';
import { ms, runNodeJson, table } from './stats';

interface RulesResult {
  readonly n: number;
  readonly synthMs: number;
  readonly rules: { readonly [id: string]: number };
}

/** The ten costliest rules at `n` pairs, from one run in a fresh process. */
export function profileRules(n: number, outdir: string): string {
  const r = runNodeJson<RulesResult>('bench/rules.ts', [String(n), outdir]);
  const entries = Object.entries(r.rules).sort((a, b) => b[1] - a[1]);
  const total = entries.reduce((sum, [, t]) => sum + t, 0);
  const rows = entries.slice(0, 10).map(([id, t]) => [`\`${id}\``, ms(t), `${(100 * t / r.synthMs).toFixed(1)} %`]);
  rows.push([`all ${entries.length} rules`, ms(total), `${(100 * total / r.synthMs).toFixed(1)} %`]);
  return [
    `The ten costliest rules at ${n.toLocaleString('en-US')} pairs, one plain \`app.synth()\` (CPU time of the synth, all threads: ${ms(r.synthMs)}; each rule's CPU time as the engine measures it):`,
    '',
    table(['rule', 'time', 'share of the synth'], rows),
  ].join('\n');
}

if (require.main === module) {
  const [n, outdir] = process.argv.slice(2);
  const app = new App({ outdir });
  buildOurs(new Chart(app, 'scale'), Number(n));
  const start = process.cpuUsage();
  const times = engine.timingRules(() => app.synth());
  const used = process.cpuUsage(start);
  const result: RulesResult = { n: Number(n), synthMs: (used.user + used.system) / 1000, rules: Object.fromEntries(times) };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
