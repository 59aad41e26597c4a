import type * as k8s from '../imports/k8s';
import { ProblemCollector } from '../core/problems';
import { brand, definedOnly, hasBrand, isPlainObject } from '../core/util';
import { checkStringMap } from './prop-types';

/** How a toleration matches a taint's value. */
export enum TolerationOperator {
  /** The taint's value equals the toleration's (Kubernetes' default). */
  EQUAL = 'Equal',
  /** Any value (no `value` then); with no key, every taint. */
  EXISTS = 'Exists',
}

/** What a taint does to pods that do not tolerate it. */
export enum TaintEffect {
  /** New pods are not scheduled on the node. */
  NO_SCHEDULE = 'NoSchedule',
  /** The scheduler avoids the node when it can. */
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  /** Running pods are evicted too (after `tolerationSeconds`, if the pod tolerates it for a while). */
  NO_EXECUTE = 'NoExecute',
}

/**
 * A taint the pod tolerates.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
 */
export interface Toleration {
  /**
   * The taint's key (a label key).
   * @default - none: with `TolerationOperator.EXISTS`, every taint
   */
  readonly key?: string;
  /**
   * How the value is matched.
   * @default TolerationOperator.EQUAL - Kubernetes' default (not written)
   */
  readonly operator?: TolerationOperator;
  /**
   * The taint's value (a label value), with `TolerationOperator.EQUAL`.
   * @default - empty
   */
  readonly value?: string;
  /**
   * The taint effect tolerated.
   * @default - every effect
   */
  readonly effect?: TaintEffect;
  /**
   * With `TaintEffect.NO_EXECUTE` only: how long the pod stays on a node after the taint appears.
   * @default - forever
   */
  readonly tolerationSeconds?: number;
}

/** Operators of a label selector expression. */
export enum LabelOperator {
  /** The label's value is one of `values`. */
  IN = 'In',
  /** The label is missing or its value is none of `values`. */
  NOT_IN = 'NotIn',
  /** The label is present (no `values`). */
  EXISTS = 'Exists',
  /** The label is missing (no `values`). */
  DOES_NOT_EXIST = 'DoesNotExist',
}

/** One expression of a pod label selector. */
export interface LabelExpression {
  /** The label key. */
  readonly key: string;
  /** How the label is matched. */
  readonly operator: LabelOperator;
  /**
   * The values, for `IN` and `NOT_IN` (at least one); none for `EXISTS` and `DOES_NOT_EXIST`.
   * @default - none
   */
  readonly values?: readonly string[];
}

/**
 * Pods selected by their labels.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 */
export interface PodLabelSelector {
  /**
   * Labels the pods carry, all of them.
   * @default - none
   */
  readonly matchLabels?: { readonly [key: string]: string };
  /**
   * Expressions the pods' labels meet, all of them.
   * @default - none
   */
  readonly matchExpressions?: readonly LabelExpression[];
}

/** Operators of a node selector requirement. */
export enum NodeOperator {
  /** The label's value is one of `values`. */
  IN = 'In',
  /** The label is missing or its value is none of `values`. */
  NOT_IN = 'NotIn',
  /** The label is present. */
  EXISTS = 'Exists',
  /** The label is missing. */
  DOES_NOT_EXIST = 'DoesNotExist',
  /** The label's value, an integer, is greater than the one value. */
  GT = 'Gt',
  /** The label's value, an integer, is less than the one value. */
  LT = 'Lt',
}

/** A requirement on a node's labels. */
export interface NodeRequirement {
  /** The node label key (`topology.kubernetes.io/zone`, `kubernetes.io/arch`). */
  readonly key: string;
  /** How the label is matched. */
  readonly operator: NodeOperator;
  /**
   * The values: at least one for `IN`/`NOT_IN`, none for `EXISTS`/`DOES_NOT_EXIST`, exactly one
   * integer for `GT`/`LT`.
   * @default - none
   */
  readonly values?: readonly string[];
}

/** Whether a placement must hold or is preferred. */
export interface PlacementOptions {
  /**
   * With a weight (1–100) the placement is preferred: the scheduler adds the weight to the
   * score of each node that meets it. Without, it is required: pods wait unscheduled until a
   * node meets it.
   * @default - required
   */
  readonly weight?: number;
}

