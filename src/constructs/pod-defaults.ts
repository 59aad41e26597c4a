import type { IConstruct } from 'constructs';
import { Construct } from 'constructs';
import { ProblemCollector } from '../core/problems';
import { definedOnly, isPlainObject } from '../core/util';
import type { ContainerResources } from '../values/container';
import { checkResources } from '../values/container';
import { checkRuntimeProps } from '../values/pod-runtime';
import { checkStringMap } from '../values/prop-types';
import type { Toleration } from '../values/scheduling';
import { checkSchedulingProps } from '../values/scheduling';
import { SecurityProfile } from '../values/security-profile';

/**
 * What a team sets once for every pod construct ({@link AppPod}, {@link NginxPod},
 * {@link FlaskPod}) below a scope: see {@link PodDefaults}.
 *
 * Precedence, field by field: a pod construct's own prop wins; else the nearest scope above it
 * that sets the field; else the construct's own default. How the levels combine:
 * - values (`securityProfile`, `resources`, `serviceAccountName`, `automountServiceAccountToken`,
 *   `priorityClassName`, `terminationGracePeriodSeconds`): the nearest one is used whole;
 * - maps (`labels`, `annotations`, `nodeSelector`): merged key by key, the nearer key winning,
 *   the construct's own keys over all;
 * - lists (`imagePullSecrets`, `tolerations`): the nearest list replaces the outer ones, and a
 *   construct's own list replaces the defaults (list them all where you override).
 * @see https://kubernetes.io/docs/concepts/workloads/pods/
 */
export interface PodDefaultsProps {
  /**
   * CPU and memory of every container that gives none: the main container of a preset, and
   * the containers and init containers of `AppPod`. The busybox helpers (`logSidecar`,
   * `writeFilesInit`) keep their own `HELPER_RESOURCES`.
   * @default - DEFAULT_RESOURCES: requests 50m CPU and 64Mi, limit 128Mi memory
   */
  readonly resources?: ContainerResources;
  /**
   * The security profile of every pod construct that names none.
   * @default - each construct's own default: `AppPod` SecurityProfile.NONE (no security context),
   * the presets (`NginxPod`, `FlaskPod`) SecurityProfile.AS_BUILT (their images as they were built,
   * with seccomp `RuntimeDefault`, no privilege escalation and unused capabilities dropped)
   */
  readonly securityProfile?: SecurityProfile;
  /**
   * Labels added to every pod (and its controller and pod template), beside its own. They
   * are never part of a selector: a Service, a NetworkPolicy or a controller selects the
   * construct's own `labels` only, so changing a default label never changes what selects
   * what (a Deployment's selector cannot change). A construct's own label of the same key wins.
   * @default - none
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/
   */
  readonly labels?: { readonly [key: string]: string };
  /**
   * Annotations added to every pod (its pod template under a controller), beside its own.
   * @default - none
   */
  readonly annotations?: { readonly [key: string]: string };
  /**
   * Pull secrets of every pod construct that gives none (`AppPodProps.imagePullSecrets`).
   * @default - none
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/pull-image-private-registry/
   */
  readonly imagePullSecrets?: readonly string[];
  /**
   * `automountServiceAccountToken` of every pod construct that sets none.
   * @default - each construct's own default: the presets write `false` (their images never call
   * the Kubernetes API) unless the pod names a `serviceAccountName`; `AppPod` writes nothing (the
   * ServiceAccount's setting), or `false` under a restricted profile when it names no
   * `serviceAccountName`
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
   */
  readonly automountServiceAccountToken?: boolean;
  /**
   * `serviceAccountName` of every pod construct that names none.
   * @default - not written: the namespace's `default` ServiceAccount
   */
  readonly serviceAccountName?: string;
  /**
   * `terminationGracePeriodSeconds` of every pod construct that sets none.
   * @default - not written: Kubernetes' 30 seconds
   */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * `priorityClassName` of every pod construct that names none.
   * @default - not written: the cluster's default priority
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/
   */
  readonly priorityClassName?: string;
  /**
   * A node selector merged under every pod construct's own.
   * @default - none
   */
  readonly nodeSelector?: { readonly [key: string]: string };
  /**
   * Tolerations of every pod construct that gives none.
   * @default - none
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
   */
  readonly tolerations?: readonly Toleration[];
}

const FIELDS = ['resources', 'securityProfile', 'labels', 'annotations', 'imagePullSecrets', 'automountServiceAccountToken',
  'serviceAccountName', 'terminationGracePeriodSeconds', 'priorityClassName', 'nodeSelector', 'tolerations'] as const;
