/**
 * NetworkPolicy semantics over written objects: which policies select a pod, whether a pod is
 * isolated for ingress, and whether a policy lets a container port in. Plain data, read
 * defensively (a field of the wrong type reads as absent). The cross check and the topology
 * picture ask here.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
import type { SelectorView } from './label-selector';
import { readSelector, selectorMatches } from './label-selector';
import type { Json, KubeObject, PodSource, PortView } from './manifest';
import { array, record, str } from './manifest';

/** One port of an ingress rule. */
export interface PolicyPortView {
  /** `protocol`, TCP when left out. */
  readonly protocol: string;
  /** `port`: a number, a container port's name, or undefined for every port of the protocol. */
  readonly port?: number | string;
  /** `endPort`, the end of a numeric range. */
  readonly endPort?: number;
}

/** One ingress rule. */
export interface IngressRuleView {
  /** Its ports; empty: every port. */
  readonly ports: readonly PolicyPortView[];
  /** Its peers as written; empty: every source. */
  readonly from: readonly Json[];
}

/** A NetworkPolicy. */
export interface PolicyView {
  readonly object: KubeObject;
  /** `spec.podSelector` (absent reads as `{}`, every pod of the namespace). */
  readonly podSelector: SelectorView;
  /** The policy types in force: as written, else Ingress, and Egress when there are egress rules (the API server's default). */
  readonly policyTypes: readonly string[];
  /** The ingress rules. */
  readonly ingress: readonly IngressRuleView[];
}

/** The NetworkPolicies among the objects, in output order. */
export function readPolicies(objects: readonly KubeObject[]): PolicyView[] {
  return objects.filter(o => o.builtinKind === 'NetworkPolicy').map(object => {
    const spec = record(object.raw.spec);
    const written = array(spec.policyTypes).filter((t): t is string => typeof t === 'string');
    const policyTypes = written.length > 0 ? written : array(spec.egress).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
    return {
      object,
      podSelector: readSelector(spec.podSelector),
      policyTypes,
      ingress: array(spec.ingress).map(r => {
        const rule = record(r);
        return {
          from: array(rule.from).map(record),
          ports: array(rule.ports).map(p => {
            const port = record(p);
            const value = port.port;
            return {
              protocol: str(port.protocol) ?? 'TCP',
              port: typeof value === 'number' || typeof value === 'string' ? value : undefined,
              endPort: typeof port.endPort === 'number' ? port.endPort : undefined,
            };
          }),
        };
      }),
    };
  });
}

/** The policies that select a pod: same namespace, pod selector matching its labels. */
export function policiesSelecting(policies: readonly PolicyView[], pod: PodSource): PolicyView[] {
  return policies.filter(p => p.object.namespace === pod.object.namespace && selectorMatches(p.podSelector, pod.labels));
}

/** Whether a pod is isolated for ingress: some policy with policy type Ingress selects it. */
export function isolatedForIngress(selecting: readonly PolicyView[]): boolean {
  return selecting.some(p => p.policyTypes.includes('Ingress'));
}

/**
 * Whether a policy lets traffic into a pod's container port (from some source): one of its
 * ingress rules has no ports, or a port of the protocol that is every port, the number (or a
 * range holding it), or a name the pod gives that number with that protocol.
 */
export function letsIn(policy: PolicyView, pod: PodSource, target: PortView): boolean {
  if (!policy.policyTypes.includes('Ingress')) return false;
  return policy.ingress.some(rule => rule.ports.length === 0 || rule.ports.some(p => portMatches(p, pod, target)));
}

function portMatches(p: PolicyPortView, pod: PodSource, target: PortView): boolean {
  if (p.protocol !== target.protocol) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'number') return target.number >= p.port && target.number <= (p.endPort ?? p.port);
  // A named port is resolved in each pod: its container port of that name and protocol.
  return pod.containers.some(c => c.ports.some(cp => cp.name === p.port && cp.protocol === target.protocol && cp.number === target.number));
}

/** What a policy lets in, for messages: `80/TCP, "http"/TCP`, `every port`, or `nothing`. */
export function describeIngress(policy: PolicyView): string {
  if (!policy.policyTypes.includes('Ingress') || policy.ingress.length === 0) return 'nothing';
  if (policy.ingress.some(r => r.ports.length === 0)) return 'every port';
  const ports = policy.ingress.flatMap(r => r.ports.map(p => p.port === undefined ? `every ${p.protocol} port`
    : typeof p.port === 'number' ? `${p.port}${p.endPort !== undefined ? `-${p.endPort}` : ''}/${p.protocol}` : `"${p.port}"/${p.protocol}`));
  return [...new Set(ports)].join(', ');
}