/** Options of a placement relative to other pods. */
export interface PodPlacementOptions extends PlacementOptions {
  /**
   * The node label that defines "together": the same node (`kubernetes.io/hostname`), the same
   * zone (`topology.kubernetes.io/zone`), ...
   * @default 'kubernetes.io/hostname' - the same node
   */
  readonly topologyKey?: string;
}

/** Where the other pods of a pod placement are: a pod construct, or pods by their labels. */
export interface PlacementPods {
  /** Their labels. */
  readonly selectorLabels: { readonly [key: string]: string };
}

const HOSTNAME = 'kubernetes.io/hostname';

/**
 * Where the scheduler puts the pods, by intent (as cdk8s-plus's `PodScheduling.attract`,
 * `colocate` and `separate`): on nodes with some labels, together with other pods, or apart
 * from them. Required by default, preferred with a `weight`.
 *
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#affinity-and-anti-affinity
 */
export class Placement {
  /** Whether `x` is a Placement of any copy of this package. */
  public static isPlacement(x: unknown): x is Placement {
    return hasBrand(x, 'Placement');
  }

  /**
   * On nodes whose labels meet every requirement (node affinity). Every required `attract` of a
   * pod must hold together.
   */
  public static attract(requirements: readonly NodeRequirement[], options: PlacementOptions = {}): Placement {
    const problems = new ProblemCollector('Placement.attract()');
    if (!Array.isArray(requirements) || requirements.length === 0 || !requirements.every(isPlainObject)) {
      problems.add('props', 'requirements', requirements, 'a non-empty array of { key, operator, values? }');
    } else {
      // (their keys, operators and values are written as given and judged at synth: rule affinity)
      requirements.forEach((req, i) => {
        if (typeof req.key !== 'string') problems.add('props', `requirements[${i}].key`, req.key, 'a node label key');
        if (typeof req.operator !== 'string') problems.add('props', `requirements[${i}].operator`, req.operator, 'a NodeOperator');
        if (req.values !== undefined && !(Array.isArray(req.values) && req.values.every(v => typeof v === 'string'))) {
          problems.add('props', `requirements[${i}].values`, req.values, 'an array of strings');
        }
      });
    }
    checkPlacementOptions(problems, options);
    problems.throwIfAny();
    return new Placement('node', options.weight, { requirements: requirements.map(r => ({ ...r, values: r.values ? [...r.values] : undefined })) });
  }

  /**
   * In the same topology domain (by default, on the same node) as pods already running there
   * (pod affinity): `pods` is a pod construct, or a label selector; none: the pod's own
   * replicas. The first pod of a required colocation with pods that do not exist yet waits
   * unless it matches itself.
   */
  public static colocate(pods?: PlacementPods | PodLabelSelector, options: PodPlacementOptions = {}): Placement {
    return Placement.relative('colocate', pods, options);
  }

  /**
   * In another topology domain (by default, on another node) than those pods (pod
   * anti-affinity): `pods` is a pod construct, or a label selector; none: the pod's own
   * replicas (one per node). A required separation from its own replicas leaves replicas
   * beyond the number of nodes unscheduled.
   */
  public static separate(pods?: PlacementPods | PodLabelSelector, options: PodPlacementOptions = {}): Placement {
    return Placement.relative('separate', pods, options);
  }

