/**
 * The controllers a pod construct writes under a `workload`: a Deployment, a StatefulSet and
 * its headless Service, or a DaemonSet.
 */
import { ApiObject, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ProblemCollector } from '../core/problems';
import * as rules from '../core/rules';
import { definedOnly } from '../core/util';
import { ExposedPort, Protocol } from '../values/container';
import { Workload, WorkloadKind } from '../values/workload';

const k8s = kplus.k8s;

/** The workloads that are controllers (every kind but a bare Pod). */
export type ControllerKind = Exclude<WorkloadKind, WorkloadKind.POD>;

/** What a controller's headless Service reads from the pod construct, at synth. */
export interface PodsOfController {
  /** The pods' labels. */
  readonly selectorLabels: () => { [key: string]: string };
  /** The pods' container ports. */
  readonly exposedPorts: () => readonly ExposedPort[];
}

/**
 * Writes the controller (id `Resource`) under the pod construct, and for a StatefulSet its
 * headless Service (id `Headless`: `clusterIP: None`, the pods' selector, every container port),
 * written before the StatefulSet. Not for a bare Pod. The names it derives are checked into
 * `problems`, which the pod construct reports with the rest.
 */
export function renderController(scope: Construct, kind: ControllerKind, workload: Workload, metadata: { name?: string; namespace?: string },
  selector: kplus.k8s.LabelSelector, template: kplus.k8s.PodTemplateSpec, pods: PodsOfController, problems: ProblemCollector):
  { controller: ApiObject; headlessService?: ApiObject } {
  const replicas = workload.replicas;
  switch (kind) {
    case WorkloadKind.DEPLOYMENT:
      return { controller: new k8s.KubeDeployment(scope, 'Resource', { metadata, spec: definedOnly({ replicas, selector, template }) }) };
    case WorkloadKind.STATEFUL_SET: {
      // The StatefulSet names its headless Service, whose default name derives from the StatefulSet's.
      const headless: { service?: ApiObject } = {};
      const controller = new k8s.KubeStatefulSet(scope, 'Resource', {
        metadata,
        spec: definedOnly({ replicas, selector, template, serviceName: Lazy.any({ produce: () => headless.service!.name }) as unknown as string }),
      });
      const nameOk = checkStatefulSetName(problems, controller.name, metadata.name === undefined);
      const name = workload.serviceName ?? `${controller.name}-headless`;
      // (a name derived from a name already reported is not reported again)
      if (workload.serviceName === undefined && nameOk) {
        problems.check('object-name', 'workload.serviceName', name, rules.dns1035Label(name), 'set Workload.statefulSet({ serviceName })');
      }
      const service = headless.service = headlessService(scope, name, metadata.namespace, pods);
      controller.node.addDependency(service);
      return { controller, headlessService: service };
    }
    case WorkloadKind.DAEMON_SET:
      return { controller: new k8s.KubeDaemonSet(scope, 'Resource', { metadata, spec: { selector, template } }) };
  }
}

/**
 * A StatefulSet's pods are named `<name>-<ordinal>` and use that as their hostname (a DNS
 * label), and carry the label `controller-revision-hash: <name>-<10 characters>` (at most 63):
 * so the name is a DNS-1123 label of at most 52 characters.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#limitations
 */
function checkStatefulSetName(problems: ProblemCollector, name: string, generated: boolean): boolean {
  const ok = rules.dns1123Label(name) === undefined && name.length <= 52;
  problems.check('statefulset-name', 'name', name, ok ? undefined
    : 'a StatefulSet name: a DNS-1123 label of at most 52 characters (its pods\' hostnames and controller-revision-hash labels derive from it)',
  generated ? 'set a shorter `name`: the generated one is too long' : undefined);
  return ok;
}

function headlessService(scope: Construct, name: string, namespace: string | undefined, pods: PodsOfController): ApiObject {
  return new k8s.KubeService(scope, 'Headless', {
    metadata: definedOnly({ name, namespace }),
    spec: Lazy.any({
      produce: () => ({ clusterIp: 'None', selector: pods.selectorLabels(), ports: headlessPorts(pods.exposedPorts()) }),
    }) as unknown as kplus.k8s.ServiceSpec,
  });
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
