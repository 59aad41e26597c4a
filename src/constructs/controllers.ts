/**
 * The controllers a pod construct writes under a `workload`: a Deployment, a StatefulSet and
 * its headless Service, or a DaemonSet.
 */
import { ApiObject, Lazy } from 'cdk8s';
import * as k8s from '../imports/k8s';
import { Construct } from 'constructs';
import { ProblemCollector } from '../core/problems';
import * as rules from '../core/rules';
import { definedOnly } from '../core/util';
import { ExposedPort, Protocol } from '../values/container';
import { Volume } from '../values/volume';
import { Workload, WorkloadKind } from '../values/workload';
import { renderAutoscaler, renderDisruptionBudget } from './budget-and-autoscaler';


/** The workloads that are controllers (every kind but a bare Pod). */
export type ControllerKind = Exclude<WorkloadKind, WorkloadKind.POD>;

/** What a controller's headless Service reads from the pod construct, at synth. */
export interface PodsOfController {
  /** The pods' labels. */
  readonly selectorLabels: () => { [key: string]: string };
  /** The pods' container ports. */
  readonly exposedPorts: () => readonly ExposedPort[];
  /** The claim templates the pods mount, and those they have unmounted, in order. */
  readonly claimTemplates: () => readonly Volume[];
}

/** The objects {@link renderController} writes. */
export interface RenderedController {
  /** The controller. */
  readonly controller: ApiObject;
  /** A StatefulSet's headless Service, when written. */
  readonly headlessService?: ApiObject;
  /** The PodDisruptionBudget, when asked for. */
  readonly disruptionBudget?: ApiObject;
  /** The HorizontalPodAutoscaler, when asked for. */
  readonly autoscaler?: ApiObject;
}

/**
 * Writes the controller (id `Resource`) under the pod construct, and for a StatefulSet its
 * headless Service (id `Headless`: `clusterIP: None`, the pods' selector, every container port),
 * written before the StatefulSet unless the user brings their own; then the PodDisruptionBudget
 * and the HorizontalPodAutoscaler the workload asks for, after it. Not for a bare Pod. The names
 * it derives are checked into `problems`, which the pod construct reports with the rest.
 */
export function renderController(scope: Construct, kind: ControllerKind, workload: Workload, metadata: { name?: string; namespace?: string },
  selector: k8s.LabelSelector, template: k8s.PodTemplateSpec, pods: PodsOfController, problems: ProblemCollector): RenderedController {
  // An autoscaled controller leaves its replicas to the autoscaler.
  const replicas = workload.autoscaling === undefined ? workload.replicas : undefined;
  const common = { minReadySeconds: workload.minReadySeconds, revisionHistoryLimit: workload.revisionHistoryLimit };
  let rendered: { controller: ApiObject; headlessService?: ApiObject };
  switch (kind) {
    case WorkloadKind.DEPLOYMENT:
      rendered = {
        controller: new k8s.KubeDeployment(scope, 'Resource', {
          metadata,
          spec: definedOnly({
            replicas, selector, template, ...common, strategy: workload.strategy?._toKube() as k8s.DeploymentStrategy | undefined,
            progressDeadlineSeconds: workload.progressDeadlineSeconds,
          }),
        }),
      };
      break;
    case WorkloadKind.STATEFUL_SET:
      rendered = renderStatefulSet(scope, workload, metadata, replicas, selector, template, pods, problems);
      break;
    case WorkloadKind.DAEMON_SET:
      rendered = {
        controller: new k8s.KubeDaemonSet(scope, 'Resource', {
          metadata,
          spec: definedOnly({ selector, template, ...common, updateStrategy: workload.updateStrategy?._toKube() as k8s.DaemonSetUpdateStrategy | undefined }),
        }),
      };
      break;
  }
  const { controller } = rendered;
  const disruptionBudget = workload.disruptionBudget && renderDisruptionBudget(scope, controller, workload.disruptionBudget, pods.selectorLabels);
  const autoscaler = workload.autoscaling && renderAutoscaler(scope, controller, workload.autoscaling);
  return definedOnly({ ...rendered, disruptionBudget, autoscaler });
}