  private static relative(kind: 'colocate' | 'separate', pods: PlacementPods | PodLabelSelector | undefined, options: PodPlacementOptions): Placement {
    const problems = new ProblemCollector(`Placement.${kind}()`);
    let selector: PodLabelSelector | undefined;
    let namespace: string | undefined;
    if (pods === undefined) {
      selector = undefined;
    } else if (isPlainObject(selectorLabelsOf(pods))) {
      selector = { matchLabels: { ...(selectorLabelsOf(pods) as { [key: string]: string }) } };
      namespace = namespaceOf(pods);
    } else if (isPlainObject(pods) && Object.keys(pods).every(k => k === 'matchLabels' || k === 'matchExpressions') && Object.keys(pods).length > 0) {
      selector = pods;
      if (selector.matchExpressions !== undefined && !(Array.isArray(selector.matchExpressions) && selector.matchExpressions.every(isPlainObject))) {
        problems.add('props', 'pods.matchExpressions', selector.matchExpressions, 'an array of { key, operator, values? }');
      } else {
        // (the selector is written as given and judged at synth: rule affinity)
        checkSelectorShape(problems, 'pods', selector);
      }
    } else {
      problems.add('props', 'pods', pods, 'a pod construct (AppPod, NginxPod, ...), a label selector { matchLabels?, matchExpressions? }, or nothing for the pod\'s own replicas');
    }
    checkPlacementOptions(problems, options);
    if (isPlainObject(options) && options.topologyKey !== undefined && typeof options.topologyKey !== 'string') {
      problems.add('props', 'topologyKey', options.topologyKey, 'a node label key');
    }
    problems.throwIfAny();
    return new Placement(kind, options.weight, { selector, namespace, topologyKey: options.topologyKey ?? HOSTNAME });
  }

  private constructor(
    /** The intent. */
    public readonly kind: 'node' | 'colocate' | 'separate',
    /** The weight of a preferred placement; undefined when required. */
    public readonly weight: number | undefined,
    private readonly details: {
      readonly requirements?: readonly NodeRequirement[];
      readonly selector?: PodLabelSelector;
      readonly namespace?: string;
      readonly topologyKey?: string;
    },
  ) {
    brand(this, 'Placement');
  }

  /** @internal */
  public _nodeRequirements(): k8s.NodeSelectorRequirement[] {
    return (this.details.requirements ?? []).map(r => definedOnly({ key: r.key, operator: r.operator, values: r.values ? [...r.values] : undefined }));
  }

  /**
   * The pod affinity term, selecting `ownLabels` when the placement names no pods.
   * @internal
   */
  public _podAffinityTerm(ownLabels: { readonly [key: string]: string }): k8s.PodAffinityTerm {
    return definedOnly({
      labelSelector: renderSelector(this.details.selector ?? { matchLabels: ownLabels }),
      namespaces: this.details.namespace ? [this.details.namespace] : undefined,
      topologyKey: this.details.topologyKey!,
    });
  }
}

/** The labels of a pod construct (a getter of its class), or undefined for anything else. */
function selectorLabelsOf(pods: unknown): unknown {
  return pods !== null && typeof pods === 'object' ? (pods as { selectorLabels?: unknown }).selectorLabels : undefined;
}

/** The namespace of a pod construct (its object's), when it has one. */
function namespaceOf(pods: unknown): string | undefined {
  const apiObject = (pods as { apiObject?: { metadata?: { namespace?: unknown } } }).apiObject;
  const ns = apiObject?.metadata?.namespace;
  return typeof ns === 'string' ? ns : undefined;
}

function checkPlacementOptions(problems: ProblemCollector, options: unknown): void {
  if (!isPlainObject(options)) {
    problems.add('props', 'options', options, 'an object { weight?, topologyKey? }');
    return;
  }
  // (judged at synth: rule affinity)
  if (options.weight !== undefined && !(typeof options.weight === 'number' && Number.isFinite(options.weight))) {
    problems.add('props', 'weight', options.weight, 'a whole number from 1 to 100');
  }
}

function renderSelector(s: PodLabelSelector): k8s.LabelSelector {
  return definedOnly({
    matchLabels: s.matchLabels ? { ...s.matchLabels } : undefined,
    matchExpressions: s.matchExpressions ? s.matchExpressions.map(e => definedOnly({ key: e.key, operator: e.operator, values: e.values ? [...e.values] : undefined })) : undefined,
  });
}

/** What happens to a pod that would break a spread constraint. */
export enum WhenUnsatisfiable {
  /** It waits unscheduled (a hard constraint). */
  DO_NOT_SCHEDULE = 'DoNotSchedule',
  /** It is scheduled anyway, where the skew grows least (a soft constraint). */
  SCHEDULE_ANYWAY = 'ScheduleAnyway',
}

/**
 * How evenly the pods are spread across topology domains (nodes, zones).
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
 */
