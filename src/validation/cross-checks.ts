import { CrossCheckOptions, DEFAULT_NODE_PORT_RANGE, Facts, Finding, objectRef, PodFacts, ServiceFacts } from './model';

/** The Service types that may carry a nodePort. */
const NODE_PORT_TYPES = ['NodePort', 'LoadBalancer'];

/**
 * The checks that need more than one object, over plain facts. Linear in the number of
 * objects: pods are indexed by `namespace + label key=value`, so a Service only looks at
 * the pods that carry one of its selector's labels.
 *
 * - a Service's selector matches at least one pod of the app;
 * - each targetPort (number or name) is a port a selected pod declares;
 * - nodePorts are on NodePort/LoadBalancer Services, inside the range, and unique;
 * - no two objects of one kind share a namespace and name;
 * - no two containers of one pod declare the same port and protocol;
 * - a Service comes before the pods it selects in the output.
 */
export function checkCrossObject(facts: Facts, options: CrossCheckOptions = {}): Finding[] {
  const findings: Finding[] = [];
  checkUniqueNames(facts, findings);
  for (const pod of facts.pods) checkPortClash(pod, findings);
  const index = indexPods(facts.pods);
  const nodePorts = new Map<number, ServiceFacts>();
  const [lo, hi] = options.nodePortRange ?? DEFAULT_NODE_PORT_RANGE;
  for (const svc of facts.services) {
    checkNodePorts(svc, lo, hi, nodePorts, findings);
    const selector = svc.selector ?? {};
    if (svc.type === 'ExternalName' || Object.keys(selector).length === 0) continue;
    const selected = selectedPods(index, svc);
    if (selected.length === 0) {
      // Only on failure: is it the namespace? (A Service selects pods of its own namespace only.)
      const elsewhere = facts.pods.find(pod => Object.entries(selector).every(([k, v]) => pod.labels[k] === v));
      findings.push(elsewhere === undefined
        ? serviceFinding(svc, 'selector', selector,
          'a selector that matches the labels of at least one pod of the app (no pod has them all)',
          'give the Service the pod construct it exposes as `target`, or correct the labels')
        : serviceFinding(svc, 'selector', selector,
          `a selector that matches a pod in the Service's namespace (${svc.namespace ?? 'the default'}): ${objectRef(elsewhere.kind, elsewhere.name, elsewhere.namespace)} has the labels in ${elsewhere.namespace === undefined ? 'the default namespace' : `namespace "${elsewhere.namespace}"`}`,
          'put the Service in the namespace of its pods'));
      continue;
    }
    checkTargetPorts(svc, selected, findings);
    const before = selected.filter(p => p.index < svc.index);
    if (before.length > 0) {
      const pod = before[0];
      findings.push(serviceFinding(svc, 'output order', `${objectRef(pod.kind, pod.name, pod.namespace)} comes first`,
        'the Service before the pods it selects (pods created before their Service get none of its environment variables)',
        'add a dependency: `pod.node.addDependency(service)`, or for objects in different charts `podChart.addDependency(serviceChart)`'));
    }
  }
  return findings;
}

type PodIndex = Map<string, PodFacts[]>;

function labelKey(namespace: string | undefined, key: string, value: string): string {
  return `${namespace ?? ''}\u0000${key}\u0000${value}`;
}

function indexPods(pods: readonly PodFacts[]): PodIndex {
  const index: PodIndex = new Map();
  for (const pod of pods) {
    for (const [key, value] of Object.entries(pod.labels)) {
      const k = labelKey(pod.namespace, key, value);
      const list = index.get(k);
      if (list) list.push(pod);
      else index.set(k, [pod]);
    }
  }
  return index;
}

function selectedPods(index: PodIndex, svc: ServiceFacts): PodFacts[] {
  const entries = Object.entries(svc.selector ?? {});
  let smallest: PodFacts[] | undefined;
  for (const [key, value] of entries) {
    const list = index.get(labelKey(svc.namespace, key, value));
    if (!list) return [];
    if (!smallest || list.length < smallest.length) smallest = list;
  }
  return (smallest ?? []).filter(pod => entries.every(([k, v]) => pod.labels[k] === v));
}

