/**
 * The checks that need more than one object: what the API server accepts object by object and
 * the cluster then gets wrong (a Service that selects nothing, traffic sent to a port a pod does
 * not declare, a Service created after its pods, one name used twice), and the node port
 * allocator's view of the whole app. Linear in the number of objects.
 */
import type { NodePortRange } from '../settings';
import { DEFAULT_NODE_PORT_RANGE } from '../settings';
import type { Findings } from '../findings';
import type { ManifestModel, PodSource, ServiceView } from '../manifest';
import { findContainerPort, PodIndex, targetOf } from '../routing';
import * as rules from '../rules';

/** Settings of the cross-object checks. */
export interface CrossCheckOptions {
  /**
   * The cluster's `--service-node-port-range`.
   * @default [30000, 32767] - Kubernetes' default range (kube-apiserver `--service-node-port-range`)
   */
  readonly nodePortRange?: NodePortRange;
  /**
   * How to widen the node port range where the checks run, for the fix text (the app's
   * context value, the plugin's property).
   * @default - no knob named
   */
  readonly nodePortRangeKnob?: string;
  /**
   * How to skip a rule where the checks run, for the fix text of a rule one may well not want.
   * @default - no knob named
   */
  readonly skipRulesKnob?: string;
  /**
   * Why the output order is not the order of the objects' dependencies, when it is not (the
   * app's output type), for the fix text of `service-before-its-pods`.
   * @default - it is: a dependency orders them
   */
  readonly orderHint?: string;
}

/** Runs every cross-object check over a model. */
export function checkAcrossObjects(model: ManifestModel, out: Findings, options: CrossCheckOptions = {}): void {
  checkUniqueNames(model, out);
  checkNodePorts(model, out, options);
  const index = new PodIndex(model.pods);
  for (const service of model.services) {
    if (service.type === 'ExternalName' || Object.keys(service.selector ?? {}).length === 0) continue;
    const selected = index.selectedBy(service);
    if (selected.length === 0) {
      reportSelectsNothing(service, index.elsewhere(service), out);
      continue;
    }
    checkTargetPorts(service, selected, out);
    const before = selected.find(pod => pod.object.index < service.object.index);
    if (before !== undefined) {
      const skip = options.skipRulesKnob ? `; if your pods do not read Services from environment variables, skip the rule: ${options.skipRulesKnob}` : '';
      out.about(service.object).add('service-before-its-pods', 'metadata.name', service.object.name,
        `a Service written before the pods it selects: ${before.object.ref} comes first in the output, and pods created before their Service get none of its environment variables`,
        `${options.orderHint ?? 'add a dependency: `pod.node.addDependency(service)`, or for objects in different charts `podChart.addDependency(serviceChart)`'}${skip}`);
    }
  }
}

function reportSelectsNothing(service: ServiceView, elsewhere: PodSource | undefined, out: Findings): void {
  const selector = service.selector;
  if (elsewhere === undefined) {
    out.about(service.object).add('service-selects-a-pod', 'spec.selector', selector,
      'a selector that matches the labels of at least one pod of the app (no pod has them all)',
      'make the selector and the pods\' labels agree: give the Service the pod construct it exposes as `target`, and change no label of the pods afterwards (an escape hatch on their labels changes them after the Service took them)');
    return;
  }
  const ns = (n: string | undefined) => (n === undefined ? 'the default namespace' : `namespace "${n}"`);
  out.about(service.object).add('service-selects-a-pod', 'spec.selector', selector,
    `a selector that matches a pod in the Service's namespace (${ns(service.object.namespace)}): ${elsewhere.object.ref} has the labels in ${ns(elsewhere.object.namespace)}`,
    'put the Service in the namespace of its pods');
}

/**
 * Every pod the Service selects gets its traffic: each targetPort must be a port every one of
 * them declares, by number or name, over the Service port's protocol.
 */
function checkTargetPorts(service: ServiceView, selected: readonly PodSource[], out: Findings): void {
  for (const port of service.ports) {
    const target = targetOf(port);
    const missing = selected.filter(pod => findContainerPort(pod.containers, target, port.protocol) === undefined);
    if (missing.length === 0) continue;
    const pod = missing[0];
    const declared = [...new Set(pod.containers.flatMap(c => c.ports.map(p => `${p.number}/${p.protocol}${p.name ? ` ("${p.name}")` : ''}`)))];
    const others = missing.length > 1 ? ` (and ${missing.length - 1} more of the ${selected.length} selected)` : selected.length > 1 ? ` (one of the ${selected.length} selected)` : '';
    out.about(service.object).add('target-port-is-exposed', `spec.ports[${port.index}].targetPort`, target,
      `a ${port.protocol} port that every selected pod declares: ${pod.object.ref}${others} declares ${declared.length > 0 ? declared.join(', ') : 'no ports'}`,
      typeof target === 'number'
        ? 'point targetPort at a port the pods declare (with the same protocol), declare the port on their containers, or narrow the selector to the pods that listen there'
        : 'use the name of a container port every selected pod declares, or name the container port');
  }
}

/** The allocator's view: a nodePort inside the range, and each one on one Service only. */
function checkNodePorts(model: ManifestModel, out: Findings, options: CrossCheckOptions): void {
  const [lo, hi] = options.nodePortRange ?? DEFAULT_NODE_PORT_RANGE;
  const owners = new Map<number, ServiceView>();
  for (const service of model.services) {
    if (service.type !== 'NodePort' && service.type !== 'LoadBalancer') continue;
    const own = new Set<number>();
    for (const port of service.ports) {
      const nodePort = port.nodePort;
      if (nodePort === undefined || nodePort === 0) continue; // 0: the cluster allocates one
      const field = `spec.ports[${port.index}].nodePort`;
      const outside = rules.nodePort(nodePort, [lo, hi]);
      if (outside !== undefined) {
        out.about(service.object).add('node-port', field, nodePort, outside, rules.nodePortFix(options.nodePortRangeKnob));
        continue;
      }
      // One Service may use a nodePort for several protocols: the cluster allocates it to that Service once.
      if (own.has(nodePort)) continue;
      own.add(nodePort);
      const owner = owners.get(nodePort);
      if (owner === undefined) owners.set(nodePort, service);
      else {
        out.about(service.object).add('node-port', field, nodePort,
          `a nodePort no other Service of the app has: ${owner.object.ref} already has it, and the cluster allocates each nodePort once`,
          'give one of them another nodePort, or leave it out and let the cluster pick one');
      }
    }
  }
}

/** Two objects of one kind, namespace and name are one object to the cluster: the last applied wins. */
function checkUniqueNames(model: ManifestModel, out: Findings): void {
  const seen = new Set<string>();
  for (const object of model.objects) {
    if (object.name === '' || object.kind === undefined) continue;
    const key = `${object.apiVersion?.split('/').slice(0, -1).join('/') ?? ''}|${object.ref}`;
    if (!seen.has(key)) {
      seen.add(key);
      continue;
    }
    out.about(object).add('unique-object-names', 'metadata.name', object.name,
      `a name no other ${object.kind} of the app has in its namespace: an earlier ${object.ref} has it, and applying both leaves only the last`,
      'give one of them another name');
  }
}
