/**
 * The cross check of NetworkPolicies and Services: a Service's port that the policies of every
 * pod it selects keep out reaches nothing (the API server accepts both objects; the traffic is
 * dropped). Ingress isolation is Kubernetes': a pod is isolated when a policy with policy type
 * Ingress selects it, and then lets in only what a selecting policy's ingress rule allows.
 */
import type { Findings } from '../findings';
import type { Json, KubeObject, ManifestModel, PodSource, ServiceView } from '../manifest';
import { array, record } from '../manifest';
import type { Reporter } from '../problems';
import * as rules from '../rules';
import { asText } from '../util';
import { checkLabelSelector } from './label-selector-checks';
import type { PolicyView } from '../network-policy';
import { describeIngress, isolatedForIngress, letsIn, policiesSelecting, readPolicies } from '../network-policy';
import { findContainerPort, PodIndex, targetOf } from '../routing';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

/**
 * Checks one NetworkPolicy as the API server does on create (Kubernetes 1.28
 * `ValidateNetworkPolicySpec`): label selectors, ports (number or name, endPort), peers (one
 * kind each; an ipBlock alone, its except ranges strictly inside its cidr) and policy types.
 */
export function checkNetworkPolicy(object: KubeObject, r: Reporter): void {
  const spec = record(object.raw.spec);
  checkSelector(r, 'spec.podSelector', spec.podSelector);
  for (const [direction, peersField] of [['ingress', 'from'], ['egress', 'to']] as const) {
    array(spec[direction]).forEach((x, i) => {
      const rule = record(x);
      array(rule.ports).forEach((p, j) => checkPort(r, `spec.${direction}[${i}].ports[${j}]`, record(p)));
      array(rule[peersField]).forEach((p, j) => checkPeer(r, `spec.${direction}[${i}].${peersField}[${j}]`, record(p)));
    });
  }
  const types = array(spec.policyTypes);
  if (types.length > 2) {
    r.add('network-policy', 'spec.policyTypes', types, 'at most two policy types: Ingress and Egress');
    return;
  }
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') r.add('network-policy', `spec.policyTypes[${i}]`, t, 'one of Ingress, Egress');
  });
}

function checkSelector(r: Reporter, field: string, selector: unknown): void {
  if (selector === undefined || selector === null) return;
  checkLabelSelector(r, 'network-policy', field, record(selector), 'labels');
}

function checkPort(r: Reporter, field: string, p: Json): void {
  if (p.protocol !== undefined && !PROTOCOLS.includes(p.protocol as string)) r.add('network-policy', `${field}.protocol`, p.protocol, 'one of TCP, UDP, SCTP');
  const port = p.port;
  const end = p.endPort;
  if (port === undefined || port === null) {
    if (end !== undefined && end !== null) r.add('network-policy', `${field}.endPort`, end, 'no endPort without a numeric port');
  } else if (typeof port === 'number') {
    r.check('network-policy', `${field}.port`, port, rules.portNumber(port));
    if (end !== undefined && end !== null) {
      if (typeof end === 'number' && end < port) r.add('network-policy', `${field}.endPort`, end, `a port at least \`port\` (${port})`);
      r.check('network-policy', `${field}.endPort`, end, rules.portNumber(end));
    }
  } else {
    if (end !== undefined && end !== null) r.add('network-policy', `${field}.endPort`, end, 'no endPort with a named port');
    r.check('network-policy', `${field}.port`, port, rules.ianaServiceName(port));
  }
}

function checkPeer(r: Reporter, field: string, peer: Json): void {
  const kinds = (['podSelector', 'namespaceSelector', 'ipBlock'] as const).filter(k => peer[k] !== undefined && peer[k] !== null);
  if (kinds.length === 0) {
    r.add('network-policy', field, peer, 'a peer: a podSelector, a namespaceSelector (or both), or an ipBlock');
    return;
  }
  if (kinds.length > 1 && kinds.includes('ipBlock')) r.add('network-policy', field, kinds, 'an ipBlock alone, or pod and namespace selectors without one');
  checkSelector(r, `${field}.podSelector`, peer.podSelector);
  checkSelector(r, `${field}.namespaceSelector`, peer.namespaceSelector);
  if (peer.ipBlock === undefined || peer.ipBlock === null) return;
  const block = record(peer.ipBlock);
  if (block.cidr === undefined || block.cidr === '') {
    r.add('network-policy', `${field}.ipBlock.cidr`, block.cidr, 'a CIDR, e.g. "10.0.0.0/8"');
    return;
  }
  const net = rules.parseCidr(block.cidr);
  if (net === undefined) {
    r.add('network-policy', `${field}.ipBlock.cidr`, block.cidr, rules.cidr(block.cidr)!);
    return;
  }
  for (const [i, except] of array(block.except).entries()) {
    const inner = rules.parseCidr(except);
    if (inner === undefined) {
      r.add('network-policy', `${field}.ipBlock.except[${i}]`, except, rules.cidr(except)!);
      return; // (the API server stops at the first bad one)
    }
    if (!rules.cidrContains(net, inner.bytes) || net.prefix >= inner.prefix) {
      r.add('network-policy', `${field}.ipBlock.except[${i}]`, except, `a range strictly inside the cidr ${asText(block.cidr)}`);
    }
  }
}

/** Runs the check over a model. */
export function checkNetworkPolicies(model: ManifestModel, out: Findings): void {
  const policies = readPolicies(model.objects);
  if (policies.length === 0) return;
  const index = new PodIndex(model.pods);
  for (const service of model.services) {
    if (service.type === 'ExternalName' || Object.keys(service.selector ?? {}).length === 0) continue;
    const selected = index.selectedBy(service);
    if (selected.length > 0) checkService(service, selected, policies, out);
  }
}

function checkService(service: ServiceView, selected: readonly PodSource[], policies: readonly PolicyView[], out: Findings): void {
  const byPod = new Map(selected.map(pod => [pod, policiesSelecting(policies, pod)]));
  for (const port of service.ports) {
    const target = targetOf(port);
    let blocked: { pod: PodSource; policies: readonly PolicyView[] } | undefined;
    let open = false;
    for (const pod of selected) {
      const mine = byPod.get(pod)!;
      if (!isolatedForIngress(mine)) { open = true; break; }
      // (a targetPort the pod does not declare is target-port-is-exposed's problem)
      const found = findContainerPort(pod.containers, target, port.protocol);
      const reached = found?.port ?? (typeof target === 'number' ? { number: target, protocol: port.protocol } : undefined);
      if (reached === undefined || mine.some(p => letsIn(p, pod, reached))) { open = true; break; }
      blocked ??= { pod, policies: mine.filter(p => p.policyTypes.includes('Ingress')) };
    }
    if (open || blocked === undefined) continue;
    const refs = blocked.policies.map(p => `${p.object.ref} (lets in ${describeIngress(p)})`).join(', ');
    const others = selected.length > 1 ? ` (and the other ${selected.length - 1} selected pods likewise)` : '';
    out.about(service.object).add('service-port-allowed', `spec.ports[${port.index}]`, port.port,
      `a port the NetworkPolicies of a selected pod let in: ${blocked.pod.object.ref}${others} is isolated by ${refs}, and none lets in targetPort ${JSON.stringify(target)}/${port.protocol}`,
      'let the container port in: a PodIsolation lets in the ports of the ExposedServices that target its pods (or give it `ports`); or add an ingress rule for the port to a policy that selects the pods');
  }
}
