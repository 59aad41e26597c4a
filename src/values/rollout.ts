import { Duration } from 'cdk8s';
import * as k8s from '../imports/k8s';
import { ProblemCollector } from '../core/problems';
import * as rules from '../core/validators';
import { brand, hasBrand, isPlainObject } from '../core/util';

/**
 * A count of pods, or a percentage of the wanted replicas (`"25%"`): what `maxSurge`,
 * `maxUnavailable` and `minAvailable` take.
 */
export type IntOrPercent = number | `${number}%`;

/**
 * Options of {@link DeploymentStrategy.rollingUpdate}.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-update-deployment
 */
export interface RollingUpdateOptions {
  /**
   * How many pods may run above the wanted replicas during a rollout. Not 0 when
   * `maxUnavailable` is 0: the rollout could not start.
   * @default "25%" - Kubernetes' default (not written to the manifest)
   */
  readonly maxSurge?: IntOrPercent;
  /**
   * How many of the wanted replicas may be unavailable during a rollout (at most 100%).
   * @default "25%" - Kubernetes' default (not written to the manifest)
   */
  readonly maxUnavailable?: IntOrPercent;
}

/** The strategy types of a Deployment. */
enum DeploymentStrategyType {
  ROLLING_UPDATE = 'RollingUpdate',
  RECREATE = 'Recreate',
}

/**
 * How a Deployment replaces its pods when the pod template changes: a rolling update (new pods
 * come up as old ones go), or recreate (every old pod goes before any new one starts).
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy
 */
export class DeploymentStrategy {
  /** Whether `x` is a DeploymentStrategy of any copy of this package. */
  public static isDeploymentStrategy(x: unknown): x is DeploymentStrategy {
    return hasBrand(x, 'DeploymentStrategy');
  }

  /** Replace pods a few at a time: never more than `maxSurge` extra, never more than `maxUnavailable` missing. */
  public static rollingUpdate(options: RollingUpdateOptions = {}): DeploymentStrategy {
    const problems = new ProblemCollector('DeploymentStrategy.rollingUpdate()');
    checkSurgeAndUnavailable(problems, options);
    problems.throwIfAny();
    return new DeploymentStrategy(DeploymentStrategyType.ROLLING_UPDATE, { maxSurge: options.maxSurge, maxUnavailable: options.maxUnavailable });
  }

  /** Stop every old pod before the new ones start: a gap in service, but never two versions at once. */
  public static recreate(): DeploymentStrategy {
    return new DeploymentStrategy(DeploymentStrategyType.RECREATE);
  }

  private constructor(
    /** `RollingUpdate` or `Recreate`. */
    public readonly type: string,
    private readonly rollingUpdate?: RollingUpdateOptions,
  ) {
    brand(this, 'DeploymentStrategy');
  }

  /**
   * `spec.strategy` as the Kubernetes API spells it; only what was set.
   * @internal
   */
  public _toKube(): { type: string; rollingUpdate?: KubeRollingUpdate } {
    return { type: this.type, ...rollingUpdateOf(this.rollingUpdate) };
  }
}

/**
 * Options of {@link StatefulSetUpdateStrategy.rollingUpdate}.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#partitions
 */
export interface StatefulSetRollingUpdateOptions {
  /**
   * Only pods with an ordinal of at least `partition` are updated; the others keep the old
   * template (a canary, or a staged rollout).
   * @default 0 - Kubernetes' default (not written): every pod is updated
   */
  readonly partition?: number;
}

/**
 * How a StatefulSet replaces its pods when the pod template changes: a rolling update, from the
 * highest ordinal down, or only when you delete a pod yourself.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#update-strategies
 */
export class StatefulSetUpdateStrategy {
  /** Whether `x` is a StatefulSetUpdateStrategy of any copy of this package. */
  public static isStatefulSetUpdateStrategy(x: unknown): x is StatefulSetUpdateStrategy {
    return hasBrand(x, 'StatefulSetUpdateStrategy');
  }

  /** Replace the pods one at a time, from the highest ordinal down to `partition`. */
  public static rollingUpdate(options: StatefulSetRollingUpdateOptions = {}): StatefulSetUpdateStrategy {
    const problems = new ProblemCollector('StatefulSetUpdateStrategy.rollingUpdate()');
    if (!isPlainObject(options)) problems.add('props', 'options', options, 'an object { partition? }');
    // (judged at synth: rule rollout)
    else if (options.partition !== undefined && !isFiniteNumber(options.partition)) problems.add('props', 'partition', options.partition, 'a whole number');
    problems.throwIfAny();
    return new StatefulSetUpdateStrategy('RollingUpdate', options.partition);
  }

  /** Replace a pod only when it is deleted (by hand, or by a node going away). */
  public static onDelete(): StatefulSetUpdateStrategy {
    return new StatefulSetUpdateStrategy('OnDelete');
  }

  private constructor(
    /** `RollingUpdate` or `OnDelete`. */
    public readonly type: string,
    /** The partition of a rolling update, when set. */
    public readonly partition?: number,
  ) {
    brand(this, 'StatefulSetUpdateStrategy');
  }

  /**
   * `spec.updateStrategy` as the Kubernetes API spells it.
   * @internal
   */
  public _toKube(): { type: string; rollingUpdate?: { partition: number } } {
    return this.partition === undefined ? { type: this.type } : { type: this.type, rollingUpdate: { partition: this.partition } };
  }
}

/**
 * Options of {@link DaemonSetUpdateStrategy.rollingUpdate}: exactly one of the two is non-zero.
 * @see https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/
 */
