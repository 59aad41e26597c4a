import { Testing } from 'cdk8s';
import { AppPod, DaemonSetUpdateStrategy, DeploymentStrategy, StatefulSetUpdateStrategy, Workload } from '../../../src';
import { brief, problemsOf, synthProblemsOf } from '../../util';

/** What the engine finds at synth in a pod of this workload. */
const judged = (workload: Workload) => {
  const chart = Testing.chart();
  new AppPod(chart, 'app', { containers: [{ name: 'c', image: 'nginx' }], workload });
  return brief(synthProblemsOf(chart));
};
const deployment = (strategy: DeploymentStrategy) => judged(Workload.deployment({ strategy }));
const daemonSet = (updateStrategy: DaemonSetUpdateStrategy) => judged(Workload.daemonSet({ updateStrategy }));
const DEPLOY = 'spec.strategy.rollingUpdate';
const DAEMON = 'spec.updateStrategy.rollingUpdate';

describe('DeploymentStrategy', () => {
  test('rollingUpdate() writes only the type: maxSurge and maxUnavailable keep Kubernetes\' 25%', () => {
    expect(DeploymentStrategy.rollingUpdate()._toKube()).toEqual({ type: 'RollingUpdate' });
  });

  test('rollingUpdate() writes the bounds it is given, numbers and percentages', () => {
    const s = DeploymentStrategy.rollingUpdate({ maxSurge: 1, maxUnavailable: '10%' })._toKube();
    expect(s.type).toBe('RollingUpdate');
    expect([s.rollingUpdate?.maxSurge?.value, s.rollingUpdate?.maxUnavailable?.value]).toEqual([1, '10%']);
  });

  test('recreate() writes the type only', () => {
    expect(DeploymentStrategy.recreate()._toKube()).toEqual({ type: 'Recreate' });
    expect(DeploymentStrategy.isDeploymentStrategy(DeploymentStrategy.recreate())).toBe(true);
    expect(DeploymentStrategy.isDeploymentStrategy({ type: 'Recreate' })).toBe(false);
  });

  test('fails on maxSurge and maxUnavailable both 0 (the API server refuses it)', () => {
    expect(deployment(DeploymentStrategy.rollingUpdate({ maxSurge: 0, maxUnavailable: '0%' }))).toEqual([
      { rule: 'rollout', field: `${DEPLOY}.maxUnavailable`, value: '0%' },
    ]);
  });

  test('maxSurge 0 alone is fine: maxUnavailable stays 25%', () => {
    expect(DeploymentStrategy.rollingUpdate({ maxSurge: 0 })._toKube().rollingUpdate?.maxSurge?.value).toBe(0);
  });

  test('fails on a negative or fractional count, a malformed percentage, maxUnavailable above 100%', () => {
    expect(deployment(DeploymentStrategy.rollingUpdate({ maxSurge: -1, maxUnavailable: '150%' }))).toEqual([
      { rule: 'rollout', field: `${DEPLOY}.maxSurge`, value: -1 },
      { rule: 'rollout', field: `${DEPLOY}.maxUnavailable`, value: '150%' },
    ]);
    expect(deployment(DeploymentStrategy.rollingUpdate({ maxSurge: 1.5, maxUnavailable: '5.5%' as any }))).toEqual([
      { rule: 'rollout', field: `${DEPLOY}.maxSurge`, value: 1.5 },
      { rule: 'rollout', field: `${DEPLOY}.maxUnavailable`, value: '5.5%' },
    ]);
  });

  test('a maxSurge above 100% is allowed (only maxUnavailable is capped)', () => {
    expect(DeploymentStrategy.rollingUpdate({ maxSurge: '200%' })._toKube().rollingUpdate?.maxSurge?.value).toBe('200%');
  });

  test('fails on options that are not an object', () => {
    expect(brief(problemsOf(() => DeploymentStrategy.rollingUpdate(5 as any)))).toEqual([{ rule: 'props', field: 'options', value: 5 }]);
  });
});

describe('StatefulSetUpdateStrategy', () => {
  test('rollingUpdate() without a partition writes the type only (partition 0, every pod)', () => {
    expect(StatefulSetUpdateStrategy.rollingUpdate()._toKube()).toEqual({ type: 'RollingUpdate' });
  });

  test('rollingUpdate({ partition }) and onDelete()', () => {
    expect(StatefulSetUpdateStrategy.rollingUpdate({ partition: 2 })._toKube()).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 2 } });
    expect(StatefulSetUpdateStrategy.onDelete()._toKube()).toEqual({ type: 'OnDelete' });
  });

  test('fails on a negative partition', () => {
    expect(judged(Workload.statefulSet({ updateStrategy: StatefulSetUpdateStrategy.rollingUpdate({ partition: -1 }) })))
      .toEqual([{ rule: 'rollout', field: 'spec.updateStrategy.rollingUpdate.partition', value: -1 }]);
  });
});

describe('DaemonSetUpdateStrategy', () => {
  test('rollingUpdate() writes the type only: one node at a time (maxUnavailable 1, maxSurge 0)', () => {
    expect(DaemonSetUpdateStrategy.rollingUpdate()._toKube()).toEqual({ type: 'RollingUpdate' });
    expect(DaemonSetUpdateStrategy.onDelete()._toKube()).toEqual({ type: 'OnDelete' });
  });

  test('a surge writes maxUnavailable 0: left out, Kubernetes would make it 1 and refuse both non-zero', () => {
    const ru = DaemonSetUpdateStrategy.rollingUpdate({ maxSurge: '10%' })._toKube().rollingUpdate;
    expect([ru?.maxSurge?.value, ru?.maxUnavailable?.value]).toEqual(['10%', 0]);
  });

  test('fails on both non-zero, on both 0, and on a maxSurge above 100%', () => {
    expect(daemonSet(DaemonSetUpdateStrategy.rollingUpdate({ maxSurge: 1, maxUnavailable: 1 }))).toEqual([{ rule: 'rollout', field: `${DAEMON}.maxSurge`, value: 1 }]);
    expect(daemonSet(DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: 0 }))).toEqual([{ rule: 'rollout', field: `${DAEMON}.maxUnavailable`, value: 0 }]);
    expect(daemonSet(DaemonSetUpdateStrategy.rollingUpdate({ maxSurge: '101%' }))).toEqual([{ rule: 'rollout', field: `${DAEMON}.maxSurge`, value: '101%' }]);
  });
});