function renderStatefulSet(scope: Construct, workload: Workload, metadata: { name?: string; namespace?: string }, replicas: number | undefined,
  selector: k8s.LabelSelector, template: k8s.PodTemplateSpec, pods: PodsOfController, problems: ProblemCollector):
  { controller: ApiObject; headlessService?: ApiObject } {
  // The StatefulSet names its headless Service, whose default name derives from the StatefulSet's.
  const headless: { name?: string } = {};
  const claims = Lazy.any({
    produce: () => {
      const templates = [...new Set([...pods.claimTemplates(), ...workload.volumeClaimTemplates])];
      return templates.length > 0 ? templates.map(v => v._toClaimTemplate()) : undefined;
    },
  }) as unknown as k8s.KubePersistentVolumeClaimProps[];
  const controller = new k8s.KubeStatefulSet(scope, 'Resource', {
    metadata,
    spec: definedOnly({
      replicas, selector, template,
      serviceName: Lazy.any({ produce: () => headless.name }) as unknown as string,
      minReadySeconds: workload.minReadySeconds,
      revisionHistoryLimit: workload.revisionHistoryLimit,
      podManagementPolicy: workload.podManagementPolicy,
      updateStrategy: workload.updateStrategy?._toKube() as k8s.StatefulSetUpdateStrategy | undefined,
      volumeClaimTemplates: claims,
    }),
  });
  const nameOk = checkStatefulSetName(problems, controller.name, metadata.name === undefined);
  const name = headless.name = workload.serviceName ?? `${controller.name}-headless`;
  // (a name derived from a name already reported is not reported again)
  if (workload.serviceName === undefined && nameOk) {
    problems.check('object-name', 'workload.serviceName', name, rules.dns1035Label(name), 'set Workload.statefulSet({ serviceName })');
  }
  if (!workload.headlessService) return { controller };
  const service = headlessService(scope, name, metadata.namespace, pods);
  controller.node.addDependency(service);
  return { controller, headlessService: service };
}

/**
 * A StatefulSet's pods are named `<name>-<ordinal>` and use that as their hostname (a DNS
 * label), and carry the label `controller-revision-hash: <name>-<10 characters>` (at most 63):
 * so the name is a DNS-1123 label of at most 52 characters.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#limitations
 */
function checkStatefulSetName(problems: ProblemCollector, name: string, generated: boolean): boolean {
  const label = rules.dns1123Label(name);
  if (label !== undefined) {
    problems.add('object-name', 'name', name, `a StatefulSet name: ${label}`, generated ? 'set a `name`: the generated one is no DNS-1123 label' : undefined);
    return false;
  }
  problems.check('statefulset-name', 'name', name, name.length <= 52 ? undefined
    : 'a StatefulSet name of at most 52 characters (its pods\' hostnames and controller-revision-hash labels derive from it)',
  generated ? 'set a shorter `name`: the generated one is too long' : undefined);
  return name.length <= 52;
}

function headlessService(scope: Construct, name: string, namespace: string | undefined, pods: PodsOfController): ApiObject {
  return new k8s.KubeService(scope, 'Headless', {
    metadata: definedOnly({ name, namespace }),
    spec: Lazy.any({
      produce: () => ({ clusterIp: 'None', selector: pods.selectorLabels(), ports: headlessPorts(pods.exposedPorts()) }),
    }) as unknown as k8s.ServiceSpec,
  });
}

/**
 * One Service port per container port. Every port of a multi-port Service needs a name, unique
 * in the Service: an unnamed one gets `<protocol>-<number>`, unless a named port has it already.
 */
function headlessPorts(exposed: readonly ExposedPort[]): k8s.ServicePort[] | undefined {
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
