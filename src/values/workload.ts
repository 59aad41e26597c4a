import type { Duration } from 'cdk8s';
import { ProblemCollector } from '../core/problems';
import { brand, hasBrand, isPlainObject } from '../core/util';
import { Autoscaling } from './autoscaling';
import { DisruptionBudget } from './disruption-budget';
import { checkSeconds, DaemonSetUpdateStrategy, DeploymentStrategy, PodManagementPolicy, StatefulSetUpdateStrategy } from './rollout';
import { Volume } from './volume';

/** The kind of object that runs a pod construct's pods. */
export enum WorkloadKind {
  /** A bare Pod, as in the tutorial's first steps. */
  POD = 'Pod',
  /** A Deployment: interchangeable replicas, replaced when they die. */
  DEPLOYMENT = 'Deployment',
  /** A StatefulSet: replicas with stable names (`<name>-0`, `<name>-1`) and a headless Service. */
  STATEFUL_SET = 'StatefulSet',
  /** A DaemonSet: one pod on every node. */
  DAEMON_SET = 'DaemonSet',
}

/**
 * What a Deployment, StatefulSet and DaemonSet take alike.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/
 */
export interface ControllerOptions {
  /**
   * How long a new pod must be ready, without a container crashing, before it counts as
   * available (and the rollout moves on).
   * @default - Kubernetes' default (not written): 0, available as soon as it is ready
   */
  readonly minReady?: Duration;
  /**
   * How many old revisions (ReplicaSets, ControllerRevisions) are kept for a rollback.
   * @default 10 - Kubernetes' default (not written)
   */
  readonly revisionHistoryLimit?: number;
  /**
   * A PodDisruptionBudget for the pods: how many a node drain must leave running.
   * @default - for a replicated Deployment `DisruptionBudget.maxUnavailable(1)` (see
   * `DeploymentOptions.highAvailability`); else none: a drain may evict every pod at once
   * @see https://kubernetes.io/docs/concepts/workloads/pods/disruptions/
   */
  readonly disruptionBudget?: DisruptionBudget;
}

/**
 * Options of {@link Workload.deployment}.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/
 */
export interface DeploymentOptions extends ControllerOptions {
  /**
   * How many pods the Deployment keeps running. Not with `autoscaling`, which sets them.
   * @default 1 - Kubernetes' default (not written to the manifest)
   */
  readonly replicas?: number;
  /**
   * How the pods are replaced when the template changes.
   * @default DeploymentStrategy.rollingUpdate() - Kubernetes' default, 25% surge and 25% unavailable (not written)
   */
  readonly strategy?: DeploymentStrategy;
  /**
   * How long a rollout may go without progress before the Deployment reports it failed
   * (`Progressing=False`); longer than `minReady`.
   * @default - Kubernetes' default (not written): 600 seconds
   */
  readonly progressDeadline?: Duration;
  /**
   * A HorizontalPodAutoscaler that sets the replicas; `replicas` is then left out.
   * @default - none: `replicas` pods
   */
  readonly autoscaling?: Autoscaling;
  /**
   * For a replicated Deployment (2 replicas or more, or an autoscaler): spread its pods over
   * nodes and keep a node drain from taking them all at once. The pod template gets a
   * *preferred* pod anti-affinity against its own pods by node (`kubernetes.io/hostname`,
   * weight 100), unless the pod construct places pods apart itself; and, unless
   * `disruptionBudget` is given, a PodDisruptionBudget of `maxUnavailable: 1`. Preferred, so a
   * one-node cluster (minikube) still runs every replica; `maxUnavailable: 1`, so a drain always
   * proceeds, one pod at a time. kube-score asks replicated Deployments for both
   * (`deployment-has-host-podantiaffinity`, `deployment-has-poddisruptionbudget`).
   * `false`: neither (a single replica, or a Deployment that does not need them, gets neither anyway).
   * @default true - replicas on different nodes where possible, and drained one at a time
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity
   */
  readonly highAvailability?: boolean;
}

/**
 * Options of {@link Workload.statefulSet}.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/
 */
