/**
 * PodIsolation: one NetworkPolicy that lets in the ports the pods' Services target and lets out
 * DNS, composed with cdk8s-plus peers; and the engine's check of what it keeps out.
 */
import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AppPod, ExposedService, NginxPod, PodIsolation, Protocol, ServiceType, validateApp, Workload } from '../../../src';
import { brief, only, problemsOf, synthProblemsOf } from '../../util';

function setup() {
  const chart = Testing.chart();
  const web = new NginxPod(chart, 'web', { name: 'web' });
  return { chart, web };
}

test('an nginx pod isolated behind its Service', () => {
  const { chart, web } = setup();
  new ExposedService(chart, 'svc', { name: 'web', type: ServiceType.CLUSTER_IP, target: web, port: 4050 });
  new PodIsolation(chart, 'isolation', { target: web, name: 'web-isolation' });
  expect(only(chart, 'NetworkPolicy')).toMatchSnapshot();
  expect(validateApp(chart)).toEqual([]);
});

test('allowFrom with no peer lets nothing in (no ingress rule), never every source; the engine then says the Service is blocked', () => {
  const { chart, web } = setup();
  new ExposedService(chart, 'svc', { name: 'web', type: ServiceType.CLUSTER_IP, target: web, port: 4050 });
  const isolation = web.isolate({ allowFrom: [] });
  expect(isolation.apiObject.toJson().spec.ingress).toBeUndefined();
  expect(validateApp(chart)).toEqual([expect.objectContaining({ rule: 'service-port-allowed', path: 'test/svc' })]);
});

describe('defaults', () => {
  test('ports: the container ports the pods\' Services target, whenever the Services are made; protocol TCP not written', () => {
    const { chart, web } = setup();
    const isolation = web.isolate();
    new ExposedService(chart, 'svc', { type: ServiceType.NODE_PORT, target: web, port: 8080, targetPort: 80 });
    expect(only(chart, 'NetworkPolicy').spec.ingress).toEqual([{ ports: [{ port: 80 }] }]);
    expect(isolation.ports).toEqual([{ port: 80, protocol: 'TCP' }]);
  });

  test('ports: a named targetPort is let in by its name; UDP is written', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'dns', { containers: [{ name: 'dns', image: 'coredns/coredns', ports: [{ number: 53, name: 'dns', protocol: Protocol.UDP }, { number: 53, name: 'dns-tcp' }] }] });
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: pod, ports: [{ name: 'udp', targetPort: pod.portRef('dns') }, { name: 'tcp', targetPort: pod.portRef('dns-tcp') }] });
    pod.isolate();
    expect(only(chart, 'NetworkPolicy').spec.ingress).toEqual([{ ports: [{ port: 'dns', protocol: 'UDP' }, { port: 'dns-tcp' }] }]);
    expect(validateApp(chart)).toEqual([]);
  });

  test('ports: a StatefulSet\'s headless Service sends traffic to every container port: they are let in, and the engine agrees', () => {
    const chart = Testing.chart();
    const db = new AppPod(chart, 'db', {
      containers: [{ name: 'db', image: 'example/db:1', ports: [{ number: 5432 }, { number: 9187, name: 'metrics' }] }], workload: Workload.statefulSet(),
    });
    db.isolate();
    expect(only(chart, 'NetworkPolicy').spec.ingress).toEqual([{ ports: [{ port: 5432 }, { port: 9187 }] }]);
    expect(validateApp(chart)).toEqual([]);
  });

  test('without a Service nothing is let in: no ingress rule', () => {
    const { chart, web } = setup();
    web.isolate();
    expect(only(chart, 'NetworkPolicy').spec.ingress).toBeUndefined();
    expect(only(chart, 'NetworkPolicy').spec.policyTypes).toEqual(['Ingress', 'Egress']);
  });

  test('allowFrom: every source (no `from`)', () => {
    const { chart, web } = setup();
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web });
    web.isolate();
    expect(only(chart, 'NetworkPolicy').spec.ingress[0].from).toBeUndefined();
  });

  test('isolateEgress and allowDns: egress isolated, DNS (UDP and TCP 53 to kube-dns in kube-system) let out', () => {
    const { chart, web } = setup();
    web.isolate();
    expect(only(chart, 'NetworkPolicy').spec.egress).toEqual([{
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [{ port: 53, protocol: 'UDP' }, { port: 53 }],
    }]);
  });

  test('the policy selects the pods by their labels, in their namespace; isolate() is a child named Isolation', () => {
    const chart = Testing.chart();
    const web = new NginxPod(chart, 'web', { labels: { app: 'shop', tier: 'web' }, namespace: 'shop' });
    const isolation = web.isolate();
    expect(isolation.node.path).toBe('test/web/Isolation');
    const np = only(chart, 'NetworkPolicy');
    expect([np.metadata.namespace, np.spec.podSelector]).toEqual(['shop', { matchLabels: { app: 'shop', tier: 'web' } }]);
  });
});

