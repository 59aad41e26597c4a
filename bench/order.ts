/**
 * Benchmark 4: the output order the engine judges the objects in, computed by cdk8s's own
 * `DependencyGraph` against src/synth/cdk8s-mirror/fast-topology.ts (the machinery that exists only for
 * speed), over 5,000 NginxPods and their ClusterIP Services, paired run by run in one process.
 */
import { App, Chart, DependencyGraph } from 'cdk8s';
import { fastTopology, library } from './library';

const { ExposedService, NginxPod, ServiceType } = library;
const { topology } = fastTopology;
import { median, ms, ratio, table } from './stats';

export function benchOrder(pairs = 5000, runs = 11): string {
  const app = new App({ outdir: '/tmp/bench-order-unused' });
  const chart = new Chart(app, 'c');
  for (let i = 0; i < pairs; i++) {
    const pod = new NginxPod(chart, `p${i}`, { name: `p${i}`, labels: { app: `p${i}` } });
    new ExposedService(chart, `s${i}`, { name: `s${i}`, type: ServiceType.CLUSTER_IP, target: pod, port: 80 });
  }
  const time = (f: () => void) => {
    const start = process.hrtime.bigint();
    f();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const cdk8s: number[] = [];
  const fast: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < runs; r++) {
    // the app's charts, then the chart's objects: what the engine orders once per validation
    const a = time(() => { new DependencyGraph(app.node).topology(); new DependencyGraph(chart.node).topology(); });
    const b = time(() => { topology(app); topology(chart); });
    cdk8s.push(a);
    fast.push(b);
    ratios.push(b / a);
  }
  const sorted = [...ratios].sort((x, y) => x - y);
  return [
    `### 4. Output order, ${pairs.toLocaleString('en-US')} pod + Service pairs (${runs} paired runs in one process)`,
    '',
    table(['way', 'median', 'fast / cdk8s, median of the ratios (spread)'], [
      ['cdk8s `DependencyGraph` (app and chart)', ms(median(cdk8s)), '1.00×'],
      ['src/synth/cdk8s-mirror/fast-topology.ts', ms(median(fast)), `**${ratio(median(ratios))}** (${ratio(sorted[0])}–${ratio(sorted[sorted.length - 1])})`],
    ]),
    '',
    'The engine orders the objects once per validation, and cdk8s validates an app twice per `App.synth()` of one chart.',
  ].join('\n');
}
