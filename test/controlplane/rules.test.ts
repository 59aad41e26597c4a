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
import { apply, createNamespace } from './observe';

const suite = hasGo() || controlPlaneInstalled() ? describe : describe.skip;

const daemonset = {
  apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'busybox', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } },
  },
};
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