/** Two objects of one kind, namespace and name are one object to the cluster: the last applied wins. */
function checkUniqueNames(facts: Facts, findings: Finding[]): void {
  const seen = new Map<string, { path?: string }>();
  const objects = [
    ...facts.pods.map(p => ({ kind: p.kind, name: p.name, namespace: p.namespace, path: p.path, index: p.index })),
    ...facts.services.map(s => ({ kind: 'Service', name: s.name, namespace: s.namespace, path: s.path, index: s.index })),
  ].sort((a, b) => a.index - b.index);
  for (const o of objects) {
    if (o.name === '') continue;
    const ref = objectRef(o.kind, o.name, o.namespace);
    const first = seen.get(ref);
    if (first === undefined) {
      seen.set(ref, o);
      continue;
    }
    findings.push({
      path: o.path, object: ref, field: 'name', value: o.name,
      allowed: `a name no other ${o.kind} of the app has in its namespace: ${first.path ?? ref} has it, and applying both leaves only the last`,
      fix: 'give one of them another name',
    });
  }
}

function checkPortClash(pod: PodFacts, findings: Finding[]): void {
  const taken = new Map<string, string>();
  pod.containers.forEach((c, ci) => {
    c.ports.forEach((p, pi) => {
      const key = `${p.number}/${p.protocol}`;
      const owner = taken.get(key);
      if (owner !== undefined && owner !== c.name) {
        findings.push({
          path: pod.path, object: objectRef(pod.kind, pod.name, pod.namespace),
          field: `containers[${ci}].ports[${pi}]`, value: key,
          allowed: `a port no other container of the pod listens on: "${owner}" already has ${key}, and the containers of a pod share one network namespace`,
          fix: 'give one of them another port',
        });
      } else if (owner === undefined) {
        taken.set(key, c.name);
      }
    });
  });
}

function checkNodePorts(svc: ServiceFacts, lo: number, hi: number, seen: Map<number, ServiceFacts>, findings: Finding[]): void {
  const own = new Set<number>();
  svc.ports.forEach((p, i) => {
    if (p.nodePort === undefined) return;
    const field = svc.ports.length > 1 ? `ports[${i}].nodePort` : 'nodePort';
    if (!NODE_PORT_TYPES.includes(svc.type)) {
      findings.push(serviceFinding(svc, field, p.nodePort,
        `no nodePort on a ${svc.type} Service: only NodePort and LoadBalancer Services have one`,
        'use type NodePort, or drop nodePort'));
      return;
    }
    if (!Number.isInteger(p.nodePort) || p.nodePort < lo || p.nodePort > hi) {
      findings.push(serviceFinding(svc, field, p.nodePort,
        `an integer from ${lo} to ${hi} (the cluster's --service-node-port-range)`,
        'pick a port in the range, or widen the range with the context value "cdk8s-pods-services:nodePortRange" (e.g. "20000-40000") if your cluster allows it'));
      return;
    }
    // One Service may reuse a nodePort across protocols; the cluster allocates it to that Service.
    if (own.has(p.nodePort)) return;
    own.add(p.nodePort);
    const owner = seen.get(p.nodePort);
    if (owner !== undefined) {
      findings.push(serviceFinding(svc, field, p.nodePort,
        `a nodePort no other Service of the app has: ${objectRef('Service', owner.name, owner.namespace)} already has it, and the cluster allocates each nodePort once`,
        'give one of them another nodePort, or leave it out and let the cluster pick one'));
    } else {
      seen.set(p.nodePort, svc);
    }
  });
}

function checkTargetPorts(svc: ServiceFacts, selected: readonly PodFacts[], findings: Finding[]): void {
  svc.ports.forEach((p, i) => {
    const target = p.targetPort ?? p.port;
    const exposes = (pod: PodFacts) => pod.containers.some(c => c.ports.some(cp =>
      cp.protocol === p.protocol && (typeof target === 'number' ? cp.number === target : cp.name === target)));
    if (selected.some(exposes)) return;
    const declared = [...new Set(selected.flatMap(pod => pod.containers.flatMap(c => c.ports
      .filter(cp => cp.protocol === p.protocol)
      .map(cp => cp.name ? `${cp.number} ("${cp.name}")` : String(cp.number)))))];
    findings.push(serviceFinding(svc, svc.ports.length > 1 ? `ports[${i}].targetPort` : 'targetPort', target,
      `a ${p.protocol} port a selected pod declares: ${declared.length > 0 ? declared.join(', ') : 'they declare none'}`,
      typeof target === 'number' ? 'point targetPort at a container port, or declare the port on the container'
        : 'use the name of a container port, or name the container port'));
  });
}

function serviceFinding(svc: ServiceFacts, field: string, value: unknown, allowed: string, fix?: string): Finding {
  return { path: svc.path, object: objectRef('Service', svc.name, svc.namespace), field, value, allowed, fix };
}
