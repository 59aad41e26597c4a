/**
 * One scale run, in a fresh process: N pods, each behind its own ClusterIP Service, built
 * either with this library (every validation on) or as raw cdk8s-plus-28 L1 objects
 * (`k8s.KubePod`, `k8s.KubeService`) that write the same manifests.
 *
 * `node -r esbuild-register bench/scale-app.ts <ours|ours-atomic|raw|kplus> <N> <outdir>` prints one JSON
 * line: construct and synth times in ms (construct + synth to YAML on disk) and the peak RSS.
 */
import * as fs from 'fs';
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
// Both variants load the library, before the clock starts: the runs compare the work, and the
// memory of the same loaded code.
import { ExposedService, NginxPod, ServiceType, synthAtomically } from '../src';

const k8s = kplus.k8s;

/**
 * The library through a plain `app.synth()`; the library through `synthAtomically` (what
 * `npm run synth` runs: one judgment, then the write); raw L1 objects writing the same
 * manifests; idiomatic cdk8s-plus-28 (its own manifests).
 */
export type Variant = 'ours' | 'ours-atomic' | 'raw' | 'kplus';

const VARIANTS: readonly Variant[] = ['ours', 'ours-atomic', 'raw', 'kplus'];

/** What one run reports. */
export interface RunResult {
  readonly variant: Variant;
  readonly n: number;
  readonly constructMs: number;
  readonly synthMs: number;
  readonly totalMs: number;
  /** CPU time (user + system) of all threads, V8's GC helpers included. */
  readonly cpuMs: number;
  /**
   * CPU time of the main thread: the JavaScript and the synchronous file writes, i.e. what
   * construct + synth take on an idle machine, without the waits for a core a busy one adds.
   */
  readonly threadCpuMs: number;
  /** Peak resident set size of the whole process, in KiB. */
  readonly maxRssKb: number;
}

/** Adds N NginxPods, each behind a ClusterIP ExposedService. */
export function buildOurs(chart: Chart, n: number): void {
  for (let i = 0; i < n; i++) {
    const pod = new NginxPod(chart, `web-${i}`, { name: `web-${i}` });
    new ExposedService(chart, `svc-${i}`, { name: `svc-${i}`, type: ServiceType.CLUSTER_IP, target: pod, port: 80 });
  }
}

/** The same objects as raw L1, written as a user of plain cdk8s-plus-28 would. */
export function buildRaw(chart: Chart, n: number): void {
  for (let i = 0; i < n; i++) {
    const name = `web-${i}`;
    // The Service first, so it is written before the pod (as ExposedService orders them).
    new k8s.KubeService(chart, `svc-${i}`, {
      metadata: { name: `svc-${i}` },
      spec: {
        type: 'ClusterIP',
        selector: { app: name },
        ports: [{ port: 80, targetPort: k8s.IntOrString.fromNumber(80) }],
      },
    });
    new k8s.KubePod(chart, name, {
      metadata: { name, labels: { app: name } },
      spec: {
        // What NginxPod writes by default (SecurityProfile.AS_BUILT; no ServiceAccount token).
        automountServiceAccountToken: false,
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{
          name: 'nginx',
          image: 'nginx',
          ports: [{ containerPort: 80 }],
          readinessProbe: { httpGet: { path: '/', port: k8s.IntOrString.fromNumber(80) } },
          livenessProbe: { httpGet: { path: '/', port: k8s.IntOrString.fromNumber(80) } },
          resources: {
            requests: { cpu: k8s.Quantity.fromString('50m'), memory: k8s.Quantity.fromString('64Mi') },
            limits: { memory: k8s.Quantity.fromString('128Mi') },
          },
          securityContext: {
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['NET_RAW', 'MKNOD', 'SYS_CHROOT', 'AUDIT_WRITE', 'SETFCAP', 'SETPCAP'] },
          },
        }],
      },
    });
  }
}

/**
 * The same app written the way a cdk8s-plus-28 user would: a `kplus.Pod` behind a `kplus.Service`
 * (cdk8s-plus's own defaults, so not the same YAML: the comparison is of the idiomatic ways).
 */
export function buildKplus(chart: Chart, n: number): void {
  for (let i = 0; i < n; i++) {
    const name = `web-${i}`;
    const pod = new kplus.Pod(chart, name, { metadata: { name }, containers: [{ name: 'nginx', image: 'nginx', portNumber: 80 }] });
    new kplus.Service(chart, `svc-${i}`, { metadata: { name: `svc-${i}` }, selector: pod, ports: [{ port: 80, targetPort: 80 }] });
  }
}

/** CPU time of the calling thread in ms (Linux: schedstat, ns), else of the process. */
export function threadCpuMs(): number {
  try {
    return Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
}

/** Builds and synthesizes one app into `outdir`, timing both phases. */
export function run(variant: Variant, n: number, outdir: string): RunResult {
  const cpu = process.cpuUsage();
  const thread = threadCpuMs();
  const start = performance.now();
  let built = start;
  if (variant === 'ours-atomic') {
    synthAtomically(outdir, app => {
      buildOurs(new Chart(app, 'scale'), n);
      built = performance.now();
    });
  } else {
    const app = new App({ outdir });
    const chart = new Chart(app, 'scale');
    ({ ours: buildOurs, raw: buildRaw, kplus: buildKplus })[variant](chart, n);
    built = performance.now();
    app.synth();
  }
  const done = performance.now();
  const used = process.cpuUsage(cpu);
  const threadUsed = threadCpuMs() - thread;
  return {
    variant,
    n,
    constructMs: built - start,
    synthMs: done - built,
    totalMs: done - start,
    cpuMs: (used.user + used.system) / 1000,
    threadCpuMs: threadUsed,
    maxRssKb: process.resourceUsage().maxRSS,
  };
}

if (require.main === module) {
  const [variant, n, outdir] = process.argv.slice(2);
  if (!(VARIANTS as readonly string[]).includes(variant) || !outdir) {
    throw new Error(`usage: scale-app.ts <${VARIANTS.join('|')}> <N> <outdir>`);
  }
  process.stdout.write(`${JSON.stringify(run(variant as Variant, Number(n), outdir))}\n`);
}
