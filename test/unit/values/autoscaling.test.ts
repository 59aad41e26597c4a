import { Duration } from 'cdk8s';
import { Autoscaling, ScalingMetric, ScalingPolicy, ScalingPolicySelect, ScalingResource } from '../../../src';
import { brief, problemsOf } from '../../util';

const spec = (a: Autoscaling) => JSON.parse(JSON.stringify(a._toKubeSpec(), (_k, v) => (v && typeof v === 'object' && 'value' in v && Object.keys(v).length === 1 ? v.value : v)));

describe('Autoscaling', () => {
  test('defaults: only maxReplicas is written (minReplicas 1, CPU at 80%, Kubernetes\' behavior)', () => {
    const a = Autoscaling.horizontal({ maxReplicas: 5 });
    expect(spec(a)).toEqual({ maxReplicas: 5 });
    expect(a.minReplicas).toBeUndefined();
    expect(a.metrics).toEqual([]);
  });

  test('every field it is given', () => {
    const a = Autoscaling.horizontal({
      minReplicas: 2, maxReplicas: 6,
      metrics: [ScalingMetric.cpuUtilization(70), ScalingMetric.memoryAverageValue('200Mi')],
      scaleUp: { policies: [ScalingPolicy.percent(100, Duration.seconds(30)), ScalingPolicy.pods(2, Duration.minutes(1))], selectPolicy: ScalingPolicySelect.MIN },
      scaleDown: { stabilizationWindow: Duration.minutes(10) },
    });
    expect(spec(a)).toEqual({
      minReplicas: 2, maxReplicas: 6,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '200Mi' } } },
      ],
      behavior: {
        scaleUp: { selectPolicy: 'Min', policies: [{ type: 'Percent', value: 100, periodSeconds: 30 }, { type: 'Pods', value: 2, periodSeconds: 60 }] },
        scaleDown: { stabilizationWindowSeconds: 600 },
      },
    });
  });

  test('fails on maxReplicas below minReplicas (the API server refuses it), and on 0 replicas', () => {
    expect(brief(problemsOf(() => Autoscaling.horizontal({ minReplicas: 4, maxReplicas: 3 })))).toEqual([{ rule: 'autoscaler', field: 'maxReplicas', value: 3 }]);
    expect(brief(problemsOf(() => Autoscaling.horizontal({ minReplicas: 0, maxReplicas: 0 })))).toEqual([
      { rule: 'autoscaler', field: 'minReplicas', value: 0 },
      { rule: 'autoscaler', field: 'maxReplicas', value: 0 },
    ]);
  });

  test('fails on a stabilization window above an hour, an unknown selectPolicy, a policy that is none, metrics of the wrong shape', () => {
    expect(brief(problemsOf(() => Autoscaling.horizontal({
      maxReplicas: 3, metrics: [{ cpu: 70 } as any],
      scaleDown: { stabilizationWindow: Duration.hours(2), selectPolicy: 'Most' as any, policies: [{ pods: 1 } as any] },
    })))).toEqual([
      { rule: 'props', field: 'metrics[0]', value: { cpu: 70 } },
      { rule: 'autoscaler', field: 'scaleDown.stabilizationWindow', value: '7200s' },
      { rule: 'autoscaler', field: 'scaleDown.selectPolicy', value: 'Most' },
      { rule: 'props', field: 'scaleDown.policies[0]', value: { pods: 1 } },
    ]);
  });

  test('fails on an empty list of policies (the API server refuses it), with the fix to leave it out', () => {
    const problems = problemsOf(() => Autoscaling.horizontal({ maxReplicas: 3, scaleUp: { policies: [] } }));
    expect(brief(problems)).toEqual([{ rule: 'autoscaler', field: 'scaleUp.policies', value: [] }]);
    expect(problems[0].fix).toMatch(/leave policies out/);
  });

  test('fails on options that are not an object', () => {
    expect(brief(problemsOf(() => Autoscaling.horizontal(undefined as any)))).toEqual([{ rule: 'props', field: 'options', value: undefined }]);
  });
});

describe('ScalingMetric', () => {
  test('utilizations and average values of CPU and memory', () => {
    expect(ScalingMetric.memoryUtilization(80).resource).toBe(ScalingResource.MEMORY);
    expect(ScalingMetric.memoryUtilization(80).isUtilization).toBe(true);
    expect(ScalingMetric.cpuAverageValue('500m').isUtilization).toBe(false);
    expect(ScalingMetric.cpuUtilization(150)._toKube().resource?.target.averageUtilization).toBe(150);
  });

  test('fails on a utilization below 1 and an average value that is not a positive quantity', () => {
    expect(brief(problemsOf(() => ScalingMetric.cpuUtilization(0)))).toEqual([{ rule: 'autoscaler', field: 'percent', value: 0 }]);
    expect(brief(problemsOf(() => ScalingMetric.memoryAverageValue('0')))).toEqual([{ rule: 'autoscaler', field: 'quantity', value: '0' }]);
    expect(brief(problemsOf(() => ScalingMetric.cpuAverageValue('lots')))).toEqual([{ rule: 'autoscaler', field: 'quantity', value: 'lots' }]);
  });
});

describe('ScalingPolicy', () => {
  test('fails on a value of 0, a period of 0 or above 30 minutes, a fractional period, no period', () => {
    expect(brief(problemsOf(() => ScalingPolicy.pods(0, Duration.seconds(0))))).toEqual([
      { rule: 'autoscaler', field: 'pods', value: 0 },
      { rule: 'autoscaler', field: 'period', value: '0s' },
    ]);
    expect(brief(problemsOf(() => ScalingPolicy.percent(10, Duration.minutes(31))))).toEqual([{ rule: 'autoscaler', field: 'period', value: '1860s' }]);
    expect(brief(problemsOf(() => ScalingPolicy.percent(10, Duration.millis(1500))))).toEqual([{ rule: 'autoscaler', field: 'period', value: '1.5s' }]);
    expect(brief(problemsOf(() => ScalingPolicy.pods(1, undefined as any)))).toEqual([{ rule: 'props', field: 'period', value: undefined }]);
  });
});