export interface DaemonSetRollingUpdateOptions {
  /**
   * How many nodes may run a new pod next to the old one during a rollout (at most 100%).
   * Only when `maxUnavailable` is 0.
   * @default 0 - Kubernetes' default (not written)
   */
  readonly maxSurge?: IntOrPercent;
  /**
   * How many nodes may be without a ready pod during a rollout (at most 100%).
   * @default 1 - Kubernetes' default (not written); 0 when `maxSurge` is set
   */
  readonly maxUnavailable?: IntOrPercent;
}

/**
 * How a DaemonSet replaces its pods when the pod template changes: a rolling update, node by
 * node, or only when you delete a pod yourself.
 * @see https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/
 */
export class DaemonSetUpdateStrategy {
  /** Whether `x` is a DaemonSetUpdateStrategy of any copy of this package. */
  public static isDaemonSetUpdateStrategy(x: unknown): x is DaemonSetUpdateStrategy {
    return hasBrand(x, 'DaemonSetUpdateStrategy');
  }

  /**
   * Replace the pods node by node. With `maxSurge` (and `maxUnavailable` left out, it is then
   * written as 0), the new pod starts before the old one stops.
   */
  public static rollingUpdate(options: DaemonSetRollingUpdateOptions = {}): DaemonSetUpdateStrategy {
    const problems = new ProblemCollector('DaemonSetUpdateStrategy.rollingUpdate()');
    checkSurgeAndUnavailable(problems, options);
    problems.throwIfAny();
    // With a surge, the default maxUnavailable (1) would make both non-zero: write the 0 it must be.
    const surge = rules.intOrPercentValue(options.maxSurge) ?? 0;
    const maxUnavailable = options.maxUnavailable ?? (surge !== 0 ? 0 : undefined);
    return new DaemonSetUpdateStrategy('RollingUpdate', { maxSurge: options.maxSurge, maxUnavailable });
  }

  /** Replace a pod only when it is deleted. */
  public static onDelete(): DaemonSetUpdateStrategy {
    return new DaemonSetUpdateStrategy('OnDelete');
  }

  private constructor(
    /** `RollingUpdate` or `OnDelete`. */
    public readonly type: string,
    private readonly rollingUpdate?: DaemonSetRollingUpdateOptions,
  ) {
    brand(this, 'DaemonSetUpdateStrategy');
  }

  /**
   * `spec.updateStrategy` as the Kubernetes API spells it.
   * @internal
   */
  public _toKube(): { type: string; rollingUpdate?: KubeRollingUpdate } {
    return { type: this.type, ...rollingUpdateOf(this.rollingUpdate) };
  }
}

/** How a StatefulSet starts and stops its pods. */
export enum PodManagementPolicy {
  /** One at a time, in ordinal order, each ready before the next starts (Kubernetes' default). */
  ORDERED_READY = 'OrderedReady',
  /** All at once, in no order. */
  PARALLEL = 'Parallel',
}

/** A rolling update's bounds as cdk8s writes them (`IntOrString`); only those set. */
function rollingUpdateOf(options: { maxSurge?: IntOrPercent; maxUnavailable?: IntOrPercent } | undefined): { rollingUpdate?: KubeRollingUpdate } {
  if (options === undefined || (options.maxSurge === undefined && options.maxUnavailable === undefined)) return {};
  const rollingUpdate: { maxSurge?: k8s.IntOrString; maxUnavailable?: k8s.IntOrString } = {};
  if (options.maxSurge !== undefined) rollingUpdate.maxSurge = intOrString(options.maxSurge);
  if (options.maxUnavailable !== undefined) rollingUpdate.maxUnavailable = intOrString(options.maxUnavailable);
  return { rollingUpdate };
}

/** An int-or-percent as cdk8s writes it. @internal */
export function intOrString(value: IntOrPercent): k8s.IntOrString {
  return typeof value === 'number' ? k8s.IntOrString.fromNumber(value) : k8s.IntOrString.fromString(value);
}

/** `rollingUpdate` of a Deployment or DaemonSet, as cdk8s takes it. */
type KubeRollingUpdate = { readonly maxSurge?: k8s.IntOrString; readonly maxUnavailable?: k8s.IntOrString };

/**
 * The API server's rules for a rolling update (pkg/apis/apps/validation): a Deployment refuses
 * both at 0 (maxUnavailable at most 100%), a DaemonSet wants exactly one non-zero (both at most
 * 100%). Left out, they are Kubernetes' defaults: 25%/25%, and 0/1 for a DaemonSet.
 */
function checkSurgeAndUnavailable(problems: ProblemCollector, options: unknown): void {
  if (!isPlainObject(options)) {
    problems.add('props', 'options', options, 'an object { maxSurge?, maxUnavailable? }');
    return;
  }
  // (their values, and the two together, are written as given and judged at synth: rule rollout)
  for (const key of ['maxSurge', 'maxUnavailable'] as const) {
    const v = options[key];
    if (v !== undefined && !isFiniteNumber(v) && typeof v !== 'string') problems.add('props', key, v, 'a number of pods or a percentage ("25%")');
  }
}

/** A number cdk8s can write (no NaN or Infinity). */
function isFiniteNumber(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * Seconds of a `Duration` option, written as given (whole or not: judged at synth, rules rollout
 * and autoscaler); a problem when it is no Duration. @internal
 */
export function checkSeconds(problems: ProblemCollector, field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (!isDuration(value)) {
    problems.add('props', field, value, 'a Duration, e.g. Duration.seconds(10)');
    return undefined;
  }
  return value.toSeconds({ integral: false });
}

function isDuration(x: unknown): x is Duration {
  return x instanceof Duration || (isPlainObject(x) && typeof (x as { toSeconds?: unknown }).toSeconds === 'function');
}
