import type { Duration } from 'cdk8s';
import * as k8s from '../imports/k8s';
import { ProblemCollector } from '../core/problems';
import { brand, hasBrand, isPlainObject } from '../core/util';
import { checkSeconds } from './rollout';

/** The resource a {@link ScalingMetric} measures. */
export enum ScalingResource {
  /** CPU. */
  CPU = 'cpu',
  /** Memory. */
  MEMORY = 'memory',
}

/**
 * What a HorizontalPodAutoscaler measures, averaged over the pods, and the value it keeps it
 * at. A utilization is a percentage of what the containers request: every container of the
 * pods then needs a request for that resource (the checks at synth report one without).
 * @see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#support-for-resource-metrics
 */
export class ScalingMetric {
  /** Whether `x` is a ScalingMetric of any copy of this package. */
  public static isScalingMetric(x: unknown): x is ScalingMetric {
    return hasBrand(x, 'ScalingMetric');
  }

  /** Average CPU use at `percent` of the containers' CPU requests (1 or more; above 100 is allowed). */
  public static cpuUtilization(percent: number): ScalingMetric {
    return ScalingMetric.utilization('ScalingMetric.cpuUtilization()', ScalingResource.CPU, percent);
  }

  /** Average memory use at `percent` of the containers' memory requests (1 or more). */
  public static memoryUtilization(percent: number): ScalingMetric {
    return ScalingMetric.utilization('ScalingMetric.memoryUtilization()', ScalingResource.MEMORY, percent);
  }

  /** Average CPU use per pod at `quantity` (`"200m"`, `"1"`): needs no requests. */
  public static cpuAverageValue(quantity: string): ScalingMetric {
    return ScalingMetric.averageValue('ScalingMetric.cpuAverageValue()', ScalingResource.CPU, quantity);
  }

  /** Average memory use per pod at `quantity` (`"256Mi"`): needs no requests. */
  public static memoryAverageValue(quantity: string): ScalingMetric {
    return ScalingMetric.averageValue('ScalingMetric.memoryAverageValue()', ScalingResource.MEMORY, quantity);
  }

  private static utilization(fn: string, resource: ScalingResource, percent: number): ScalingMetric {
    const problems = new ProblemCollector(fn);
    // (judged at synth: rule autoscaler)
    if (!isFiniteNumber(percent)) problems.add('props', 'percent', percent, 'a whole percentage, 1 or more');
    problems.throwIfAny();
    return new ScalingMetric(resource, { type: 'Utilization', averageUtilization: percent });
  }

  private static averageValue(fn: string, resource: ScalingResource, quantity: string): ScalingMetric {
    const problems = new ProblemCollector(fn);
    // (judged at synth: rule autoscaler)
    if (typeof quantity !== 'string') problems.add('props', 'quantity', quantity, `a quantity string (${resource === ScalingResource.CPU ? 'e.g. "200m" or "0.5"' : 'e.g. "256Mi"'})`);
    problems.throwIfAny();
    return new ScalingMetric(resource, { type: 'AverageValue', averageValue: quantity });
  }

  private constructor(
    /** The resource measured. */
    public readonly resource: ScalingResource,
    private readonly target: { readonly type: string; readonly averageUtilization?: number; readonly averageValue?: string },
  ) {
    brand(this, 'ScalingMetric');
  }

  /** Whether the target is a utilization (a percentage of the requests). */
  public get isUtilization(): boolean {
    return this.target.type === 'Utilization';
  }

  /**
   * The metric as autoscaling/v2 spells it.
   * @internal
   */
  public _toKube(): k8s.MetricSpecV2 {
    const { type, averageUtilization, averageValue } = this.target;
    const target: k8s.MetricTargetV2 = averageValue !== undefined
      ? { type, averageValue: k8s.Quantity.fromString(averageValue) }
      : { type, averageUtilization };
    return { type: 'Resource', resource: { name: this.resource, target } };
  }
}

/** Which of several scaling policies applies. */
export enum ScalingPolicySelect {
  /** The policy that allows the biggest change (Kubernetes' default). */
  MAX = 'Max',
  /** The policy that allows the smallest change. */
  MIN = 'Min',
  /** No scaling in this direction. */
  DISABLED = 'Disabled',
}

/**
 * How much an autoscaler may change the replicas within a period.
 * @see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#scaling-policies
 */
export class ScalingPolicy {
  /** Whether `x` is a ScalingPolicy of any copy of this package. */
  public static isScalingPolicy(x: unknown): x is ScalingPolicy {
    return hasBrand(x, 'ScalingPolicy');
  }

