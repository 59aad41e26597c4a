/**
 * The cross check of NetworkPolicies and Services (src/core/checks/network-policy-checks.ts,
 * semantics in src/core/network-policy.ts): a Service port the policies of every selected pod
 * keep out is reported (rule service-port-allowed), with Kubernetes' isolation rules.
 */
import { checkManifests } from '../../../src/check';
import { brief, Manifest } from '../../util';

type Spec = { [key: string]: any };
const pod = (name: string, labels: Spec = { app: 'web' }, ports: Spec[] = [{ containerPort: 80, name: 'http' }], namespace?: string): Manifest => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels, ...(namespace ? { namespace } : {}) }, spec: { containers: [{ name: 'c', image: 'nginx', ports }] },
});
const service = (ports: Spec[] = [{ port: 80 }], selector: Spec = { app: 'web' }): Manifest => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector, ports },
});
const policy = (name: string, spec: Spec, namespace?: string): Manifest => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, ...(namespace ? { namespace } : {}) }, spec: { podSelector: { matchLabels: { app: 'web' } }, ...spec },
});
const denyAll = policy('deny', { policyTypes: ['Ingress'] });
const allow = (ports?: Spec[], extra: Spec = {}) => policy('allow', { policyTypes: ['Ingress'], ingress: [{ ...(ports ? { ports } : {}), ...extra }] });
const check = (...objects: Manifest[]) => brief(checkManifests(objects)).filter(p => p.rule === 'service-port-allowed');
const blocked = (index = 0, port = 80) => [{ rule: 'service-port-allowed', field: `spec.ports[${index}]`, value: port }];

describe('a Service port is let in', () => {
  test('without any NetworkPolicy', () => {
    expect(check(service(), pod('web'))).toEqual([]);
  });

  test('by a rule of its number, its container port\'s name, a range holding it, every port of the protocol, or no ports at all', () => {
    for (const ports of [[{ port: 80 }], [{ port: 'http' }], [{ port: 70, endPort: 90 }], [{ protocol: 'TCP' }], [], undefined]) {
      expect(check(service(), pod('web'), denyAll, allow(ports))).toEqual([]);
    }
  });

  test('by any one of the policies that select the pod (they add up)', () => {
    expect(check(service(), pod('web'), denyAll, allow([{ port: 80 }]))).toEqual([]);
  });

  test('when a rule lets in only some sources (the check is about the port)', () => {
    expect(check(service(), pod('web'), allow([{ port: 80 }], { from: [{ podSelector: { matchLabels: { role: 'client' } } }] }))).toEqual([]);
  });

  test('a named targetPort is resolved in the pod before the policy\'s number is compared', () => {
    expect(check(service([{ port: 4050, targetPort: 'http' }]), pod('web'), allow([{ port: 80 }]))).toEqual([]);
  });

  test('when one selected pod is not isolated, or its policies let the port in', () => {
    expect(check(service(), pod('web'), pod('web-2', { app: 'web', tier: 'b' }), policy('deny', { podSelector: { matchLabels: { tier: 'b' } }, policyTypes: ['Ingress'] }))).toEqual([]);
    expect(check(service(), pod('web'), pod('web-2', { app: 'web', tier: 'b' }), policy('deny', { podSelector: { matchLabels: { tier: 'b' } }, policyTypes: ['Ingress'] }),
      policy('deny-1', { podSelector: { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 80 }] }] }))).toEqual([]);
  });

  test('a policy with policy type Egress only isolates no ingress', () => {
    expect(check(service(), pod('web'), policy('egress', { policyTypes: ['Egress'] }))).toEqual([]);
  });

  test('a policy of another namespace selects no pod of this one', () => {
    expect(check(service(), pod('web'), policy('deny', { policyTypes: ['Ingress'] }, 'other'))).toEqual([]);
  });

  test('a policy whose selector does not match (matchExpressions In / NotIn / Exists) selects nothing', () => {
    for (const e of [{ key: 'app', operator: 'In', values: ['api'] }, { key: 'app', operator: 'NotIn', values: ['web'] }, { key: 'tier', operator: 'Exists' }]) {
      expect(check(service(), pod('web'), policy('deny', { podSelector: { matchExpressions: [e] }, policyTypes: ['Ingress'] }))).toEqual([]);
    }
  });
});

describe('fails', () => {
  test('fails on a port kept out by a deny-all policy', () => {
    expect(check(service(), pod('web'), denyAll)).toEqual(blocked());
  });

  test('fails when policyTypes is left out and the policy has egress rules only (Ingress is then in force)', () => {
    expect(check(service(), pod('web'), policy('p', { egress: [{}] }))).toEqual(blocked());
  });

  test('fails on a rule for another number, another protocol, a range without it, or a name the pod gives another port', () => {
    for (const ports of [[{ port: 81 }], [{ port: 80, protocol: 'UDP' }], [{ port: 81, endPort: 90 }], [{ port: 'metrics' }], [{ protocol: 'UDP' }]]) {
      expect(check(service(), pod('web', { app: 'web' }, [{ containerPort: 80, name: 'http' }, { containerPort: 9100, name: 'metrics' }]), allow(ports))).toEqual(blocked());
    }
  });

  test('fails on the port kept out, not on the one let in', () => {
    expect(check(service([{ name: 'a', port: 80 }, { name: 'b', port: 81, targetPort: 9100 }]),
      pod('web', { app: 'web' }, [{ containerPort: 80 }, { containerPort: 9100 }]), allow([{ port: 80 }]))).toEqual(blocked(1, 81));
  });

  test('fails when every selected pod keeps the port out, and says how many', () => {
    const problems = checkManifests([service(), pod('web'), pod('web-2'), denyAll]).filter(p => p.rule === 'service-port-allowed');
    expect(brief(problems)).toEqual(blocked());
    expect(problems[0].allowed).toBe('a port the NetworkPolicies of a selected pod let in: Pod/web (and the other 1 selected pods likewise) is isolated by NetworkPolicy/deny (lets in nothing), and none lets in targetPort 80/TCP');
  });

  test('fails for the pods of a Deployment (its template\'s labels)', () => {
    const deployment = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } } },
    };
    expect(check(service(), deployment, denyAll)).toEqual(blocked());
  });
});

