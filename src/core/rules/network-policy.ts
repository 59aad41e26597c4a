import { asText } from '../util';
import type { Json} from '../manifest';
import { array, record } from '../manifest';
import type { ObjectReporter } from '../rule';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { labelSelectorFindings, networkPolicySelectors } from '../walk/labels';
import { objectsOfKind } from '../walk/objects';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

function checkPort(r: ObjectReporter, field: string, p: Json): void {
  if (p.protocol !== undefined && !PROTOCOLS.includes(p.protocol as string)) r.add(`${field}.protocol`, p.protocol, 'one of TCP, UDP, SCTP');
  const port = p.port;
  const end = p.endPort;
  if (port === undefined || port === null) {
    if (end !== undefined && end !== null) r.add(`${field}.endPort`, end, 'no endPort without a numeric port');
  } else if (typeof port === 'number') {
    r.check(`${field}.port`, port, validators.portNumber(port));
    if (end !== undefined && end !== null) {
      if (typeof end === 'number' && end < port) r.add(`${field}.endPort`, end, `a port at least \`port\` (${port})`);
      r.check(`${field}.endPort`, end, validators.portNumber(end));
    }
  } else {
    if (end !== undefined && end !== null) r.add(`${field}.endPort`, end, 'no endPort with a named port');
    r.check(`${field}.port`, port, validators.ianaServiceName(port));
  }
}

function checkPeer(r: ObjectReporter, field: string, peer: Json): void {
  const kinds = (['podSelector', 'namespaceSelector', 'ipBlock'] as const).filter(k => peer[k] !== undefined && peer[k] !== null);
  if (kinds.length === 0) {
    r.add(field, peer, 'a peer: a podSelector, a namespaceSelector (or both), or an ipBlock');
    return;
  }
  if (kinds.length > 1 && kinds.includes('ipBlock')) r.add(field, kinds, 'an ipBlock alone, or pod and namespace selectors without one');
  if (peer.ipBlock === undefined || peer.ipBlock === null) return;
  const block = record(peer.ipBlock);
  if (block.cidr === undefined || block.cidr === '') {
    r.add(`${field}.ipBlock.cidr`, block.cidr, 'a CIDR, e.g. "10.0.0.0/8"');
    return;
  }
  const net = validators.parseCidr(block.cidr);
  if (net === undefined) {
    r.add(`${field}.ipBlock.cidr`, block.cidr, validators.cidr(block.cidr)!);
    return;
  }
  for (const [i, except] of array(block.except).entries()) {
    const inner = validators.parseCidr(except);
    if (inner === undefined) {
      r.add(`${field}.ipBlock.except[${i}]`, except, validators.cidr(except)!);
      return; // (the API server stops at the first bad one)
    }
    if (!validators.cidrContains(net, inner.bytes) || net.prefix >= inner.prefix) {
      r.add(`${field}.ipBlock.except[${i}]`, except, `a range strictly inside the cidr ${asText(block.cidr)}`);
    }
  }
}

export const rule = defineRule({
  id: 'network-policy',
  source: 'api-server',
  severity: 'error',
  kinds: ['NetworkPolicy'],
  summary: 'a NetworkPolicy\'s selectors (operators and their values), ports (number or IANA name, endPort at least port and only with a number), peers (one ipBlock alone, its except ranges strictly inside its cidr) and policy types (Ingress, Egress)',
  fix: 'write the NetworkPolicy with valid selectors (In/NotIn with values, Exists/DoesNotExist without), ports as numbers or IANA names (endPort only with a number, at least port), and one ipBlock alone per peer with except inside its CIDR; PodIsolation writes valid ones',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/networking/validation.ValidateNetworkPolicySpec',
  check({ model, about }) {
    for (const object of objectsOfKind(model, 'NetworkPolicy')) {
      const r = about(object);
      const spec = record(object.raw.spec);
      // (the selectors' labels are rule labels')
      for (const s of networkPolicySelectors(spec)) for (const f of labelSelectorFindings(s.field, s.selector)) if (f.part === 'expression') r.add(f.field, f.value, f.allowed);
      for (const [direction, peersField] of [['ingress', 'from'], ['egress', 'to']] as const) {
        array(spec[direction]).forEach((x, i) => {
          const rule = record(x);
          array(rule.ports).forEach((p, j) => checkPort(r, `spec.${direction}[${i}].ports[${j}]`, record(p)));
          array(rule[peersField]).forEach((p, j) => checkPeer(r, `spec.${direction}[${i}].${peersField}[${j}]`, record(p)));
        });
      }
      const types = array(spec.policyTypes);
      if (types.length > 2) {
        r.add('spec.policyTypes', types, 'at most two policy types: Ingress and Egress');
        continue;
      }
      types.forEach((t, i) => {
        if (t !== 'Ingress' && t !== 'Egress') r.add(`spec.policyTypes[${i}]`, t, 'one of Ingress, Egress');
      });
    }
  },
});
