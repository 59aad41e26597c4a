import { ProblemCollector } from '../core/problems';
import * as rules from '../core/rules';
import { brand, hasBrand, isPlainObject } from '../core/util';

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
 * Options of {@link Workload.deployment}.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/
 */
export interface DeploymentOptions {
  /**
   * How many pods the Deployment keeps running.
   * @default 1 - Kubernetes' default (not written to the manifest)
   */
  readonly replicas?: number;
}

/**
 * Options of {@link Workload.statefulSet}.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/
 */
export interface StatefulSetOptions {
  /**
   * How many pods the StatefulSet keeps running.
   * @default 1 - Kubernetes' default (not written to the manifest)
   */
  readonly replicas?: number;
  /**
   * Name of the headless Service (`clusterIP: None`) that gives each pod its DNS name
   * (`<pod>.<serviceName>`). The pod construct writes that Service itself, before the StatefulSet.
   * @default - `<the StatefulSet's name>-headless`
   * @see https://kubernetes.io/docs/concepts/services-networking/service/#headless-services
   */
  readonly serviceName?: string;
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
    checkOptions('Workload.deployment()', options, false);
    return new Workload(WorkloadKind.DEPLOYMENT, options.replicas);
  }

  /** A StatefulSet of `replicas` pods with stable names, and its headless Service. */
  public static statefulSet(options: StatefulSetOptions = {}): Workload {
    checkOptions('Workload.statefulSet()', options, true);
    return new Workload(WorkloadKind.STATEFUL_SET, options.replicas, options.serviceName);
  }

  /**
   * A DaemonSet: one pod on every (schedulable) node.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/
   */
  public static daemonSet(): Workload {
    return new Workload(WorkloadKind.DAEMON_SET);
  }

  private constructor(
    /** The kind of object written. */
    public readonly kind: WorkloadKind,
    /** Replicas of a Deployment or StatefulSet, when set. */
    public readonly replicas?: number,
    /** The headless Service's name of a StatefulSet, when set. */
    public readonly serviceName?: string,
  ) {
    brand(this, 'Workload');
  }
}

/** Every mistake in a factory's options, reported together. */
function checkOptions(fn: string, options: StatefulSetOptions, headless: boolean): void {
  const problems = new ProblemCollector(fn);
  if (!isPlainObject(options)) {
    problems.add('props', 'options', options, 'an object of options');
    problems.throwIfAny();
  }
  if (options.replicas !== undefined) problems.check('replicas', 'replicas', options.replicas, rules.integer(options.replicas));
  if (headless && options.serviceName !== undefined) {
    problems.check('object-name', 'serviceName', options.serviceName, rules.dns1035Label(options.serviceName));
  }
  problems.throwIfAny();
}
