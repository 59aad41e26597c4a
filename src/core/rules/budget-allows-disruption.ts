import { record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { podsOfBudget, scaledControllers } from '../walk/workloads';

export const rule = defineRule({
  id: 'budget-allows-disruption',
  source: 'controller',
  severity: 'warning',
  kinds: ['PodDisruptionBudget'],
  summary: 'a PodDisruptionBudget can allow a disruption: maxUnavailable is not 0, minAvailable is below the replicas it counts, and over Pods without a controller only an integer minAvailable counts them (else it blocks every node drain)',
  fix: 'let the budget allow one disruption: DisruptionBudget.maxUnavailable(1), or a minAvailable below the replicas it counts (an integer minAvailable over bare Pods)',
  versions: { from: '1.28' },
  upstream: 'pkg/controller/disruption (getExpectedScale)',
  check({ model, about }) {
    const scaled = scaledControllers(model);
    for (const pdb of model.disruptionBudgets) {
      const r = about(pdb);
      const spec = record(pdb.raw.spec);
      const selected = podsOfBudget(pdb, model.pods);
      if (selected.length === 0) continue; // (selects-a-controller's)
      const { maxUnavailable, minAvailable } = spec;
      // The disruption controller counts a maxUnavailable or a percentage against the scale of the
      // pods' controllers, and skips a pod without one (getExpectedScale): over bare Pods alone it
      // expects 0 pods and allows no disruption; beside a controller's pods they are not counted.
      const bare = selected.filter(pod => pod.object.builtinKind === 'Pod');
      const scaledBy = maxUnavailable !== undefined ? 'maxUnavailable' : typeof minAvailable === 'string' ? 'minAvailable' : undefined;
      if (bare.length > 0 && scaledBy !== undefined) {
        const only = bare.length === selected.length;
        r.add(`spec.${scaledBy}`, spec[scaledBy],
          `an integer minAvailable over Pods without a controller (${bare.map(p => p.object.ref).join(', ')}): the disruption controller counts ${scaledBy === 'maxUnavailable' ? 'maxUnavailable' : 'a percentage'} against the scale of the pods' controllers and skips a pod without one, ${only ? 'so it expects 0 pods and no pod may ever be evicted (every node drain blocks)' : 'so those Pods are not counted'}`,
          `use minAvailable with a number of pods${only ? '' : ', or select only the controller\'s pods'}`);
        continue;
      }
      if (maxUnavailable !== undefined) {
        if (validators.intOrPercentValue(maxUnavailable) === 0) {
          r.add('spec.maxUnavailable', maxUnavailable, 'a maxUnavailable above 0: with 0, no pod may ever be evicted, and every node drain blocks',
            'allow at least one: maxUnavailable: 1');
        }
        continue;
      }
      if (minAvailable === undefined || validators.intOrPercent(minAvailable, true) !== undefined) continue;
      // How many pods the budget counts: the replicas, or at most the autoscaler's maximum. A DaemonSet's depend on the nodes.
      let expected = 0;
      let countable = true;
      for (const pod of selected) {
        const kind = pod.object.builtinKind;
        const hpa = scaled.get(pod);
        const max = hpa === undefined ? undefined : hpa.maxReplicas;
        if (kind === 'DaemonSet' || kind === 'Job' || kind === 'CronJob' || (hpa !== undefined && typeof max !== 'number')) {
          countable = false;
          break;
        }
        expected += kind === 'Pod' ? 1 : typeof max === 'number' ? max : pod.replicas ?? 1;
      }
      if (!countable) continue;
      const value = validators.intOrPercentValue(minAvailable)!;
      const needed = typeof minAvailable === 'number' ? value : Math.ceil((value * expected) / 100);
      if (expected > 0 && needed >= expected) {
        const counted = selected.length === 1 ? selected[0].object.ref : `${selected.length} objects`;
        r.add('spec.minAvailable', minAvailable,
          `a minAvailable below the ${expected} pod${expected === 1 ? '' : 's'} it counts (${counted}${scaled.size > 0 && selected.some(p => scaled.has(p)) ? ', at the autoscaler\'s maximum' : ''}): ${needed} must stay up, so no pod may ever be evicted and every node drain blocks`,
          'use maxUnavailable: 1, or lower minAvailable (or raise the replicas)');
      }
    }
  },
});
