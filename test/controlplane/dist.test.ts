/**
 * The committed dist/ applied to a real control plane (etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler built from the Go module proxy; kwok nodes of
 * minikube's size), into a fresh namespace per case, as a user applies it: nothing refused,
 * every workload available, every pod scheduled and Ready, every selecting Service's ports
 * served by ready endpoints, every PDB allowing a disruption, every HPA at its floor and able
 * to scale, every Ingress backend a Service and port that exist; under PodSecurity `baseline`
 * the same with no warning, and the tutorial under SecurityProfile.RESTRICTED the same under
 * `restricted`. Each namespace is deleted before the next (dist/ names a fixed NodePort).
 *
 * What kwok cannot show: it reports every container started and Ready (no image is pulled, no
 * probe runs, no volume is mounted), so what only a kubelet, a CNI or an ingress controller
 * would show is judged by the library's rules instead, not here.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO } from '../paths';
import { ControlPlane, controlPlaneInstalled, hasGo, KUBERNETES_VERSION } from './cluster';
import { gatewayApiCorpus } from '../gateway-api-corpus';
import { installGatewayApi, judgeCorpus } from './gateway-api';
import { applyAndSettle, deleteNamespace, formatReports, manifestFiles, NamespaceReport } from './observe';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { synthHardened } = require('../tools/findings.js') as { synthHardened: (out: string) => string };

const DIST = path.join(REPO, 'dist');
/** Skipped only without Go (setup.ts said so in one line); with Go, setup built the control plane. */
const enabled = hasGo() || controlPlaneInstalled();
const suite = enabled ? describe : describe.skip;

