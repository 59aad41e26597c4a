/**
 * The accepted-then-fails rules, on the control plane where it can show them: what the API
 * server accepts and a controller then fails, beside what our rule says of the same manifests.
 * (subpath-expr-env and downward-api-container fail in the kubelet, which kwok does not run:
 * only their unit tests show them, test/unit/core/rules/accepted-then-fails.test.ts.)
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkManifests } from '../../src/check';
import { ControlPlane, controlPlaneInstalled, hasGo } from './cluster';
import { apply, createNamespace, PodSecurityLevel } from './observe';

const suite = hasGo() || controlPlaneInstalled() ? describe : describe.skip;

const daemonset = {
  apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'busybox', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } },
  },
};
const LABELS = { app: 'web' };
const resources = { requests: { cpu: '50m', memory: '32Mi' } };
const webPod = (spec: object = {}, meta: object = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: LABELS, ...meta }, spec: { containers: [{ name: 'web', image: 'nginx', resources }], ...spec },
});
const webDeployment = (replicas: number | undefined, spec: object = {}, meta: object = {}) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', ...meta },
  spec: { ...(replicas === undefined ? {} : { replicas }), selector: { matchLabels: LABELS }, template: { metadata: { labels: LABELS }, spec: { containers: [{ name: 'web', image: 'nginx', resources }], ...spec } } },
});
const webHpa = (minReplicas: number) => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas, maxReplicas: 4,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
  },
});
const webPdb = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { selector: { matchLabels: LABELS }, minAvailable: 1 } };
const budget = (spec: object) => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'agent' } }, ...spec } });

suite('accepted-then-fails rules on the control plane', () => {
  let cp: ControlPlane;
  beforeAll(async () => { cp = await ControlPlane.start({ name: 'rules' }); }, 300_000);
  afterAll(async () => { await cp?.stop(); }, 120_000);

  /** Applies the manifests into a new namespace; the PDB once the disruption controller has judged it. */
  async function pdbAfterApply(namespace: string, manifests: object[], also: (pdb: any) => boolean = () => true): Promise<any> {
    await createNamespace(cp, namespace);
    const file = path.join(cp.dir, `${namespace}.json`);
    fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: manifests }));
    expect(apply(cp, namespace, [file]).refused).toEqual([]);
    return cp.until(`${namespace}'s PodDisruptionBudget judged`, 90_000, async () => {
      const pdb = await cp.api('GET', `/apis/policy/v1/namespaces/${namespace}/poddisruptionbudgets/agent`);
      const c = (pdb.status?.conditions ?? []).find((x: any) => x.type === 'DisruptionAllowed');
      return c && pdb.status.observedGeneration === pdb.metadata.generation && also(pdb) ? pdb : undefined;
    });
  }

  /** Applies the manifests into a new namespace (labelled for PodSecurity at `enforce`); what the API server refused and warned. */
  async function applyIn(namespace: string, manifests: object[], enforce?: PodSecurityLevel) {
    await createNamespace(cp, namespace, enforce);
    const file = path.join(cp.dir, `${namespace}.json`);
    fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: manifests }));
    return apply(cp, namespace, [file]);
  }
  const rulesOf = (manifests: object[]) => checkManifests(manifests).map(p => [p.rule, p.field, p.severity]);

  test('fails service-account-exists: the ServiceAccount admission plugin refuses a Pod whose ServiceAccount is not there, as the rule warns', async () => {
    const manifests = [webPod({ serviceAccountName: 'reader' })];
    expect(rulesOf(manifests)).toEqual([['service-account-exists', 'spec.serviceAccountName', 'warning']]);
    const { refused } = await applyIn('sa-missing', manifests);
    expect(refused.map(f => f.message).join('\n')).toMatch(/serviceaccount "reader" not found/);
    // with the ServiceAccount written beside it: accepted, and the rule is silent
    const written = [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'reader' } }, ...manifests];
    expect(rulesOf(written)).toEqual([]);
    // (a server-side dry run of both refuses the Pod all the same: the dry run does not store the
    // ServiceAccount, so the admission plugin finds none; the apply itself, in order, accepts it)
    await createNamespace(cp, 'sa-written');
    fs.writeFileSync(path.join(cp.dir, 'sa-written.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: written }));
    const real = cp.kubectl(['apply', '--server-side', '-n', 'sa-written', '-f', path.join(cp.dir, 'sa-written.json')]);
    expect([real.status, real.stderr]).toEqual([0, '']);
  }, 120_000);

  test('fails priority-class-exists: a Deployment naming a PriorityClass that is not there never gets a pod (ReplicaFailure), as the rule warns', async () => {
    const manifests = [webDeployment(1, { priorityClassName: 'batch-low' })];
    expect(rulesOf(manifests)).toEqual([['priority-class-exists', 'spec.template.spec.priorityClassName', 'warning']]);
    expect((await applyIn('pc-missing', manifests)).refused).toEqual([]);
    const failure = await cp.until('the ReplicaSet\'s ReplicaFailure', 90_000, async () => {
      const [rs] = await cp.list('/apis/apps/v1/namespaces/pc-missing/replicasets');
      return (rs?.status?.conditions ?? []).find((c: any) => c.type === 'ReplicaFailure');
    });
    expect(failure.reason).toBe('FailedCreate');
    expect(failure.message).toMatch(/no PriorityClass with name batch-low was found/);
    expect(await cp.list('/api/v1/namespaces/pc-missing/pods')).toEqual([]);
    process.stderr.write(`priority-class-exists on the control plane: ReplicaFailure ${failure.reason}: ${failure.message}\n`);
  }, 150_000);

  test('fails budget-at-autoscaler-floor: at the autoscaler\'s floor of 1, a budget of minAvailable 1 allows no disruption; with a floor of 2 it allows one', async () => {
    const floorOf = (min: number) => [webDeployment(undefined), webHpa(min), webPdb];
    expect(rulesOf(floorOf(1))).toEqual([['budget-at-autoscaler-floor', 'spec.minAvailable', 'warning']]);
    expect(rulesOf(floorOf(2))).toEqual([]);
    const allowed = async (namespace: string, min: number) => {
      expect((await applyIn(namespace, floorOf(min))).refused).toEqual([]);
      const pdb = await cp.until(`${namespace}'s budget at the floor`, 120_000, async () => {
        const b = await cp.api('GET', `/apis/policy/v1/namespaces/${namespace}/poddisruptionbudgets/web`);
        return b.status?.observedGeneration === b.metadata.generation && b.status.expectedPods === min && b.status.currentHealthy === min ? b : undefined;
      });
      return { allowed: pdb.status.disruptionsAllowed, healthy: pdb.status.currentHealthy, desired: pdb.status.desiredHealthy };
    };
    expect(await allowed('floor-1', 1)).toEqual({ allowed: 0, healthy: 1, desired: 1 });
    expect(await allowed('floor-2', 2)).toEqual({ allowed: 1, healthy: 2, desired: 1 });
  }, 260_000);

  test('fails namespace-pod-security: the Namespace the app labels enforce=baseline refuses a privileged Pod, as the rule says; warn=restricted warns on the template', async () => {
    const labels = (level: string, modes: string[]) => Object.fromEntries(modes.flatMap(m => [[`pod-security.kubernetes.io/${m}`, level], [`pod-security.kubernetes.io/${m}-version`, 'latest']]));
    const namespace = (name: string, l: object) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: l } });
    const privileged = webPod({ containers: [{ name: 'web', image: 'nginx', resources, securityContext: { privileged: true } }] }, { namespace: 'psa-baseline' });
    const baseline = [namespace('psa-baseline', labels('baseline', ['enforce', 'warn', 'audit'])), privileged];
    expect(rulesOf(baseline)).toContainEqual(['namespace-pod-security', 'spec.containers[0].securityContext.privileged', 'error']);
    const refused = (await applyIn('psa-baseline', baseline, 'baseline')).refused.map(f => f.message).join('\n');
    expect(refused).toMatch(/violates PodSecurity "baseline:latest": privileged/);
    // warn=restricted (enforce privileged): accepted with the warning the rule gives
    const warned = [namespace('psa-warn', labels('restricted', ['warn'])), webDeployment(1, {}, { namespace: 'psa-warn' })];
    const ours = checkManifests(warned).filter(p => p.rule === 'namespace-pod-security-warn').map(p => p.field);
    expect(ours.length).toBeGreaterThan(0);
    await createNamespace(cp, 'psa-warn');
    const file = path.join(cp.dir, 'psa-warn.json');
    fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: warned }));
    const { refused: none, warnings } = apply(cp, 'psa-warn', [file]);
    expect(none).toEqual([]);
    expect(warnings.join('\n')).toMatch(/would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false/);
  }, 150_000);

  test('fails budget-over-daemonset: the disruption controller fails maxUnavailable over a DaemonSet, as the rule says', async () => {
    const manifests = [daemonset, budget({ maxUnavailable: 1 })];
    expect(checkManifests(manifests).map(p => [p.rule, p.field])).toContainEqual(['budget-over-daemonset', 'spec.maxUnavailable']);
    // (once the DaemonSet's pod exists: before it, the controller finds no pods and says InsufficientPods)
    const pdb = await pdbAfterApply('pdb-daemonset', manifests,
      p => p.status.conditions.find((x: any) => x.type === 'DisruptionAllowed')?.reason !== 'InsufficientPods');
    const c = pdb.status.conditions.find((x: any) => x.type === 'DisruptionAllowed');
    expect({ status: c.status, reason: c.reason, allowed: pdb.status.disruptionsAllowed }).toEqual({ status: 'False', reason: 'SyncFailed', allowed: 0 });
    process.stderr.write(`budget-over-daemonset on the control plane: DisruptionAllowed=${c.status} ${c.reason}: ${c.message}\n`);
  }, 200_000);

  test('an integer minAvailable over a DaemonSet is counted, and the rule is silent', async () => {
    const manifests = [daemonset, budget({ minAvailable: 0 })];
    expect(checkManifests(manifests).filter(p => p.rule === 'budget-over-daemonset')).toEqual([]);
    // (once the DaemonSet's pod exists and is counted)
    const pdb = await pdbAfterApply('pdb-daemonset-int', manifests, p => p.status.expectedPods === 1);
    const c = pdb.status.conditions.find((x: any) => x.type === 'DisruptionAllowed');
    expect(c.reason).not.toBe('SyncFailed');
    expect(pdb.status.expectedPods).toBe(1);
  }, 200_000);
});