  /** At most `pods` pods (1 or more) per `period` (1 to 1800 seconds). */
  public static pods(pods: number, period: Duration): ScalingPolicy {
    return ScalingPolicy.of('ScalingPolicy.pods()', 'Pods', 'pods', pods, period);
  }

  /** At most `percent` % (1 or more) of the current replicas per `period` (1 to 1800 seconds). */
  public static percent(percent: number, period: Duration): ScalingPolicy {
    return ScalingPolicy.of('ScalingPolicy.percent()', 'Percent', 'percent', percent, period);
  }

  private static of(fn: string, type: string, field: string, value: number, period: Duration): ScalingPolicy {
    const problems = new ProblemCollector(fn);
    // (the value and the period are judged at synth: rule autoscaler)
    if (!isFiniteNumber(value)) problems.add('props', field, value, 'a whole number, 1 or more');
    const seconds = checkSeconds(problems, 'period', period);
    if (period === undefined) problems.add('props', 'period', period, 'a Duration from 1 to 1800 seconds, e.g. Duration.minutes(1)');
    problems.throwIfAny();
    return new ScalingPolicy(type, value, seconds!);
  }

  private constructor(
    /** `Pods` or `Percent`. */
    public readonly type: string,
    /** The number of pods, or the percentage. */
    public readonly value: number,
    /** The period, in seconds. */
    public readonly periodSeconds: number,
  ) {
    brand(this, 'ScalingPolicy');
  }
}

/**
 * How fast an autoscaler scales in one direction.
 * @see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#configurable-scaling-behavior
 */
export interface ScalingRules {
  /**
   * How long the autoscaler looks back before it scales (the highest recommendation within the
   * window for a scale-down, the lowest for a scale-up): damps flapping. 0 to 3600 seconds.
   * @default - Kubernetes' default (not written): 0 up, 5 minutes down
   */
  readonly stabilizationWindow?: Duration;
  /**
   * The most the replicas may change per period.
   * @default - Kubernetes' default (not written): up, 100% or 4 pods per 15 s (the larger);
   * down, 100% per 15 s
   */
  readonly policies?: readonly ScalingPolicy[];
  /**
   * Which policy applies when there are several, or `DISABLED` to never scale this way.
   * @default ScalingPolicySelect.MAX - Kubernetes' default (not written)
   */
  readonly selectPolicy?: ScalingPolicySelect;
}

/**
 * Options of {@link Autoscaling.horizontal}.
 * @see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
 */
export interface AutoscalingOptions {
  /**
   * The fewest replicas (1 or more).
   * @default 1 - Kubernetes' default (not written)
   */
  readonly minReplicas?: number;
  /** The most replicas (at least `minReplicas`). */
  readonly maxReplicas: number;
  /**
   * What to measure; with several, the autoscaler takes the largest replica count any asks for.
   * @default - Kubernetes' default (not written): CPU utilization at 80% of the requests
   */
  readonly metrics?: readonly ScalingMetric[];
  /**
   * How fast it scales up.
   * @default - Kubernetes' default (not written)
   */
  readonly scaleUp?: ScalingRules;
  /**
   * How fast it scales down.
   * @default - Kubernetes' default (not written)
   */
  readonly scaleDown?: ScalingRules;
}

/**
 * A HorizontalPodAutoscaler (`autoscaling/v2`) for a Deployment's or StatefulSet's pods: it
 * sets the replicas between `minReplicas` and `maxReplicas` from the metrics. Give it as the
 * `autoscaling` option of `Workload.deployment()` or `.statefulSet()`: the pod construct writes
 * it after the controller (named after it), and leaves `replicas` out of the controller so
 * that an apply does not reset what the autoscaler chose.
 *
 * @see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
 */
export class Autoscaling {
  /** Whether `x` is an Autoscaling of any copy of this package. */
  public static isAutoscaling(x: unknown): x is Autoscaling {
    return hasBrand(x, 'Autoscaling');
  }