export interface StatefulSetOptions extends ControllerOptions {
  /**
   * How many pods the StatefulSet keeps running. Not with `autoscaling`, which sets them.
   * @default 1 - Kubernetes' default (not written to the manifest)
   */
  readonly replicas?: number;
  /**
   * Name of the headless Service (`clusterIP: None`) that gives each pod its DNS name
   * (`<pod>.<serviceName>`). The pod construct writes that Service itself, before the
   * StatefulSet, unless `headlessService` is false.
   * @default - `<the StatefulSet's name>-headless`; required with `headlessService: false`
   * @see https://kubernetes.io/docs/concepts/services-networking/service/#headless-services
   */
  readonly serviceName?: string;
  /**
   * Whether the pod construct writes the headless Service. `false` when you bring your own
   * (name it in `serviceName`).
   * @default true - the pods' DNS names need one, and most apps have none of their own
   */
  readonly headlessService?: boolean;
  /**
   * How the pods are started and stopped.
   * @default PodManagementPolicy.ORDERED_READY - Kubernetes' default (not written)
   */
  readonly podManagementPolicy?: PodManagementPolicy;
  /**
   * How the pods are replaced when the template changes.
   * @default StatefulSetUpdateStrategy.rollingUpdate() - Kubernetes' default (not written)
   */
  readonly updateStrategy?: StatefulSetUpdateStrategy;
  /**
   * Claim templates (`Volume.claimTemplate()`) to write whether or not a container mounts them
   * yet (say, for a container added later with `addContainer`): each pod gets its own
   * PersistentVolumeClaim from each, kept across restarts and rescheduling. Those the containers
   * mount are added automatically; a template no container mounts by synth fails there (rule
   * `volume-claim-templates`: a claim each pod gets and nothing uses).
   * @default - none beyond the mounted ones
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#volume-claim-templates
   */
  readonly volumeClaimTemplates?: readonly Volume[];
  /**
   * A HorizontalPodAutoscaler that sets the replicas; `replicas` is then left out.
   * @default - none: `replicas` pods
   */
  readonly autoscaling?: Autoscaling;
}

/**
 * Options of {@link Workload.daemonSet}.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/
 */
export interface DaemonSetOptions extends ControllerOptions {
  /**
   * How the pods are replaced when the template changes.
   * @default DaemonSetUpdateStrategy.rollingUpdate() - Kubernetes' default, one node at a time (not written)
   */
  readonly updateStrategy?: DaemonSetUpdateStrategy;
}

/** Everything a Workload carries, set by its factories. */
interface WorkloadSettings {
  readonly replicas?: number;
  readonly serviceName?: string;
  readonly headlessService?: boolean;
  readonly minReadySeconds?: number;
  readonly progressDeadlineSeconds?: number;
  readonly revisionHistoryLimit?: number;
  readonly strategy?: DeploymentStrategy;
  readonly podManagementPolicy?: PodManagementPolicy;
  readonly updateStrategy?: StatefulSetUpdateStrategy | DaemonSetUpdateStrategy;
  readonly volumeClaimTemplates?: readonly Volume[];
  readonly disruptionBudget?: DisruptionBudget;
  readonly autoscaling?: Autoscaling;
  readonly highAvailability?: boolean;
}

/**
 * What runs a pod construct's pods: the `workload` prop of {@link AppPod}, {@link NginxPod}
 * and {@link FlaskPod}. Pods are ephemeral; a controller keeps the wanted number running and
 * replaces those that die. Under a controller the construct's name is the controller's, and
 * the pods get generated names; a Service selects them exactly as it selects a bare Pod.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/
 */
export class Workload {
  /** Whether `x` is a Workload of any copy of this package. */
  public static isWorkload(x: unknown): x is Workload {
    return hasBrand(x, 'Workload');
  }

  /** A bare Pod (the default). */
  public static pod(): Workload {
    return new Workload(WorkloadKind.POD);
  }

  /** A Deployment of `replicas` interchangeable pods. */
  public static deployment(options: DeploymentOptions = {}): Workload {
    const problems = new ProblemCollector('Workload.deployment()');
    const common = checkCommon(problems, options);
    const o = options;
    checkReplicas(problems, o);
    if (o.strategy !== undefined && !DeploymentStrategy.isDeploymentStrategy(o.strategy)) {
      problems.add('props', 'strategy', o.strategy, 'a DeploymentStrategy: DeploymentStrategy.rollingUpdate() or .recreate()');
    }
    // (a deadline no longer than minReady: rule rollout, at synth)
    const progressDeadlineSeconds = checkSeconds(problems, 'progressDeadline', o.progressDeadline);
    if (o.highAvailability !== undefined && typeof o.highAvailability !== 'boolean') {
      problems.add('props', 'highAvailability', o.highAvailability, 'true or false', 'leave it out for the anti-affinity and budget of a replicated Deployment, or write highAvailability: false for neither');
    }
    problems.throwIfAny();
    return new Workload(WorkloadKind.DEPLOYMENT, {
      ...common, replicas: o.replicas, strategy: o.strategy, progressDeadlineSeconds, autoscaling: o.autoscaling, highAvailability: o.highAvailability,
    });
  }