suite(`dist/ on a Kubernetes ${KUBERNETES_VERSION} control plane`, () => {
  let cp: ControlPlane;
  let tmp: string;
  const reports: NamespaceReport[] = [];

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'controlplane-dist-'));
    synthHardened(path.join(tmp, 'hardened'));
    cp = await ControlPlane.start({ name: 'dist' });
    // (as an operator installs them before applying dist/11-gateway-api: the CRDs' own rules judge the routes)
    installGatewayApi(cp);
    process.stderr.write(`control plane up in ${cp.times.total}s (${Object.entries(cp.times).map(([k, v]) => `${k} ${v}s`).join(', ')})\n`);
  }, 300_000);

  afterAll(async () => {
    if (reports.length > 0) process.stderr.write(`\n${formatReports(reports)}\n\n`);
    if (cp) {
      const mem = cp.memoryMiB();
      process.stderr.write(`control plane memory (RSS, MiB): ${Object.entries(mem).map(([k, v]) => `${k} ${v}`).join(', ')}; total ${Object.values(mem).reduce((a, b) => a + b, 0)}\n`);
      await cp.stop();
    }
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }, 120_000);

  /** Applies a folder into a new namespace, keeps its report, deletes the namespace. */
  async function run(namespace: string, dir: string, enforce?: 'baseline' | 'restricted', timeoutMs?: number): Promise<NamespaceReport> {
    const report = await applyAndSettle(cp, namespace, manifestFiles(dir), enforce, timeoutMs);
    reports.push(report);
    await deleteNamespace(cp, namespace);
    return report;
  }

  /** Everything a user expects after `kubectl apply`, as one comparable object. */
  function expectAllUp(r: NamespaceReport): void {
    expect({
      refused: r.refused, unavailable: r.unavailable, podsNotReady: r.podsNotReady,
      portsWithoutEndpoints: r.portsWithoutEndpoints, badBackends: r.badBackends,
      pdbsWithoutAllowance: r.pdbs.filter(p => p.allowed <= 0).map(p => p.name),
      hpasBelowFloorOrUnable: r.hpas.filter(h => h.replicas < h.min || !h.ableToScale.startsWith('True')).map(h => h.name),
    }).toEqual({ refused: [], unavailable: [], podsNotReady: [], portsWithoutEndpoints: [], badBackends: [], pdbsWithoutAllowance: [], hpasBelowFloorOrUnable: [] });
    // dist/ has something of each: the assertions above are not vacuous
    expect(r.workloadCount).toBeGreaterThan(0);
    expect(r.podCount).toBeGreaterThan(r.workloadCount);
    expect(r.portCount).toBeGreaterThan(0);
    expect(r.pdbs.length).toBeGreaterThan(0);
    expect(r.hpas.length).toBeGreaterThan(0);
    expect(r.backendCount).toBeGreaterThan(0);
  }

  // (on this cluster, which has the CRDs: the corpus adds a second or two, not a cluster of its own)
  test('the API server refuses exactly the objects the Gateway API corpus records as refused, with their messages, and accepts the rest', async () => {
    const corpus = gatewayApiCorpus();
    const t0 = Date.now();
    const verdicts = await judgeCorpus(cp, corpus);
    process.stderr.write(`gateway-api corpus: ${verdicts.length} objects of ${corpus.length} cases judged by the API server in ${(Date.now() - t0) / 1000}s, ${verdicts.filter(v => v.refused).length} refused\n`);
    const disagreements = verdicts.flatMap(v => {
      const expected = corpus.find(c => c.name === v.case)!.refused?.[v.ref];
      if (expected === undefined && v.refused === undefined) return [];
      if (expected !== undefined && v.refused?.includes(expected)) return [];
      return [{ case: v.case, ref: v.ref, expected: expected ?? 'accepted', apiServer: v.refused ?? 'accepted' }];
    });
    expect(disagreements).toEqual([]);
    // every recorded refusal is of an object the corpus applies
    const judged = new Set(verdicts.map(v => `${v.case} ${v.ref}`));
    expect(corpus.flatMap(c => Object.keys(c.refused ?? {}).map(ref => `${c.name} ${ref}`)).filter(k => !judged.has(k))).toEqual([]);
    expect(verdicts.filter(v => v.refused).length).toBeGreaterThanOrEqual(25);
  }, 120_000);

  test('the node is minikube\'s size: 1250m CPU, 2030Mi and 15667Mi of ephemeral storage allocatable, 110 pods', async () => {
    const nodes = await cp.list('/api/v1/nodes');
    expect(nodes.map(n => n.status.allocatable)).toEqual([{ 'cpu': '1250m', 'memory': '2030Mi', 'ephemeral-storage': '15667Mi', 'pods': '110' }]);
  });

  test('dist/ is accepted and everything in it comes up', async () => {
    const r = await run('dist', DIST);
    expectAllUp(r);
    // the HPA has no metrics server to read: it scales to its floor and says so, honestly
    for (const h of r.hpas) expect(h.scalingActive).toMatch(/^False \(FailedGetResourceMetric\)|^True/);
  }, 400_000);

  test('dist/ under PodSecurity enforce=baseline: the same, and no warning', async () => {
    const r = await run('dist-baseline', DIST, 'baseline');
    expectAllUp(r);
    expect(r.warnings).toEqual([]);
  }, 400_000);

  test('the tutorial under SecurityProfile.RESTRICTED, in enforce=restricted: the same, and no warning', async () => {
    const r = await run('hardened-restricted', path.join(tmp, 'hardened'), 'restricted');
    expectAllUp(r);
    expect(r.warnings).toEqual([]);
  }, 400_000);

  test('fails dist/ (no profile) under enforce=restricted: the pods are refused, so the profile matters', async () => {
    // (what is refused never comes up: 30 s for the ReplicaSets to report FailedCreate)
    const r = await run('dist-restricted', DIST, 'restricted', 30_000);
    expect(r.refused.length).toBeGreaterThan(0);
    expect(r.refused.map(f => f.message).join('\n')).toMatch(/violates PodSecurity "restricted:latest"/);
    expect(r.warnings.length).toBeGreaterThan(0);
  }, 400_000);
});