describe('a NetworkPolicy as the API server validates it (rule network-policy)', () => {
  const np = (spec: Spec) => brief(checkManifests([policy('p', spec)]));

  test('accepts selectors, ports, peers and policy types the API server accepts', () => {
    expect(np({
      podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }, { key: 'x', operator: 'Exists' }] }, policyTypes: ['Ingress', 'Egress'],
      ingress: [{ ports: [{ port: 80 }, { port: 'http', protocol: 'UDP' }, { port: 1000, endPort: 2000 }, { protocol: 'SCTP' }], from: [
        { podSelector: {} }, { namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: { matchLabels: { app: 'x' } } },
        { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }, { ipBlock: { cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] } },
      ] }],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }],
    })).toEqual([]);
  });

  test('fails on selector operators and their values', () => {
    expect(np({ podSelector: { matchExpressions: [{ key: 'a', operator: 'In' }, { key: 'b', operator: 'Exists', values: ['x'] }, { key: 'c', operator: 'Equals', values: ['x'] }, { key: '-c', operator: 'NotIn', values: ['-x'] }] } })).toEqual([
      { rule: 'labels', field: 'spec.podSelector.matchExpressions[3].key', value: '-c' },
      { rule: 'labels', field: 'spec.podSelector.matchExpressions[3].values[0]', value: '-x' },
      { rule: 'network-policy', field: 'spec.podSelector.matchExpressions[0].values', value: undefined },
      { rule: 'network-policy', field: 'spec.podSelector.matchExpressions[1].values', value: ['x'] },
      { rule: 'network-policy', field: 'spec.podSelector.matchExpressions[2].operator', value: 'Equals' },
    ]);
  });

  test('fails on ports: a bad number, protocol or name, an endPort below port, with a name or without a port', () => {
    expect(np({ ingress: [{ ports: [{ port: 0 }, { port: 80, protocol: 'HTTP' }, { port: 'HTTP' }, { port: 90, endPort: 80 }, { port: 'http', endPort: 90 }, { endPort: 90 }] }] })).toEqual([
      { rule: 'network-policy', field: 'spec.ingress[0].ports[0].port', value: 0 },
      { rule: 'network-policy', field: 'spec.ingress[0].ports[1].protocol', value: 'HTTP' },
      { rule: 'network-policy', field: 'spec.ingress[0].ports[2].port', value: 'HTTP' },
      { rule: 'network-policy', field: 'spec.ingress[0].ports[3].endPort', value: 80 },
      { rule: 'network-policy', field: 'spec.ingress[0].ports[4].endPort', value: 90 },
      { rule: 'network-policy', field: 'spec.ingress[0].ports[5].endPort', value: 90 },
    ]);
  });

  test('fails on peers: none, an ipBlock with a selector, a bad cidr, an except outside or not smaller', () => {
    expect(np({ egress: [{ to: [{}, { ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }, { ipBlock: { cidr: '10.0.0.1' } },
      { ipBlock: { cidr: '10.0.0.0/8', except: ['11.0.0.0/16'] } }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] } }, { ipBlock: { cidr: '10.0.0.0/8', except: ['2001:db8::/48'] } }] }] })).toEqual([
      { rule: 'network-policy', field: 'spec.egress[0].to[0]', value: {} },
      { rule: 'network-policy', field: 'spec.egress[0].to[1]', value: ['podSelector', 'ipBlock'] },
      { rule: 'network-policy', field: 'spec.egress[0].to[2].ipBlock.cidr', value: '10.0.0.1' },
      { rule: 'network-policy', field: 'spec.egress[0].to[3].ipBlock.except[0]', value: '11.0.0.0/16' },
      { rule: 'network-policy', field: 'spec.egress[0].to[4].ipBlock.except[0]', value: '10.0.0.0/8' },
      { rule: 'network-policy', field: 'spec.egress[0].to[5].ipBlock.except[0]', value: '2001:db8::/48' },
    ]);
  });

  test('fails on policy types other than Ingress and Egress, or more than two', () => {
    expect(np({ policyTypes: ['Ingress', 'ingress'] })).toEqual([{ rule: 'network-policy', field: 'spec.policyTypes[1]', value: 'ingress' }]);
    expect(np({ policyTypes: ['Ingress', 'Egress', 'Ingress'] })).toEqual([{ rule: 'network-policy', field: 'spec.policyTypes', value: ['Ingress', 'Egress', 'Ingress'] }]);
  });
});