  /** A StatefulSet of `replicas` pods with stable names, and its headless Service. */
  public static statefulSet(options: StatefulSetOptions = {}): Workload {
    const problems = new ProblemCollector('Workload.statefulSet()');
    const common = checkCommon(problems, options);
    const o = options;
    checkReplicas(problems, o);
    // (the name is written on the headless Service and judged at synth: rule object-name)
    if (o.serviceName !== undefined && typeof o.serviceName !== 'string') problems.add('props', 'serviceName', o.serviceName, 'a Service name');
    if (o.headlessService !== undefined && typeof o.headlessService !== 'boolean') problems.add('props', 'headlessService', o.headlessService, 'true or false');
    if (o.headlessService === false && o.serviceName === undefined) {
      problems.add('props', 'serviceName', undefined, 'the name of your own headless Service when headlessService is false: the pods\' DNS names come from it (the API marks serviceName required; 1.28\'s validation does not check it)',
        'set serviceName, or leave headlessService out to have it written');
    }
    if (o.podManagementPolicy !== undefined && typeof o.podManagementPolicy !== 'string') {
      problems.add('props', 'podManagementPolicy', o.podManagementPolicy, `one of ${Object.values(PodManagementPolicy).join(', ')}`);
    }
    if (o.updateStrategy !== undefined && !StatefulSetUpdateStrategy.isStatefulSetUpdateStrategy(o.updateStrategy)) {
      problems.add('props', 'updateStrategy', o.updateStrategy, 'a StatefulSetUpdateStrategy: StatefulSetUpdateStrategy.rollingUpdate() or .onDelete()');
    }
    if (o.volumeClaimTemplates !== undefined) {
      if (!Array.isArray(o.volumeClaimTemplates)) problems.add('props', 'volumeClaimTemplates', o.volumeClaimTemplates, 'an array of Volume.claimTemplate()');
      else {
        o.volumeClaimTemplates.forEach((v, i) => {
          if (!Volume.isVolume(v) || !v.isClaimTemplate) problems.add('props', `volumeClaimTemplates[${i}]`, v, 'a claim template: Volume.claimTemplate(name, { storage })');
        });
      }
    }
    problems.throwIfAny();
    return new Workload(WorkloadKind.STATEFUL_SET, {
      ...common, replicas: o.replicas, serviceName: o.serviceName, headlessService: o.headlessService,
      podManagementPolicy: o.podManagementPolicy, updateStrategy: o.updateStrategy,
      volumeClaimTemplates: o.volumeClaimTemplates, autoscaling: o.autoscaling,
    });
  }

  /**
   * A DaemonSet: one pod on every (schedulable) node.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/
   */
  public static daemonSet(options: DaemonSetOptions = {}): Workload {
    const problems = new ProblemCollector('Workload.daemonSet()');
    const common = checkCommon(problems, options);
    const o = options;
    // (options of the other controllers, from a JavaScript caller: one pod per node has no count to set)
    for (const f of ['replicas', 'autoscaling'] as const) {
      const v = (o as { [key: string]: unknown })[f];
      if (v !== undefined) problems.add('props', f, v, 'nothing: a DaemonSet runs one pod on every node, it has no replicas to set or scale', 'use Workload.deployment() for a number of pods');
    }
    if (o.updateStrategy !== undefined && !DaemonSetUpdateStrategy.isDaemonSetUpdateStrategy(o.updateStrategy)) {
      problems.add('props', 'updateStrategy', o.updateStrategy, 'a DaemonSetUpdateStrategy: DaemonSetUpdateStrategy.rollingUpdate() or .onDelete()');
    }
    problems.throwIfAny();
    return new Workload(WorkloadKind.DAEMON_SET, { ...common, updateStrategy: o.updateStrategy });
  }