const MAPS = ['labels', 'annotations', 'nodeSelector'] as const;

/**
 * Where a scope keeps its defaults: a property under a registered symbol, so that every copy of
 * this package in an app (a library that brings its own) reads the same defaults.
 */
const KEY = Symbol.for('cdk8s-pods-services.PodDefaults');
/** Where a pod construct marks that it read the defaults. */
const READ = Symbol.for('cdk8s-pods-services.PodDefaults.read');

type Holder = { [KEY]?: PodDefaultsProps; [READ]?: true };

/**
 * Defaults for every pod construct below a scope (an App, a Chart or any construct), set once:
 * `PodDefaults.set(app, { resources, securityProfile: SecurityProfile.RESTRICTED, labels: { team: 'shop' } })`.
 *
 * A pod construct reads them when it is made, from every scope above it (see
 * {@link PodDefaultsProps} for the precedence and how maps and lists combine). So set them
 * before the pods: setting defaults on a scope that already has a pod construct below it fails,
 * naming the pods, since they would not see the new defaults. Two sets on the same scope merge
 * (the second's fields win, its maps merge over the first's), so a platform preset and a team's
 * own defaults can both go on the App.
 */
export class PodDefaults {
  /**
   * Sets defaults for every pod construct made below `scope` from now on. Checks every field
   * as the pod constructs check their props, and fails with all problems in one error.
   */
  public static set(scope: IConstruct, defaults: PodDefaultsProps): void {
    setPodDefaults(scope, defaults, { name: 'PodDefaults', call: 'PodDefaults.set()', done: 'defaults set', fix: 'call PodDefaults.set() right after creating the scope, before its pods' });
  }

  /**
   * The defaults in force at `scope`: those of every scope from the root down to `scope`
   * itself, merged (the nearer winning). Empty when none is set.
   */
  public static of(scope: IConstruct): PodDefaultsProps {
    if (!Construct.isConstruct(scope)) {
      const problems = new ProblemCollector('PodDefaults.of()');
      problems.add('props', 'scope', scope, 'a construct (an App, a Chart or any construct below them)');
      problems.throwIfAny();
    }
    let merged: PodDefaultsProps = {};
    for (const s of scope.node.scopes) {
      const defaults = (s as Holder)[KEY];
      if (defaults !== undefined) merged = merge(merged, defaults);
    }
    return merged;
  }

  /**
   * The defaults a pod construct made in `scope` gets, and a mark on the construct that it read
   * them (a later {@link PodDefaults.set} above it fails).
   * @internal
   */
  public static _read(pod: IConstruct): PodDefaultsProps {
    (pod as Holder)[READ] = true;
    return pod.node.scope === undefined ? {} : PodDefaults.of(pod.node.scope);
  }

  private constructor() {}
}

/** Who sets defaults, for its problems: `PodDefaults.set`, or a platform's `applyTo`. @internal */
export interface DefaultsSetter {
  /** What the problems' path names after the scope's path: `PodDefaults`, `Platform.LOCAL`. */
  readonly name: string;
  /** The call, as the path of a problem without a scope: `PodDefaults.set()`. */
  readonly call: string;
  /** What it does, as the problem says it must come before the pods: `defaults set`, `Platform.LOCAL applied`. */
  readonly done: string;
  /** The fix when pod constructs exist already below the scope. */
  readonly fix: string;
}

/**
 * {@link PodDefaults.set}, its problems worded for `by`: checks the scope and every field, and
 * fails with all problems in one error before anything is set.
 * @internal
 */
export function setPodDefaults(scope: IConstruct, defaults: PodDefaultsProps, by: DefaultsSetter): void {
  if (!Construct.isConstruct(scope)) {
    const problems = new ProblemCollector(by.call);
    problems.add('props', 'scope', scope, 'a construct (an App, a Chart or any construct below them): the scope whose pod constructs get the defaults');
    if (!isPlainObject(defaults)) problems.add('props', 'defaults', defaults, 'an object of PodDefaultsProps');
    problems.throwIfAny();
  }
  const problems = new ProblemCollector(`${scope.node.path || '<app>'} (${by.name})`);
  if (!isPlainObject(defaults)) {
    problems.add('props', 'defaults', defaults, 'an object of PodDefaultsProps');
    problems.throwIfAny();
  }
  checkDefaults(problems, defaults);
  const made = scope.node.findAll().filter(c => (c as Holder)[READ] === true).map(c => c.node.path);
  if (made.length > 0) {
    problems.add('pod-defaults', 'scope', scope.node.path || '<app>',
      `${by.done} before any pod construct below the scope is made: ${made.join(', ')} exist already and would not get its defaults`, by.fix);
  }
  problems.throwIfAny();
  const holder = scope as Holder;
  holder[KEY] = merge(holder[KEY] ?? {}, copy(defaults));
}

