/**
 * A PodDisruptionBudget over a DaemonSet's pods can count them only with an integer
 * `minAvailable`: `maxUnavailable` or a percentage needs the expected number of pods, which the
 * disruption controller reads from the pods' controller's scale (ReplicationController,
 * Deployment, StatefulSet, or any with a scale subresource). A DaemonSet has none: the controller
 * fails the budget (`DisruptionAllowed=False`, `SyncFailed`) and no pod may ever be evicted, so
 * every node drain blocks. The control plane shows it (test/controlplane/rules.test.ts).
 */
import { readSelector, selectorMatches } from '../label-selector';
import { record } from '../manifest';
import { defineRule } from '../rule';

export const rule = defineRule({
  id: 'budget-over-daemonset',
  source: 'controller',
  severity: 'error',
  kinds: ['PodDisruptionBudget', 'DaemonSet'],
  summary: 'a PodDisruptionBudget over a DaemonSet\'s pods uses an integer minAvailable (with maxUnavailable or a percentage the disruption controller cannot find the expected pods and fails the budget: every node drain blocks)',
  fix: 'over a DaemonSet use an integer DisruptionBudget.minAvailable(n), not maxUnavailable or a percentage',
  versions: { from: '1.28' },
  upstream: 'pkg/controller/disruption/disruption.go getExpectedScale (finders: getPodReplicationController, getPodDeployment, getPodStatefulSet, getScaleController)',
  check({ model, about }) {
    const allDaemonsets = model.pods.filter(p => p.object.builtinKind === 'DaemonSet');
    if (allDaemonsets.length === 0) return;
    for (const pdb of model.disruptionBudgets) {
      const spec = record(pdb.raw.spec);
      if (spec.selector === undefined) continue;
      const field = spec.maxUnavailable !== undefined ? 'maxUnavailable' : typeof spec.minAvailable === 'string' ? 'minAvailable' : undefined;
      // (maxUnavailable 0 blocks every drain whatever the pods: budget-allows-disruption says so)
      if (field === undefined || spec.maxUnavailable === 0 || spec.maxUnavailable === '0%') continue;
      const selector = readSelector(spec.selector);
      const daemonsets = allDaemonsets.filter(p => p.object.namespace === pdb.namespace && selectorMatches(selector, p.labels));
      if (daemonsets.length === 0) continue;
      about(pdb).add(`spec.${field}`, spec[field],
        `an integer minAvailable over the pods of ${daemonsets.map(d => d.object.ref).join(', ')}: the disruption controller counts ${field === 'maxUnavailable' ? 'maxUnavailable' : 'a percentage'} against the pods' controller's scale, a DaemonSet has none, so the budget fails (DisruptionAllowed=False, SyncFailed) and every node drain blocks`,
        'use minAvailable with a number of pods (e.g. the node count less one)');
    }
  },
});
