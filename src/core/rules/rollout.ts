import type { Json} from '../manifest';
import { record } from '../manifest';
import type { ObjectReporter } from '../rule';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { objectsOfKind } from '../walk/objects';

/** @returns whether the value is absent or a valid non-negative integer */
function nonNegative(r: ObjectReporter, field: string, value: unknown): boolean {
  if (value === undefined) return true;
  const allowed = validators.integer(value);
  r.check(field, value, allowed);
  return allowed === undefined;
}

/** @returns whether the strategy's type is one of `types` (left out, the API server defaults it to the first) */
function strategyType(r: ObjectReporter, field: string, strategy: Json, types: readonly string[]): boolean {
  if (strategy.type === undefined || types.includes(strategy.type as string)) return true;
  r.add(`${field}.type`, strategy.type, `one of ${types.join(', ')}`);
  return false;
}

/** The value (or the percentage) of an int-or-percent field, `fallback` when left out, undefined (and reported) when invalid. */
function intOrPercent(r: ObjectReporter, field: string, value: unknown, max100: boolean, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  const allowed = validators.intOrPercent(value, max100);
  r.check(field, value, allowed);
  return allowed === undefined ? validators.intOrPercentValue(value) : undefined;
}

function checkDeploymentStrategy(r: ObjectReporter, strategy: unknown): void {
  if (strategy === undefined) return;
  const s = record(strategy);
  if (!strategyType(r, 'spec.strategy', s, ['RollingUpdate', 'Recreate'])) return;
  if (s.type === 'Recreate') {
    if (s.rollingUpdate !== undefined) r.add('spec.strategy.rollingUpdate', s.rollingUpdate, 'no rollingUpdate under the Recreate strategy');
    return;
  }
  const ru = record(s.rollingUpdate);
  const surge = intOrPercent(r, 'spec.strategy.rollingUpdate.maxSurge', ru.maxSurge, false, 25);
  const unavailable = intOrPercent(r, 'spec.strategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, true, 25);
  if (surge === 0 && unavailable === 0) {
    r.add('spec.strategy.rollingUpdate.maxUnavailable', ru.maxUnavailable,
      'not 0 when maxSurge is 0: the rollout could neither start a new pod nor stop an old one', 'let one of them be non-zero, e.g. maxSurge: 1');
  }
}

function checkDaemonSetStrategy(r: ObjectReporter, strategy: unknown): void {
  if (strategy === undefined) return;
  const s = record(strategy);
  if (!strategyType(r, 'spec.updateStrategy', s, ['RollingUpdate', 'OnDelete'])) return;
  if (s.type === 'OnDelete') return;
  const ru = record(s.rollingUpdate);
  const surge = intOrPercent(r, 'spec.updateStrategy.rollingUpdate.maxSurge', ru.maxSurge, true, 0);
  const unavailable = intOrPercent(r, 'spec.updateStrategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, true, 1);
  if (surge === undefined || unavailable === undefined) return;
  if (surge === 0 && unavailable === 0) {
    r.add('spec.updateStrategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'not 0 when maxSurge is 0: exactly one of them is non-zero',
      'leave maxUnavailable out (1), or set maxSurge');
  } else if (surge !== 0 && unavailable !== 0) {
    r.add('spec.updateStrategy.rollingUpdate.maxSurge', ru.maxSurge, 'a maxSurge of 0 when maxUnavailable is non-zero: exactly one of them is non-zero',
      'set maxUnavailable: 0 to surge (left out, it is 1), or drop maxSurge');
  }
}

export const rule = defineRule({
  id: 'rollout',
  source: 'api-server',
  severity: 'error',
  kinds: ['Deployment', 'StatefulSet', 'DaemonSet'],
  summary: 'a controller\'s rollout: strategy RollingUpdate, Recreate or OnDelete as its kind allows; maxSurge and maxUnavailable integers of 0 or more or percentages, not both 0 (maxUnavailable at most 100%; under a DaemonSet exactly one non-zero); minReadySeconds, revisionHistoryLimit and partition 0 or more; progressDeadlineSeconds above minReadySeconds; podManagementPolicy OrderedReady or Parallel',
  fix: 'use the strategy the kind allows (RollingUpdate or Recreate for a Deployment, RollingUpdate or OnDelete otherwise), with maxSurge and maxUnavailable integers of 0 or more or percentages, not both 0, and a progressDeadline longer than minReady',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/apps/validation.ValidateDeploymentSpec, ValidateStatefulSetSpec and ValidateDaemonSetSpec (their strategies)',
  check({ model, about }) {
    for (const object of objectsOfKind(model, 'Deployment', 'StatefulSet', 'DaemonSet')) {
      const r = about(object);
      const kind = object.builtinKind;
      const spec = record(object.raw.spec);
      nonNegative(r, 'spec.minReadySeconds', spec.minReadySeconds);
      nonNegative(r, 'spec.revisionHistoryLimit', spec.revisionHistoryLimit);
      if (kind === 'Deployment') {
        checkDeploymentStrategy(r, spec.strategy);
        const deadline = spec.progressDeadlineSeconds;
        if (deadline !== undefined && nonNegative(r, 'spec.progressDeadlineSeconds', deadline)) {
          const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
          if ((deadline as number) <= minReady) r.add('spec.progressDeadlineSeconds', deadline, `more than minReadySeconds (${minReady})`, 'lengthen the progress deadline');
        }
      } else if (kind === 'StatefulSet') {
        const policy = spec.podManagementPolicy;
        if (policy !== undefined && policy !== 'OrderedReady' && policy !== 'Parallel') r.add('spec.podManagementPolicy', policy, 'OrderedReady or Parallel');
        const strategy = spec.updateStrategy;
        if (strategy === undefined) continue;
        const s = record(strategy);
        if (!strategyType(r, 'spec.updateStrategy', s, ['RollingUpdate', 'OnDelete'])) continue;
        if (s.rollingUpdate === undefined) continue;
        if (s.type === 'OnDelete') r.add('spec.updateStrategy.rollingUpdate', s.rollingUpdate, 'no rollingUpdate under the OnDelete strategy');
        else nonNegative(r, 'spec.updateStrategy.rollingUpdate.partition', record(s.rollingUpdate).partition);
      } else {
        checkDaemonSetStrategy(r, spec.updateStrategy);
      }
    }
  },
});