describe('what is given is written', () => {
  test('allowFrom: cdk8s-plus peers (a pod of ours in another namespace, Pods.select, an IP block, Namespaces.select)', () => {
    const { chart, web } = setup();
    const client = new NginxPod(chart, 'client', { name: 'client', namespace: 'other' });
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web });
    web.isolate({ allowFrom: [client, kplus.Pods.select(chart, 'role', { labels: { role: 'x' } }), kplus.NetworkPolicyIpBlock.ipv4(chart, 'ip', '10.0.0.0/8'), kplus.Namespaces.select(chart, 'ns', { names: ['ingress-nginx'] })] });
    expect(only(chart, 'NetworkPolicy').spec.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } }, podSelector: { matchLabels: { app: 'client' } } },
      { podSelector: { matchLabels: { role: 'x' } } },
      { ipBlock: { cidr: '10.0.0.0/8' } },
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: {} },
    ]);
  });

  test('ports: the handles given, and no others', () => {
    const { chart, web } = setup();
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web });
    web.isolate({ ports: [web.portRef(80)] });
    expect(only(chart, 'NetworkPolicy').spec.ingress).toEqual([{ ports: [{ port: 80 }] }]);
  });

  test('isolateEgress false: ingress only; allowDns false: no DNS rule; allowEgressTo: a rule of every port', () => {
    const a = setup();
    a.web.isolate({ isolateEgress: false });
    expect(only(a.chart, 'NetworkPolicy').spec.policyTypes).toEqual(['Ingress']);
    expect(only(a.chart, 'NetworkPolicy').spec.egress).toBeUndefined();
    const b = setup();
    b.web.isolate({ allowDns: false, allowEgressTo: [kplus.NetworkPolicyIpBlock.ipv4(b.chart, 'ip', '10.0.0.0/8')] });
    expect(only(b.chart, 'NetworkPolicy').spec.egress).toEqual([{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }]);
  });

  test('the documented way to a NodeLocal DNSCache: the DNS rule stays, the cache\'s address is added on every port', () => {
    const { chart, web } = setup();
    web.isolate({ allowEgressTo: [kplus.NetworkPolicyIpBlock.ipv4(chart, 'dns-cache', '169.254.20.10/32')] });
    expect(only(chart, 'NetworkPolicy').spec.egress).toEqual([
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [{ port: 53, protocol: 'UDP' }, { port: 53 }],
      },
      { to: [{ ipBlock: { cidr: '169.254.20.10/32' } }] },
    ]);
  });
});

describe('fails', () => {
  test('fails at synth on a Service port the isolation keeps out (given ports without it)', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'pod', { containers: [{ name: 'app', image: 'nginx', ports: [{ number: 80, name: 'http' }, { number: 9100, name: 'metrics' }] }] });
    new ExposedService(chart, 'svc', { name: 'web', type: ServiceType.CLUSTER_IP, target: pod, targetPort: pod.portRef('http') });
    pod.isolate({ ports: [pod.portRef('metrics')] });
    expect(brief(validateApp(chart))).toEqual([{ rule: 'service-port-allowed', field: 'spec.ports[0]', value: 80 }]);
  });

  test('fails on a handle of another pod, on peers that are not peers and on a name of the wrong type', () => {
    const { chart, web } = setup();
    const other = new NginxPod(chart, 'other', {});
    expect(brief(problemsOf(() => new PodIsolation(chart, 'i', { target: web, ports: [other.portRef(80)], allowFrom: [{} as never], name: 5 as never })))).toEqual([
      { rule: 'props', field: 'name', value: 5 },
      { rule: 'port-reference', field: 'ports[0]', value: '80/TCP of test/other' },
      { rule: 'props', field: 'allowFrom[0]', value: {} },
    ]);
  });

  test('fails on a target that is no pod construct, and on flags that are not booleans', () => {
    const chart = Testing.chart();
    expect(brief(problemsOf(() => new PodIsolation(chart, 'i', { target: 'web' as never, isolateEgress: 'no' as never })))).toEqual([
      { rule: 'props', field: 'target', value: 'web' },
      { rule: 'props', field: 'isolateEgress', value: 'no' },
    ]);
  });
});

test('fails on a second isolate() of one pod construct, with our error', () => {
  const { web } = setup();
  web.isolate();
  expect(brief(problemsOf(() => web.isolate()))).toEqual([{ rule: 'props', field: 'isolate()', value: 'Isolation' }]);
});

test('name: generated from the construct path when not given', () => {
  const { chart, web } = setup();
  const isolation = web.isolate();
  expect(only(chart, 'NetworkPolicy').metadata.name).toMatch(/^test-web-isolation-[0-9a-f]{8}$/);
  expect(isolation.name).toBe(only(chart, 'NetworkPolicy').metadata.name);
});

test('fails on a NetworkPolicy name that is not a DNS-1123 subdomain, at synth, with the written field', () => {
  const chart = Testing.chart();
  const web = new NginxPod(chart, 'web', { name: 'web' });
  new PodIsolation(chart, 'isolation', { target: web, name: 'Web_Isolation' });
  expect(brief(synthProblemsOf(chart))).toEqual([{ rule: 'object-name', field: 'metadata.name', value: 'Web_Isolation' }]);
  expect(brief(problemsOf(() => new PodIsolation(chart, 'typed', { target: web, name: 5 as never })))).toEqual([{ rule: 'props', field: 'name', value: 5 }]);
});
