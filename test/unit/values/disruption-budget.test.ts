import { Testing } from 'cdk8s';
import { AppPod, DisruptionBudget, Workload } from '../../../src';
import { brief, problemsOf, synthProblemsOf } from '../../util';

/** What the engine finds at synth in a Deployment of two replicas with this budget. */
const judged = (disruptionBudget: DisruptionBudget) => {
  const chart = Testing.chart();
  new AppPod(chart, 'app', { containers: [{ name: 'c', image: 'nginx' }], workload: Workload.deployment({ replicas: 2, disruptionBudget }) });
  return brief(synthProblemsOf(chart));
};

describe('DisruptionBudget', () => {
  test('minAvailable and maxUnavailable, as numbers or percentages', () => {
    expect([DisruptionBudget.minAvailable(2).field, DisruptionBudget.minAvailable(2).value]).toEqual(['minAvailable', 2]);
    expect([DisruptionBudget.maxUnavailable('25%').field, DisruptionBudget.maxUnavailable('25%').value]).toEqual(['maxUnavailable', '25%']);
    expect(DisruptionBudget.isDisruptionBudget(DisruptionBudget.maxUnavailable(1))).toBe(true);
    expect(DisruptionBudget.isDisruptionBudget({ field: 'minAvailable', value: 1 })).toBe(false);
  });

  test('0 and 100% are accepted (the API server does; the checks at synth say when it blocks every drain)', () => {
    expect(DisruptionBudget.maxUnavailable(0).value).toBe(0);
    expect(DisruptionBudget.minAvailable('100%').value).toBe('100%');
  });

  test('fails on a negative count, a percentage above 100% and a string that is no percentage', () => {
    expect(judged(DisruptionBudget.minAvailable(-1))).toEqual([{ rule: 'disruption-budget', field: 'spec.minAvailable', value: -1 }]);
    expect(judged(DisruptionBudget.maxUnavailable('101%'))).toEqual([{ rule: 'disruption-budget', field: 'spec.maxUnavailable', value: '101%' }]);
    expect(judged(DisruptionBudget.maxUnavailable('half' as any))).toEqual([{ rule: 'disruption-budget', field: 'spec.maxUnavailable', value: 'half' }]);
    expect(brief(problemsOf(() => DisruptionBudget.maxUnavailable(NaN)))).toEqual([{ rule: 'props', field: 'maxUnavailable', value: NaN }]);
  });
});