export interface TopologySpread {
  /** The node label whose values are the domains (`topology.kubernetes.io/zone`, `kubernetes.io/hostname`). */
  readonly topologyKey: string;
  /**
   * The most the number of matching pods may differ between two domains (at least 1).
   * @default 1 - as even as can be (written: the API requires it)
   */
  readonly maxSkew?: number;
  /**
   * A hard or a soft constraint.
   * @default WhenUnsatisfiable.DO_NOT_SCHEDULE - hard, as the API's own default would be (written: the API requires it)
   */
  readonly whenUnsatisfiable?: WhenUnsatisfiable;
  /**
   * The pods counted.
   * @default - the pod's own labels: its replicas
   */
  readonly labelSelector?: PodLabelSelector;
  /**
   * With `DO_NOT_SCHEDULE`: the number of domains counted even when fewer have nodes (so that
   * pods wait for new nodes in new zones instead of piling up).
   * @default - none
   */
  readonly minDomains?: number;
  /**
   * Label keys whose values, taken from the incoming pod, are added to the selector (e.g.
   * `pod-template-hash`: count only the pods of the same rollout).
   * @default - none
   */
  readonly matchLabelKeys?: readonly string[];
}

/**
 * Where and beside what a pod runs: the scheduling fields of {@link AppPodProps}.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/
 */
export interface PodSchedulingProps {
  /**
   * Labels a node must carry, all of them, to run the pod (e.g. `{ 'kubernetes.io/arch': 'arm64' }`).
   * @default - any node
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodeselector
   */
  readonly nodeSelector?: { readonly [key: string]: string };
  /**
   * Node affinity, pod affinity and anti-affinity by intent: `Placement.attract()`,
   * `Placement.colocate()`, `Placement.separate()`.
   * @default - none
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#affinity-and-anti-affinity
   */
  readonly placement?: readonly Placement[];
  /**
   * Taints the pod tolerates.
   * @default - none (the API server's admission adds the usual `not-ready`/`unreachable` ones)
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
   */
  readonly tolerations?: readonly Toleration[];
  /**
   * How the pods spread across nodes or zones (`topologySpreadConstraints`).
   * @default - none: the cluster's default spreading
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
   */
  readonly topologySpread?: readonly TopologySpread[];
  /**
   * The PriorityClass of the pod: its priority when the scheduler must preempt.
   * @default - the cluster's default PriorityClass, if it has one, else priority 0
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/
   */
  readonly priorityClassName?: string;
}

/**
 * Checks the scheduling props' shape (a JavaScript caller may pass anything): what cannot be
 * written. Their values are written as given and judged at synth (rules labels, tolerations,
 * affinity).
 * @internal
 */
export function checkSchedulingProps(problems: ProblemCollector, props: PodSchedulingProps): void {
  checkStringMap(problems, 'nodeSelector', props.nodeSelector, 'node label keys to values');
  // (priorityClassName is checked with the identity fields: the engine checks it there too)
  if (props.placement !== undefined) {
    if (!Array.isArray(props.placement)) problems.add('props', 'placement', props.placement, 'an array of Placement (Placement.attract(), .colocate(), .separate())');
    else props.placement.forEach((p, i) => { if (!Placement.isPlacement(p)) problems.add('props', `placement[${i}]`, p, 'a Placement (Placement.attract(), .colocate(), .separate())'); });
  }
  if (props.tolerations !== undefined) {
    if (!Array.isArray(props.tolerations) || !props.tolerations.every(isPlainObject)) {
      problems.add('props', 'tolerations', props.tolerations, 'an array of { key?, operator?, value?, effect?, tolerationSeconds? }');
    }
  }
  if (props.topologySpread !== undefined) {
    if (!Array.isArray(props.topologySpread) || !props.topologySpread.every(isPlainObject)) {
      problems.add('props', 'topologySpread', props.topologySpread, 'an array of { topologyKey, maxSkew?, whenUnsatisfiable?, ... }');
    } else if (!props.topologySpread.every(c => isSelector(c.labelSelector) && (c.matchLabelKeys === undefined || (Array.isArray(c.matchLabelKeys) && c.matchLabelKeys.every(k => typeof k === 'string'))))) {
      problems.add('props', 'topologySpread', props.topologySpread, 'constraints whose labelSelector is { matchLabels?, matchExpressions?: [...] } and matchLabelKeys an array of label keys');
    }
  }
}