  /** A HorizontalPodAutoscaler between `minReplicas` and `maxReplicas`. */
  public static horizontal(options: AutoscalingOptions): Autoscaling {
    const problems = new ProblemCollector('Autoscaling.horizontal()');
    if (!isPlainObject(options)) {
      problems.add('props', 'options', options, 'an object { maxReplicas, minReplicas?, metrics?, scaleUp?, scaleDown? }');
      problems.throwIfAny();
    }
    // (the counts are written as given and judged at synth: rule autoscaler; maxReplicas is required)
    const min = options.minReplicas;
    if (min !== undefined && !isFiniteNumber(min)) problems.add('props', 'minReplicas', min, 'a whole number of pods, 1 or more');
    if (!isFiniteNumber(options.maxReplicas)) problems.add('props', 'maxReplicas', options.maxReplicas, 'a whole number of pods, 1 or more');
    if (options.metrics !== undefined) {
      if (!Array.isArray(options.metrics)) problems.add('props', 'metrics', options.metrics, 'an array of ScalingMetric');
      else {
        options.metrics.forEach((m, i) => {
          if (!ScalingMetric.isScalingMetric(m)) problems.add('props', `metrics[${i}]`, m, 'a ScalingMetric, e.g. ScalingMetric.cpuUtilization(70)');
        });
      }
    }
    checkRules(problems, 'scaleUp', options.scaleUp);
    checkRules(problems, 'scaleDown', options.scaleDown);
    problems.throwIfAny();
    return new Autoscaling(options);
  }

  /** The fewest replicas, when set (Kubernetes' default is 1). */
  public readonly minReplicas?: number;
  /** The most replicas. */
  public readonly maxReplicas: number;
  /** The metrics (none: Kubernetes' default, CPU utilization at 80%). */
  public readonly metrics: readonly ScalingMetric[];
  private readonly scaleUp?: ScalingRules;
  private readonly scaleDown?: ScalingRules;

  private constructor(options: AutoscalingOptions) {
    this.minReplicas = options.minReplicas;
    this.maxReplicas = options.maxReplicas;
    this.metrics = [...options.metrics ?? []];
    this.scaleUp = options.scaleUp === undefined ? undefined : { ...options.scaleUp };
    this.scaleDown = options.scaleDown === undefined ? undefined : { ...options.scaleDown };
    brand(this, 'Autoscaling');
  }

  /**
   * The HorizontalPodAutoscaler's spec without its target, as autoscaling/v2 spells it; only
   * what was set.
   * @internal
   */
  public _toKubeSpec(): { [key: string]: unknown } {
    const spec: { [key: string]: unknown } = {};
    if (this.minReplicas !== undefined) spec.minReplicas = this.minReplicas;
    spec.maxReplicas = this.maxReplicas;
    if (this.metrics.length > 0) spec.metrics = this.metrics.map(m => m._toKube());
    const behavior: { [key: string]: unknown } = {};
    if (this.scaleUp !== undefined) behavior.scaleUp = rulesToKube(this.scaleUp);
    if (this.scaleDown !== undefined) behavior.scaleDown = rulesToKube(this.scaleDown);
    if (Object.keys(behavior).length > 0) spec.behavior = behavior;
    return spec;
  }
}

function rulesToKube(r: ScalingRules): { [key: string]: unknown } {
  const out: { [key: string]: unknown } = {};
  if (r.selectPolicy !== undefined) out.selectPolicy = r.selectPolicy;
  if (r.stabilizationWindow !== undefined) out.stabilizationWindowSeconds = r.stabilizationWindow.toSeconds({ integral: false });
  // (an empty list is written as given: the API server refuses it, rule autoscaler)
  if (r.policies !== undefined) {
    out.policies = r.policies.map(p => ({ type: p.type, value: p.value, periodSeconds: p.periodSeconds }));
  }
  return out;
}

function checkRules(problems: ProblemCollector, field: string, r: unknown): void {
  if (r === undefined) return;
  if (!isPlainObject(r)) {
    problems.add('props', field, r, 'an object { stabilizationWindow?, policies?, selectPolicy? }');
    return;
  }
  const rules_ = r as ScalingRules;
  // (the window, the select policy and an empty list of policies are judged at synth: rule autoscaler)
  checkSeconds(problems, `${field}.stabilizationWindow`, rules_.stabilizationWindow);
  if (rules_.selectPolicy !== undefined && typeof rules_.selectPolicy !== 'string') {
    problems.add('props', `${field}.selectPolicy`, rules_.selectPolicy, `one of ${Object.values(ScalingPolicySelect).join(', ')}`);
  }
  if (rules_.policies !== undefined) {
    if (!Array.isArray(rules_.policies)) problems.add('props', `${field}.policies`, rules_.policies, 'an array of ScalingPolicy');
    else {
      rules_.policies.forEach((p, i) => {
        if (!ScalingPolicy.isScalingPolicy(p)) problems.add('props', `${field}.policies[${i}]`, p, 'a ScalingPolicy, e.g. ScalingPolicy.pods(2, Duration.minutes(1))');
      });
    }
  }
}

/** A number cdk8s can write (no NaN or Infinity). */
function isFiniteNumber(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v);
}
