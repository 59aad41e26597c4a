/**
 * The controllers a pod construct writes under a `workload`: a Deployment, a StatefulSet and
 * its headless Service, or a DaemonSet.
 */
import type { ApiObject } from 'cdk8s';
import { Lazy } from 'cdk8s';
import * as k8s from '../imports/k8s';
import type { Construct } from 'constructs';
import { definedOnly } from '../core/util';
import type { ExposedPort } from '../values/container';
import { Protocol } from '../values/container';
import { DisruptionBudget } from '../values/disruption-budget';
import type { Volume } from '../values/volume';
import type { Workload } from '../values/workload';
import { WorkloadKind } from '../values/workload';
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
 * it writes are judged at synth, with the rest of the written objects.
 */
export function renderController(scope: Construct, kind: ControllerKind, workload: Workload, metadata: { name?: string; namespace?: string },
  selector: k8s.LabelSelector, template: k8s.PodTemplateSpec, pods: PodsOfController): RenderedController {
  // Replicas as given, also beside an autoscaler (which sets them: rule autoscaled-replicas
  // refuses that at synth, the written manifest shows it).
  const replicas = workload.replicas;
  const common = { minReadySeconds: workload.minReadySeconds, revisionHistoryLimit: workload.revisionHistoryLimit };
  let rendered: { controller: ApiObject; headlessService?: ApiObject };
  switch (kind) {
    case WorkloadKind.DEPLOYMENT:
      rendered = {
        controller: new k8s.KubeDeployment(scope, 'Resource', {
          metadata,
          spec: definedOnly({
            replicas, selector, template, ...common, strategy: workload.strategy?._toKube(),
            progressDeadlineSeconds: workload.progressDeadlineSeconds,
          }),
        }),
      };
      break;
    case WorkloadKind.STATEFUL_SET:
      rendered = renderStatefulSet(scope, workload, metadata, replicas, selector, template, pods);
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
  // (a replicated Deployment is drained one pod at a time unless it says otherwise: Workload.spreadsReplicas)
  const budget = workload.disruptionBudget ?? (workload.spreadsReplicas ? DisruptionBudget.maxUnavailable(1) : undefined);
  const disruptionBudget = budget && renderDisruptionBudget(scope, controller, budget, pods.selectorLabels);
  const autoscaler = workload.autoscaling && renderAutoscaler(scope, controller, workload.autoscaling);
  return definedOnly({ ...rendered, disruptionBudget, autoscaler });
}

function renderStatefulSet(scope: Construct, workload: Workload, metadata: { name?: string; namespace?: string }, replicas: number | undefined,
  selector: k8s.LabelSelector, template: k8s.PodTemplateSpec, pods: PodsOfController):
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
      serviceName: Lazy.any({ produce: () => headless.name }) as string,
      minReadySeconds: workload.minReadySeconds,
      revisionHistoryLimit: workload.revisionHistoryLimit,
      podManagementPolicy: workload.podManagementPolicy,
      updateStrategy: workload.updateStrategy?._toKube(),
      volumeClaimTemplates: claims,
    }),
  });
  // (the StatefulSet's name, and the headless Service's derived from it, are judged at synth:
  // rules object-name and statefulset-name)
  const name = headless.name = workload.serviceName ?? `${controller.name}-headless`;
  if (!workload.headlessService) return { controller };
  const service = headlessService(scope, name, metadata.namespace, pods);
  controller.node.addDependency(service);
  return { controller, headlessService: service };
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