  /** Replicas of a Deployment or StatefulSet, when set. */
  public readonly replicas?: number;
  /** The headless Service's name of a StatefulSet, when set. */
  public readonly serviceName?: string;
  /** Whether the pod construct writes a StatefulSet's headless Service (false: you bring your own). */
  public readonly headlessService: boolean;
  /** `minReadySeconds`, when set. */
  public readonly minReadySeconds?: number;
  /** `progressDeadlineSeconds` of a Deployment, when set. */
  public readonly progressDeadlineSeconds?: number;
  /** `revisionHistoryLimit`, when set. */
  public readonly revisionHistoryLimit?: number;
  /** A Deployment's strategy, when set. */
  public readonly strategy?: DeploymentStrategy;
  /** A StatefulSet's pod management policy, when set. */
  public readonly podManagementPolicy?: PodManagementPolicy;
  /** A StatefulSet's or DaemonSet's update strategy, when set. */
  public readonly updateStrategy?: StatefulSetUpdateStrategy | DaemonSetUpdateStrategy;
  /** A StatefulSet's claim templates beyond the mounted ones. */
  public readonly volumeClaimTemplates: readonly Volume[];
  /** The PodDisruptionBudget, when set. */
  public readonly disruptionBudget?: DisruptionBudget;
  /** The HorizontalPodAutoscaler, when set. */
  public readonly autoscaling?: Autoscaling;
  /**
   * Whether the pods are spread over nodes by a preferred anti-affinity and drained one at a
   * time (see {@link DeploymentOptions.highAvailability}): a Deployment of 2 replicas or more,
   * or with an autoscaler, unless `highAvailability: false`.
   */
  public readonly spreadsReplicas: boolean;

  private constructor(
    /** The kind of object written. */
    public readonly kind: WorkloadKind,
    settings: WorkloadSettings = {},
  ) {
    this.replicas = settings.replicas;
    this.serviceName = settings.serviceName;
    this.headlessService = settings.headlessService ?? true;
    this.minReadySeconds = settings.minReadySeconds;
    this.progressDeadlineSeconds = settings.progressDeadlineSeconds;
    this.revisionHistoryLimit = settings.revisionHistoryLimit;
    this.strategy = settings.strategy;
    this.podManagementPolicy = settings.podManagementPolicy;
    this.updateStrategy = settings.updateStrategy;
    this.volumeClaimTemplates = [...settings.volumeClaimTemplates ?? []];
    this.disruptionBudget = settings.disruptionBudget;
    this.autoscaling = settings.autoscaling;
    this.spreadsReplicas = kind === WorkloadKind.DEPLOYMENT && settings.highAvailability !== false
      && (settings.autoscaling !== undefined || (typeof settings.replicas === 'number' && settings.replicas >= 2));
    brand(this, 'Workload');
  }
}

/** The options every controller takes; throws at once when `options` is no object. */
function checkCommon(problems: ProblemCollector, options: unknown): Pick<WorkloadSettings, 'minReadySeconds' | 'revisionHistoryLimit' | 'disruptionBudget'> {
  if (!isPlainObject(options)) {
    problems.add('props', 'options', options, 'an object of options');
    problems.throwIfAny();
  }
  const o = options as ControllerOptions;
  // (the values are written as given and judged at synth: rule rollout)
  const minReadySeconds = checkSeconds(problems, 'minReady', o.minReady);
  if (o.revisionHistoryLimit !== undefined && !isFiniteNumber(o.revisionHistoryLimit)) problems.add('props', 'revisionHistoryLimit', o.revisionHistoryLimit, 'a whole number');
  if (o.disruptionBudget !== undefined && !DisruptionBudget.isDisruptionBudget(o.disruptionBudget)) {
    problems.add('props', 'disruptionBudget', o.disruptionBudget, 'a DisruptionBudget: DisruptionBudget.minAvailable() or .maxUnavailable()');
  }
  return { minReadySeconds, revisionHistoryLimit: o.revisionHistoryLimit, disruptionBudget: o.disruptionBudget };
}

/**
 * `replicas` and `autoscaling` that can be written. Their values are judged at synth (rule
 * replicas; rule autoscaled-replicas for replicas beside an autoscaler, which the controller
 * writes as given so that the engine sees them).
 */
function checkReplicas(problems: ProblemCollector, o: DeploymentOptions | StatefulSetOptions): void {
  if (o.replicas !== undefined && !isFiniteNumber(o.replicas)) problems.add('props', 'replicas', o.replicas, 'a whole number of pods');
  if (o.autoscaling !== undefined && !Autoscaling.isAutoscaling(o.autoscaling)) {
    problems.add('props', 'autoscaling', o.autoscaling, 'an Autoscaling: Autoscaling.horizontal({ maxReplicas, ... })');
  }
}

/** A number cdk8s can write (no NaN or Infinity). */
function isFiniteNumber(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v);
}
