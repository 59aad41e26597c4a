import { Duration, Testing } from 'cdk8s';
import { AppPod, Autoscaling, AutoscalingOptions, ScalingMetric, ScalingPolicy, ScalingPolicySelect, ScalingResource, Workload } from '../../../src';
import { brief, problemsOf, synthProblemsOf } from '../../util';

/** What the engine finds at synth in a Deployment autoscaled with these options (its container requests CPU and memory). */
const judged = (options: AutoscalingOptions) => {
  const chart = Testing.chart();
  new AppPod(chart, 'app', { containers: [{ name: 'c', image: 'nginx' }], workload: Workload.deployment({ autoscaling: Autoscaling.horizontal(options) }) });
  return brief(synthProblemsOf(chart));
};

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
    expect(judged({ minReplicas: 4, maxReplicas: 3 })).toEqual([{ rule: 'autoscaler', field: 'spec.maxReplicas', value: 3 }]);
    expect(judged({ minReplicas: 0, maxReplicas: 0 })).toEqual([
      { rule: 'autoscaler', field: 'spec.minReplicas', value: 0 },
      { rule: 'autoscaler', field: 'spec.maxReplicas', value: 0 },
    ]);
  });

  test('fails on a stabilization window above an hour, an unknown selectPolicy, a policy that is none, metrics of the wrong shape', () => {
    expect(brief(problemsOf(() => Autoscaling.horizontal({
      maxReplicas: 3, metrics: [{ cpu: 70 } as any], scaleDown: { policies: [{ pods: 1 } as any] },
    })))).toEqual([
      { rule: 'props', field: 'metrics[0]', value: { cpu: 70 } },
      { rule: 'props', field: 'scaleDown.policies[0]', value: { pods: 1 } },
    ]);
    expect(judged({ maxReplicas: 3, scaleDown: { stabilizationWindow: Duration.hours(2), selectPolicy: 'Most' as any } })).toEqual([
      { rule: 'autoscaler', field: 'spec.behavior.scaleDown.stabilizationWindowSeconds', value: 7200 },
      { rule: 'autoscaler', field: 'spec.behavior.scaleDown.selectPolicy', value: 'Most' },
    ]);
  });

  test('fails on an empty list of policies (the API server refuses it), with the fix to leave it out', () => {
    expect(judged({ maxReplicas: 3, scaleUp: { policies: [] } })).toEqual([{ rule: 'autoscaler', field: 'spec.behavior.scaleUp.policies', value: [] }]);
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
    const target = 'spec.metrics[0].resource.target';
    expect(judged({ maxReplicas: 3, metrics: [ScalingMetric.cpuUtilization(0)] })).toEqual([{ rule: 'autoscaler', field: `${target}.averageUtilization`, value: 0 }]);
    expect(judged({ maxReplicas: 3, metrics: [ScalingMetric.memoryAverageValue('0')] })).toEqual([{ rule: 'autoscaler', field: `${target}.averageValue`, value: '0' }]);
    expect(judged({ maxReplicas: 3, metrics: [ScalingMetric.cpuAverageValue('lots')] })).toEqual([{ rule: 'autoscaler', field: `${target}.averageValue`, value: 'lots' }]);
  });
});

describe('ScalingPolicy', () => {
  test('fails on a value of 0, a period of 0 or above 30 minutes, a fractional period, no period', () => {
    const policy = (p: ScalingPolicy) => judged({ maxReplicas: 3, scaleUp: { policies: [p] } });
    const at = 'spec.behavior.scaleUp.policies[0]';
    expect(policy(ScalingPolicy.pods(0, Duration.seconds(0)))).toEqual([
      { rule: 'autoscaler', field: `${at}.value`, value: 0 },
      { rule: 'autoscaler', field: `${at}.periodSeconds`, value: 0 },
    ]);
    expect(policy(ScalingPolicy.percent(10, Duration.minutes(31)))).toEqual([{ rule: 'autoscaler', field: `${at}.periodSeconds`, value: 1860 }]);
    expect(policy(ScalingPolicy.percent(10, Duration.millis(1500)))).toEqual([{ rule: 'autoscaler', field: `${at}.periodSeconds`, value: 1.5 }]);
    expect(brief(problemsOf(() => ScalingPolicy.pods(1, undefined as any)))).toEqual([{ rule: 'props', field: 'period', value: undefined }]);
  });
});
