import { ApiObject, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ExposedPort, Protocol } from './container';
import { ProblemCollector, ValidationError } from './errors';
import { definedOnly } from './util';
import * as rules from './validation/rules';

const k8s = kplus.k8s;

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

  /**
   * Writes the controller (id `Resource`) under the pod construct, and for a StatefulSet its
   * headless Service (id `Headless`: `clusterIP: None`, the pods' selector, every container
   * port), written before the StatefulSet. Not for a bare Pod.
   * @internal
   */
  public _render(scope: Construct, metadata: { name?: string; namespace?: string }, selector: kplus.k8s.LabelSelector,
    template: kplus.k8s.PodTemplateSpec, pods: PodsOfController): { controller: ApiObject; headlessService?: ApiObject } {
    const replicas = this.replicas;
    switch (this.kind) {
      case WorkloadKind.DEPLOYMENT:
        return { controller: new k8s.KubeDeployment(scope, 'Resource', { metadata, spec: { replicas, selector, template } }) };
      case WorkloadKind.STATEFUL_SET: {
        let service: ApiObject | undefined;
        const controller = new k8s.KubeStatefulSet(scope, 'Resource', {
          metadata,
          spec: { replicas, selector, template, serviceName: Lazy.any({ produce: () => service!.name }) as unknown as string },
        });
        checkStatefulSetName(scope, controller.name, metadata.name === undefined);
        service = this.headlessService(scope, controller.name, metadata.namespace, pods);
        controller.node.addDependency(service);
        return { controller, headlessService: service };
      }
      case WorkloadKind.DAEMON_SET:
        return { controller: new k8s.KubeDaemonSet(scope, 'Resource', { metadata, spec: { selector, template } }) };
      default:
        throw new Error(`a ${this.kind} has no controller`);
    }
  }

  private headlessService(scope: Construct, controllerName: string, namespace: string | undefined, pods: PodsOfController): ApiObject {
    const name = this.serviceName ?? `${controllerName}-headless`;
    const problems = new ProblemCollector(scope);
    problems.check('workload.serviceName', name, rules.dns1035Label(name),
      this.serviceName === undefined ? 'set Workload.statefulSet({ serviceName })' : undefined);
    problems.throwIfAny();
    return new k8s.KubeService(scope, 'Headless', {
      metadata: definedOnly({ name, namespace }),
      spec: Lazy.any({
        produce: () => ({ clusterIp: 'None', selector: pods.selectorLabels(), ports: headlessPorts(pods.exposedPorts()) }),
      }) as unknown as kplus.k8s.ServiceSpec,
    });
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

/**
 * A StatefulSet's pods are named `<name>-<ordinal>` and use that as their hostname (a DNS
 * label), and carry the label `controller-revision-hash: <name>-<10 characters>` (at most 63):
 * so the name is a DNS-1123 label of at most 52 characters.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#limitations
 */
function checkStatefulSetName(scope: Construct, name: string, generated: boolean): void {
  const problems = new ProblemCollector(scope);
  const label = rules.dns1123Label(name);
  problems.check('name', name, label === undefined && name.length <= 52 ? undefined
    : 'a StatefulSet name: a DNS-1123 label of at most 52 characters (its pods\' hostnames and controller-revision-hash labels derive from it)',
  generated ? 'set a shorter `name`: the generated one is too long' : undefined);
  problems.throwIfAny();
}

/** What a controller's headless Service reads from the pod construct, at synth. */
interface PodsOfController {
  readonly selectorLabels: () => { [key: string]: string };
  readonly exposedPorts: () => readonly ExposedPort[];
}

/**
 * One Service port per container port. Every port of a multi-port Service needs a name, unique
 * in the Service: an unnamed one gets `<protocol>-<number>`, unless a named port has it already.
 */
function headlessPorts(exposed: readonly ExposedPort[]): kplus.k8s.ServicePort[] | undefined {
  if (exposed.length === 0) return undefined;
  const taken = new Set(exposed.map(p => p.name).filter(n => n !== undefined));
  return exposed.map((p, i) => {
    let name = p.name;
    if (name === undefined && exposed.length > 1) {
      name = `${p.protocol.toLowerCase()}-${p.number}`;
      if (taken.has(name)) name = `${name}-${i}`;
      taken.add(name);
    }
    return definedOnly({
      name,
      port: p.number,
      targetPort: k8s.IntOrString.fromNumber(p.number),
      protocol: p.protocol === Protocol.TCP ? undefined : p.protocol,
    });
  });
}
