import { ValidationError } from './errors';

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
  /** A bare Pod (the default). */
  public static pod(): Workload {
    return new Workload(WorkloadKind.POD);
  }

  /** A Deployment of `replicas` interchangeable pods. */
  public static deployment(options: DeploymentOptions = {}): Workload {
    checkOptions('Workload.deployment()', options);
    return new Workload(WorkloadKind.DEPLOYMENT, options.replicas);
  }

  /** A StatefulSet of `replicas` pods with stable names, and its headless Service. */
  public static statefulSet(options: StatefulSetOptions = {}): Workload {
    checkOptions('Workload.statefulSet()', options);
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
  ) {}
}

function checkOptions(fn: string, options: unknown): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ValidationError([{ path: fn, field: 'options', value: options, allowed: 'an object of options' }]);
  }
}