/**
 * The props of a pod construct with the defaults of its scopes filled in: own props win, maps
 * merge under them, lists are replaced by the construct's own. `resources` is not a pod prop: the
 * pod construct gives it to its containers that have none.
 * @internal
 */
export function withDefaults<P extends object>(props: P, defaults: PodDefaultsProps): P {
  if (!isPlainObject(props)) return props;
  // (no default to fill in, the usual case: the props as they are, read and never written)
  if (!appliesTo(defaults)) return props;
  const own = props as { [key: string]: unknown };
  const out: { [key: string]: unknown } = { ...own };
  for (const f of FIELDS) {
    if (f === 'resources' || f === 'labels' || defaults[f] === undefined) continue;
    if ((MAPS as readonly string[]).includes(f)) {
      out[f] = own[f] === undefined ? { ...defaults[f] as object } : isPlainObject(own[f]) ? { ...defaults[f] as object, ...own[f] as object } : own[f];
    } else if (own[f] === undefined) {
      out[f] = defaults[f];
    }
  }
  return out as P;
}

/** Whether `defaults` has a field that {@link withDefaults} fills in. */
function appliesTo(defaults: PodDefaultsProps): boolean {
  for (const f of FIELDS) if (f !== 'resources' && f !== 'labels' && defaults[f] !== undefined) return true;
  return false;
}

/**
 * The props a preset builds on: its own props with the defaults at `scope` filled in (nothing
 * when `scope` is no construct: the pod reports that).
 * @internal
 */
export function presetWithDefaults<P extends object>(scope: unknown, props: P): P {
  const node = (scope as IConstruct | undefined)?.node;
  return node !== undefined && Array.isArray(node.scopes) ? withDefaults(props, PodDefaults.of(scope as IConstruct)) : props;
}

/** Two levels of defaults, the second nearer: its values win, its maps merge over the first's. */
function merge(outer: PodDefaultsProps, inner: PodDefaultsProps): PodDefaultsProps {
  const out: { [key: string]: unknown } = { ...outer };
  for (const f of FIELDS) {
    const v = inner[f];
    if (v === undefined) continue;
    out[f] = (MAPS as readonly string[]).includes(f) ? { ...(outer[f] as object | undefined), ...(v as object) } : v;
  }
  return out;
}

/** A copy of the plain data (a caller's later change of its arrays changes nothing); the profile kept as is. */
function copy(d: PodDefaultsProps): PodDefaultsProps {
  const data = JSON.parse(JSON.stringify({ ...d, securityProfile: undefined })) as PodDefaultsProps;
  return definedOnly({ ...data, securityProfile: d.securityProfile });
}

/** Every field checked as the pod constructs check their props; unknown fields reported. */
function checkDefaults(problems: ProblemCollector, d: PodDefaultsProps): void {
  for (const key of Object.keys(d)) {
    if (!(FIELDS as readonly string[]).includes(key)) problems.add('props', key, (d as { [k: string]: unknown })[key], `a field of PodDefaultsProps: ${FIELDS.join(', ')}`);
  }
  if (d.securityProfile !== undefined && !SecurityProfile.isSecurityProfile(d.securityProfile)) {
    problems.add('props', 'securityProfile', d.securityProfile, 'a SecurityProfile: SecurityProfile.NONE, SecurityProfile.AS_BUILT, SecurityProfile.RESTRICTED or SecurityProfile.restricted()');
  }
  checkResources(problems, 'resources', d.resources);
  // (the values are written into the pods under the scope, and judged there at synth)
  checkStringMap(problems, 'labels', d.labels, 'label keys to label values');
  checkStringMap(problems, 'annotations', d.annotations, 'annotation keys to string values');
  if (d.priorityClassName !== undefined && typeof d.priorityClassName !== 'string') {
    problems.add('props', 'priorityClassName', d.priorityClassName, 'a PriorityClass name');
  }
  checkRuntimeProps(problems, {
    imagePullSecrets: d.imagePullSecrets, automountServiceAccountToken: d.automountServiceAccountToken,
    serviceAccountName: d.serviceAccountName, terminationGracePeriodSeconds: d.terminationGracePeriodSeconds,
    priorityClassName: typeof d.priorityClassName === 'string' ? d.priorityClassName : undefined,
  } as Parameters<typeof checkRuntimeProps>[1]);
  checkSchedulingProps(problems, { nodeSelector: d.nodeSelector, tolerations: d.tolerations });
}