/** Whether a label selector prop has the shape it renders from (or is absent). */
function isSelector(s: unknown): boolean {
  if (s === undefined) return true;
  if (!isPlainObject(s)) return false;
  return s.matchExpressions === undefined || (Array.isArray(s.matchExpressions) && s.matchExpressions.every(isPlainObject));
}

/** A label selector's shape: matchLabels an object of strings, matchExpressions objects. */
function checkSelectorShape(problems: ProblemCollector, field: string, selector: PodLabelSelector): void {
  checkStringMap(problems, `${field}.matchLabels`, selector.matchLabels, 'label keys to values');
  (selector.matchExpressions ?? []).forEach((e, i) => {
    if (e.values !== undefined && !(Array.isArray(e.values) && e.values.every(v => typeof v === 'string'))) {
      problems.add('props', `${field}.matchExpressions[${i}].values`, e.values, 'an array of strings');
    }
  });
}

/**
 * A copy of the scheduling props, so that changing the caller's arrays after construction
 * changes nothing (a Placement is immutable; the rest is plain data).
 * @internal
 */
export function copySchedulingProps(props: PodSchedulingProps): PodSchedulingProps {
  const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)) as T);
  return {
    nodeSelector: clone(props.nodeSelector),
    placement: props.placement ? [...props.placement] : undefined,
    tolerations: clone(props.tolerations),
    topologySpread: clone(props.topologySpread),
    priorityClassName: props.priorityClassName,
  };
}

/**
 * The scheduling fields of the pod spec, only those set.
 * @param ownLabels the pod's labels: the default selector of spread constraints and of placements that name no pods
 * @internal
 */
export function renderScheduling(props: PodSchedulingProps, ownLabels: { readonly [key: string]: string }): Partial<k8s.PodSpec> {
  const placements = props.placement ?? [];
  const required = (kind: string) => placements.filter(p => p.kind === kind && p.weight === undefined);
  const preferred = (kind: string) => placements.filter(p => p.kind === kind && p.weight !== undefined);
  const nodeRequired = required('node');
  const nodeAffinity = definedOnly({
    requiredDuringSchedulingIgnoredDuringExecution: nodeRequired.length > 0
      ? { nodeSelectorTerms: [{ matchExpressions: nodeRequired.flatMap(p => p._nodeRequirements()) }] } : undefined,
    preferredDuringSchedulingIgnoredDuringExecution: nonEmpty(preferred('node').map(p => ({ weight: p.weight!, preference: { matchExpressions: p._nodeRequirements() } }))),
  });
  const podTerms = (kind: string) => definedOnly({
    requiredDuringSchedulingIgnoredDuringExecution: nonEmpty(required(kind).map(p => p._podAffinityTerm(ownLabels))),
    preferredDuringSchedulingIgnoredDuringExecution: nonEmpty(preferred(kind).map(p => ({ weight: p.weight!, podAffinityTerm: p._podAffinityTerm(ownLabels) }))),
  });
  const affinity = definedOnly({
    nodeAffinity: nonEmptyObject(nodeAffinity),
    podAffinity: nonEmptyObject(podTerms('colocate')),
    podAntiAffinity: nonEmptyObject(podTerms('separate')),
  });
  return definedOnly({
    nodeSelector: props.nodeSelector ? { ...props.nodeSelector } : undefined,
    affinity: nonEmptyObject(affinity),
    tolerations: nonEmpty((props.tolerations ?? []).map(t => definedOnly({ ...t }))),
    topologySpreadConstraints: nonEmpty((props.topologySpread ?? []).map(c => definedOnly({
      maxSkew: c.maxSkew ?? 1,
      topologyKey: c.topologyKey,
      whenUnsatisfiable: c.whenUnsatisfiable ?? WhenUnsatisfiable.DO_NOT_SCHEDULE,
      labelSelector: renderSelector(c.labelSelector ?? { matchLabels: ownLabels }),
      minDomains: c.minDomains,
      matchLabelKeys: c.matchLabelKeys ? [...c.matchLabelKeys] : undefined,
    }))),
    priorityClassName: props.priorityClassName,
  });
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

function nonEmptyObject<T extends object>(o: T): T | undefined {
  return Object.keys(o).length > 0 ? o : undefined;
}
