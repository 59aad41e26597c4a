/**
 * One scale run, in a fresh process: N pods, each behind its own ClusterIP Service, built
 * either with this library (every validation on) or as raw cdk8s-plus-28 L1 objects
 * (`k8s.KubePod`, `k8s.KubeService`) that write the same manifests.
 *
 * `node -r esbuild-register bench/scale-app.ts <ours|ours-atomic|raw|kplus> <N> <outdir>` prints one JSON
 * line: construct and synth times in ms (construct + synth to YAML on disk) and the peak RSS.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as kplus33 from 'cdk8s-plus-33';
import { parseAllDocuments } from 'yaml';
// Both variants load the library, before the clock starts: the runs compare the work, and the
// memory of the same loaded code. The library as it ships (lib/, see stats.ts LIBRARY).
import { library, plugin } from './library';

const { ExposedService, NginxPod, ServiceType, synthAtomically } = library;
const { CrossObjectValidation } = plugin;

const k8s = kplus.k8s;

/**
 * The library through a plain `app.synth()` (`ours`); through `Testing.synth(chart)`
 * (`ours-testing`, against raw L1 through it, `raw-testing`); `cdk8s synth` with the validation
 * plugin (`ours-plugin`: the app's `app.synth()`, then the plugin over the files it wrote, as the
 * CLI runs it, without the CLI's own start); through `synthAtomically` (`ours-atomic`, what
 * `npm run synth` runs); raw L1 objects writing the same manifests (`raw`); idiomatic
 * cdk8s-plus-28 and cdk8s-plus-33, the newest major (`kplus`, `kplus33`: their own manifests).
 */
export type Variant = 'ours' | 'ours-testing' | 'ours-plugin' | 'ours-atomic' | 'raw' | 'raw-testing' | 'kplus' | 'kplus33';

export const VARIANTS: readonly Variant[] = ['ours', 'ours-testing', 'ours-plugin', 'ours-atomic', 'raw', 'raw-testing', 'kplus', 'kplus33'];

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
  /** Main-thread CPU time of the construct phase alone (the rest of `threadCpuMs` is the synth's). */
  readonly threadConstructCpuMs: number;
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
          // (NginxPod's liveness probe is a TCP connection to its port: distinct from its readiness probe)
          livenessProbe: { tcpSocket: { port: k8s.IntOrString.fromNumber(80) } },
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

/** The same job in idiomatic cdk8s-plus-33, the newest major. */
export function buildKplus33(chart: Chart, n: number): void {
  for (let i = 0; i < n; i++) {
    const name = `web-${i}`;
    const pod = new kplus33.Pod(chart, name, { metadata: { name }, containers: [{ name: 'nginx', image: 'nginx', portNumber: 80 }] });
    new kplus33.Service(chart, `svc-${i}`, { metadata: { name: `svc-${i}` }, selector: pod, ports: [{ port: 80, targetPort: 80 }] });
  }
}

/** What `cdk8s synth` does after the app wrote its files: each validation plugin over them (ours: the engine's judgment). */
function runPlugin(outdir: string): void {
  const manifests = fs.readdirSync(outdir).filter(f => f.endsWith('.k8s.yaml')).map(f => path.join(outdir, f));
  let status = '';
  void new CrossObjectValidation().validate({
    manifests,
    report: { addViolation: () => undefined, submit: s => { status = s; } },
    parseManifest: f => parseAllDocuments(fs.readFileSync(f, 'utf8')).map(d => d.toJSON() as unknown),
  });
  if (status !== 'success') throw new Error(`the plugin reported ${status || 'nothing'}`);
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
  let builtCpu = thread;
  let testingOutput: unknown[] | undefined;
  if (variant === 'ours-atomic') {
    synthAtomically(outdir, app => {
      buildOurs(new Chart(app, 'scale'), n);
      built = performance.now();
      builtCpu = threadCpuMs();
    });
  } else if (variant === 'ours-testing' || variant === 'raw-testing') {
    const chart = new Chart(Testing.app(), 'scale');
    (variant === 'ours-testing' ? buildOurs : buildRaw)(chart, n);
    built = performance.now();
    builtCpu = threadCpuMs();
    testingOutput = Testing.synth(chart);
  } else {
    // `cdk8s synth` runs the app with CDK8S_RECORD_CONSTRUCT_METADATA=true when it has validations
    const app = new App({ outdir, ...(variant === 'ours-plugin' ? { recordConstructMetadata: true } : {}) });
    const chart = new Chart(app, 'scale');
    ({ 'ours': buildOurs, 'ours-plugin': buildOurs, 'raw': buildRaw, 'kplus': buildKplus, 'kplus33': buildKplus33 })[variant](chart, n);
    built = performance.now();
    builtCpu = threadCpuMs();
    app.synth();
    if (variant === 'ours-plugin') runPlugin(outdir);
  }
  const done = performance.now();
  const used = process.cpuUsage(cpu);
  const threadUsed = threadCpuMs() - thread;
  // (outside the clock: what Testing.synth returned, for the check that ours and raw L1 are the same)
  if (testingOutput !== undefined) {
    fs.mkdirSync(outdir, { recursive: true });
    fs.writeFileSync(path.join(outdir, 'testing.json'), JSON.stringify(testingOutput));
  }
  return {
    variant,
    n,
    constructMs: built - start,
    synthMs: done - built,
    totalMs: done - start,
    cpuMs: (used.user + used.system) / 1000,
    threadCpuMs: threadUsed,
    threadConstructCpuMs: builtCpu - thread,
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
