/**
 * A PodDisruptionBudget over pods an autoscaler scales is counted at the replicas the controller
 * has now, and the autoscaler brings them down to its floor (`minReplicas`, 1 when left out)
 * whenever the load is low. At the floor, a budget whose `minAvailable` is the floor or more
 * allows no disruption: the disruption controller computes `disruptionsAllowed = healthy -
 * desiredHealthy = 0`, so no pod may be evicted and no node can be drained (an HPA with
 * `minReplicas: 1` beside a PDB with `minAvailable: 1` is the common case). The control plane
 * shows it: with no metrics server the HPA keeps the controller at its floor, and the budget says
 * `disruptionsAllowed: 0` (test/controlplane/rules.test.ts). (`maxUnavailable: 0`, and a
 * `minAvailable` at or above the autoscaler's maximum, are budget-allows-disruption's.)
 */
import { record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { podsOfBudget, scaledControllers } from '../walk/workloads';

export const rule = defineRule({
  id: 'budget-at-autoscaler-floor',
  source: 'controller',
  severity: 'warning',
  kinds: ['PodDisruptionBudget', 'HorizontalPodAutoscaler'],
  summary: 'a PodDisruptionBudget\'s minAvailable over pods an autoscaler scales is below the autoscaler\'s minReplicas: at the floor (minReplicas 1 beside minAvailable 1) the budget allows no disruption and no node can be drained',
  fix: 'raise the autoscaler\'s minReplicas above the budget\'s minAvailable (minReplicas 2 beside minAvailable 1), or write the budget as maxUnavailable: 1',
  versions: { from: '1.28' },
  upstream: 'pkg/controller/disruption/disruption.go getExpectedPodCount, updatePdbStatus (disruptionsAllowed = currentHealthy - desiredHealthy); pkg/controller/podautoscaler/horizontal.go normalizeDesiredReplicas (down to minReplicas)',
  check({ model, about }) {
    const scaled = scaledControllers(model);
    if (scaled.size === 0) return;
    for (const pdb of model.disruptionBudgets) {
      const { minAvailable } = record(pdb.raw.spec);
      if (minAvailable === undefined || validators.intOrPercent(minAvailable, true) !== undefined) continue;
      const selected = podsOfBudget(pdb, model.pods);
      const autoscaled = selected.filter(p => scaled.has(p));
      if (autoscaled.length === 0) continue;
      // the pods it counts at the autoscalers' floors, and at their maximums (budget-allows-disruption's)
      let floor = 0;
      let ceiling = 0;
      let countable = true;
      for (const pod of selected) {
        const kind = pod.object.builtinKind;
        const spec = scaled.get(pod);
        if (kind === 'DaemonSet' || kind === 'Job' || kind === 'CronJob') { countable = false; break; }
        if (spec === undefined) {
          const n = kind === 'Pod' ? 1 : pod.replicas ?? 1;
          floor += n;
          ceiling += n;
          continue;
        }
        const min = spec.minReplicas === undefined ? 1 : spec.minReplicas;
        if (typeof min !== 'number' || typeof spec.maxReplicas !== 'number') { countable = false; break; }
        floor += min;
        ceiling += spec.maxReplicas;
      }
      if (!countable || floor <= 0) continue;
      const value = validators.intOrPercentValue(minAvailable)!;
      const needed = (expected: number) => (typeof minAvailable === 'number' ? value : Math.ceil((value * expected) / 100));
      if (needed(ceiling) >= ceiling) continue; // (budget-allows-disruption says so)
      if (needed(floor) < floor) continue;
      const hpas = autoscaled.map(p => `${p.object.ref} (minReplicas ${JSON.stringify(scaled.get(p)!.minReplicas ?? 1)})`).join(', ');
      about(pdb).add('spec.minAvailable', minAvailable,
        `a minAvailable below the ${floor} pod${floor === 1 ? '' : 's'} the autoscaler keeps at its floor (${hpas}): there ${needed(floor)} must stay up, so the budget allows no disruption (disruptionsAllowed 0) and no node can be drained while the load is low`,
        `raise the autoscaler's minReplicas above ${needed(floor)}, or use maxUnavailable: 1 in the budget`);
    }
  },
});
