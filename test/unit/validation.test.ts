import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  AppPod, collectProblems, ContainerProps, rules, ExposedService, FlaskPod, IPodTarget, logSidecar, NginxPod, NODE_PORT_RANGE_CONTEXT, Probe, SecurityProfile, ServiceType,
  ValidationError, Volume, Workload, writeFilesInit,
} from '../src';
import { synth } from './util';

const k8s = kplus.k8s;

/** The app's cross-object problems as they print: `[path] field: …`. */
function problems(chart: Chart): string[] {
  return collectProblems(chart).map(p => `[${p.path}] ${p.field}: ${JSON.stringify(p.value)} ${p.allowed}`);
}

describe('cross-object checks at synth', () => {
  test('run in every user\'s synth: Testing.synth and app.synth', () => {
    const chart = Testing.chart();
    const pod = new NginxPod(chart, 'web');
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: pod, port: 80, targetPort: 8080 });
    expect(() => synth(chart)).toThrow(/\[cdk8s-pods-services\] \[test\/svc\] targetPort: 8080 is not valid: a TCP port a selected pod declares: 80\. Fix: point targetPort at a container port/);
    expect(() => (chart.node.scope as App).synth()).toThrow(/targetPort: 8080 is not valid/);
  });

  test('are registered once per app, however many constructs', () => {
    const app = Testing.app();
    for (const id of ['a', 'b']) new NginxPod(new Chart(app, id), 'web');
    expect(app.node.children.filter(c => c.node.id === 'cdk8s-pods-services')).toHaveLength(1);
  });

  test('fails on a named targetPort the pod does not declare', () => {
    const chart = Testing.chart();
    const pod = new NginxPod(chart, 'web');
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: pod, port: 80, targetPort: 'http' });
    expect(() => synth(chart)).toThrow(/\[test\/svc\] targetPort: "http" is not valid: a TCP port a selected pod declares: 80\. Fix: use the name of a container port/);
  });

  test('fails on a selector that matches no pod: a target in another namespace', () => {
    const chart = Testing.chart();
    const pod = new NginxPod(chart, 'web', { namespace: 'shop' });
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: pod, namespace: 'front' });
    expect(() => synth(chart)).toThrow(/\[test\/svc\] selector: \{"app":"test-web-[a-z0-9]+"\} is not valid: a selector that matches a pod in the Service's namespace \(front\): Pod\/shop\/test-web-[a-z0-9]+ has the labels in namespace "shop"\. Fix: put the Service in the namespace of its pods/);
  });

  test('fails on a selector that matches no pod: a raw L1 Service beside our pods', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { labels: { app: 'web' } });
    new k8s.KubeService(chart, 'raw', { metadata: { name: 'raw' }, spec: { selector: { app: 'wbe' }, ports: [{ port: 80 }] } });
    expect(() => synth(chart)).toThrow(/\[test\/raw\] selector: \{"app":"wbe"\} is not valid: a selector that matches/);
  });

  test('a raw Service selecting the pods of a raw ReplicationController (core v1) passes', () => {
    const chart = Testing.chart();
    new k8s.KubeService(chart, 'svc', { metadata: { name: 'svc' }, spec: { selector: { app: 'rc' }, ports: [{ port: 80 }] } });
    new k8s.KubeReplicationController(chart, 'rc', {
      metadata: { name: 'rc' },
      spec: { selector: { app: 'rc' }, template: { metadata: { labels: { app: 'rc' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } } },
    });
    expect(problems(chart)).toEqual([]);
  });

  test('fails on a Service written after a Pod it selects (raw objects, no dependency)', () => {
    const chart = Testing.chart();
    const raw = new k8s.KubePod(chart, 'pod', { metadata: { name: 'p', labels: { app: 'p' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } });
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: rawTarget(chart, { app: 'p' }, [80], raw), port: 80 });
    expect(problems(chart)).toEqual([]); // our Service depends on the target: written first
    new k8s.KubeService(chart, 'late', { metadata: { name: 'late' }, spec: { selector: { app: 'p' }, ports: [{ port: 80 }] } });
    expect(() => synth(chart)).toThrow(/\[test\/late\] output order: "Pod\/p comes first" is not valid: the Service before the pods it selects/);
  });

  test('a Service in another chart than its target: synth writes the Service\'s chart first, as checked', () => {
    const app = Testing.app();
    const pods = new Chart(app, 'pods');
    const pod = new NginxPod(pods, 'web');
    const services = new Chart(app, 'services');
    new ExposedService(services, 'svc', { type: ServiceType.CLUSTER_IP, target: pod });
    expect(collectProblems(app)).toEqual([]);
    app.synth();
    // cdk8s orders dependent charts and numbers their files.
    expect(fs.readdirSync(app.outdir).sort()).toEqual(['0000-services.k8s.yaml', '0001-pods.k8s.yaml']);
  });

  test('fails on two Services of one name in the app, naming both constructs', () => {
    const app = Testing.app();
    const pod = new NginxPod(new Chart(app, 'a'), 'web');
    new ExposedService(new Chart(app, 'b'), 'svc', { name: 'web', type: ServiceType.CLUSTER_IP, target: pod });
    new ExposedService(new Chart(app, 'c'), 'svc', { name: 'web', type: ServiceType.CLUSTER_IP, target: pod });
    expect(() => app.synth()).toThrow(/\[c\/svc\] name: "web" is not valid: a name no other Service of the app has in its namespace: b\/svc has it, and applying both leaves only the last\. Fix: give one of them another name/);
  });

  test('a dependency between plain constructs orders their objects, as App.synth writes them', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new NginxPod(chart, 'other', { labels: { app: 'other' } });
    const pods = new Construct(chart, 'pods');
    const services = new Construct(chart, 'services');
    new k8s.KubePod(pods, 'pod', { metadata: { name: 'p', labels: { app: 'p' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } });
    new k8s.KubeService(services, 'svc', { metadata: { name: 's' }, spec: { selector: { app: 'p' }, ports: [{ port: 80 }] } });
    expect(collectProblems(app).map(p => p.field)).toEqual(['output order']);
    pods.node.addDependency(services);
    expect(collectProblems(app)).toEqual([]);
    app.synth();
    const written = fs.readFileSync(path.join(app.outdir, 'c.k8s.yaml'), 'utf8');
    expect(written.indexOf('kind: Service')).toBeLessThan(written.indexOf('name: p\n'));
  });

  test('fails on a raw Service in a chart written after the chart of its pods', () => {
    const app = Testing.app();
    const pods = new Chart(app, 'pods');
    new NginxPod(pods, 'web', { labels: { app: 'web' } });
    const services = new Chart(app, 'services');
    new k8s.KubeService(services, 'svc', { metadata: { name: 'svc' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    expect(() => app.synth()).toThrow(/\[services\/svc\] output order: .* Fix: add a dependency: .*podChart\.addDependency\(serviceChart\)/);
    pods.addDependency(services);
    expect(() => app.synth()).not.toThrow();
  });

  test('fails on one nodePort in two Services of different charts', () => {
    const app = Testing.app();
    for (const id of ['a', 'b']) {
      const chart = new Chart(app, id);
      new ExposedService(chart, 'svc', { type: ServiceType.NODE_PORT, target: new FlaskPod(chart, 'api'), nodePort: 30080 });
    }
    expect(() => app.synth()).toThrow(/\[b\/svc\] nodePort: 30080 is not valid: a nodePort no other Service of the app has: Service\/a-svc-[a-z0-9]+ already has it, and the cluster allocates each nodePort once/);
  });

  test('reports every cross-object problem at once', () => {
    const chart = Testing.chart();
    const pod = new NginxPod(chart, 'web');
    new ExposedService(chart, 'a', { type: ServiceType.NODE_PORT, target: pod, port: 80, targetPort: 81, nodePort: 30001 });
    new ExposedService(chart, 'b', { type: ServiceType.NODE_PORT, target: pod, port: 80, nodePort: 30001 });
    let message = '';
    try { synth(chart); } catch (e) { message = (e as Error).message; }
    expect(message.split('\n').filter(l => l.includes('[cdk8s-pods-services]'))).toHaveLength(2);
    expect(message).toMatch(/\[test\/a\] targetPort: 81/);
    expect(message).toMatch(/\[test\/b\] nodePort: 30001/);
  });

  test('the node port range is widened by a context value', () => {
    const app = Testing.app();
    app.node.setContext(NODE_PORT_RANGE_CONTEXT, '20000-40000');
    const chart = new Chart(app, 'test');
    new ExposedService(chart, 'svc', { type: ServiceType.NODE_PORT, target: new FlaskPod(chart, 'api'), nodePort: 20000 });
    expect(() => app.synth()).not.toThrow();
    expect(() => new ExposedService(chart, 'over', { type: ServiceType.NODE_PORT, target: new FlaskPod(chart, 'api2'), nodePort: 40001 }))
      .toThrow(/\[test\/over\] nodePort: 40001 is not valid: an integer from 20000 to 40000 \(the "cdk8s-pods-services:nodePortRange" context value\)/);
  });

  test('fails on a malformed node port range', () => {
    const app = Testing.app();
    app.node.setContext(NODE_PORT_RANGE_CONTEXT, '40000-20000');
    const chart = new Chart(app, 'test');
    expect(() => new ExposedService(chart, 'svc', { type: ServiceType.NODE_PORT, target: new FlaskPod(chart, 'api') }))
      .toThrow(/context "cdk8s-pods-services:nodePortRange": "40000-20000" is not valid: a port range "lo-hi"/);
  });

  test('fails on a nodePort outside 30000-32767 by default, with the way to widen it', () => {
    const chart = Testing.chart();
    expect(() => new ExposedService(chart, 'svc', { type: ServiceType.NODE_PORT, target: new FlaskPod(chart, 'api'), nodePort: 29999 }))
      .toThrow(/nodePort: 29999 is not valid: an integer from 30000 to 32767 \(the default --service-node-port-range\)\. Fix: .*setContext\("cdk8s-pods-services:nodePortRange", "lo-hi"\)/);
  });

  test('cdk8s-plus objects beside ours are read from their manifests', () => {
    const chart = Testing.chart();
    const deployment = new kplus.Deployment(chart, 'deploy', { containers: [{ image: 'nginx', portNumber: 80, securityContext: { ensureNonRoot: false } }] });
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: rawTarget(chart, deployment.matchLabels as { [k: string]: string }, [80], (deployment as any).apiObject), port: 80 });
    expect(problems(chart)).toEqual([]);
  });
});

describe('cross-object checks reused between validations of one app', () => {
  // cdk8s validates the app in App.synth() and again per chart it writes; the findings are
  // reused only while the app is the one they were found in.
  test('fails on a Service added between two synths', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const pod = new NginxPod(chart, 'web');
    new ExposedService(chart, 'svc', { name: 'web', type: ServiceType.CLUSTER_IP, target: pod });
    app.synth();
    new ExposedService(chart, 'again', { name: 'web', type: ServiceType.CLUSTER_IP, target: pod });
    expect(() => app.synth()).toThrow(/\[c\/again\] name: "web" is not valid: a name no other Service of the app has in its namespace: c\/svc has it/);
  });

  test('fails on a dependency added between two synths that writes a pod before its Service', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const first = new NginxPod(chart, 'first', { name: 'first', labels: { app: 'x' } });
    const svc = new ExposedService(chart, 'svc', { name: 'svc', type: ServiceType.CLUSTER_IP, target: first });
    const second = new NginxPod(chart, 'second', { name: 'second', labels: { app: 'x' } });
    app.synth();
    svc.node.addDependency(second);
    expect(() => app.synth()).toThrow(/\[c\/svc\] output order: "Pod\/second comes first" is not valid: the Service before the pods it selects/);
  });

  test('fails on a targetPort no container declares, until a container added between two synths declares it', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const pod = new NginxPod(chart, 'web');
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: pod, port: 80, targetPort: 8080 });
    expect(() => app.synth()).toThrow(/\[c\/svc\] targetPort: 8080 is not valid/);
    expect(() => app.synth()).toThrow(/\[c\/svc\] targetPort: 8080 is not valid/);
    pod.addContainer({ name: 'api', image: 'api', port: 8080 });
    expect(() => app.synth()).not.toThrow();
  });

  test('fails on a raw Service changed between two synths: foreign objects are read again', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const raw = new k8s.KubeService(chart, 'raw', { metadata: { name: 'raw' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    new NginxPod(chart, 'web', { labels: { app: 'web' } });
    app.synth();
    raw.addJsonPatch(JsonPatch.replace('/spec/selector', { app: 'wbe' }));
    expect(() => app.synth()).toThrow(/\[c\/raw\] selector: \{"app":"wbe"\} is not valid: a selector that matches/);
  });

  test('fails on a Service whose own target changes its labels between two synths', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const labels: { [k: string]: string } = { app: 'web' };
    const target = rawTarget(chart, labels);
    new ExposedService(chart, 'svc', { name: 'svc', type: ServiceType.CLUSTER_IP, target });
    new NginxPod(chart, 'web', { labels: { app: 'web' } });
    app.synth();
    labels.app = 'wbe';
    expect(() => app.synth()).toThrow(/\[c\/svc\] selector: \{"app":"wbe"\} is not valid: a selector that matches/);
  });
});

describe('catalog checks not covered per construct', () => {
  test('"1-web" is a valid Pod name and an invalid Service name', () => {
    const chart = Testing.chart();
    const pod = new NginxPod(chart, 'web', { name: '1-web' });
    expect(() => new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: pod, name: '1-web' }))
      .toThrow(/\[test\/svc\] name: "1-web" is not valid: a DNS-1035 label: .*starting with a letter/);
  });

  test('fails on a Service port name that is not a DNS-1123 label', () => {
    const chart = Testing.chart();
    const pod = new NginxPod(chart, 'web');
    expect(() => new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: pod, ports: [{ port: 80, name: 'Web_Port' }] }))
      .toThrow(/ports\[0\]\.name: "Web_Port" is not valid: a DNS-1123 label/);
  });

  test('fails on a container port outside 1-65535 in `ports`', () => {
    const chart = Testing.chart();
    expect(() => new AppPod(chart, 'app', { containers: [{ name: 'c', image: 'x', ports: [{ number: 0 }] }] }))
      .toThrow(/containers\[0\]\.ports\[0\]\.number: 0 is not valid: an integer from 1 to 65535/);
  });

  test('fails on a target whose selector labels are invalid', () => {
    const chart = Testing.chart();
    const target = rawTarget(chart, { 'app name': 'x y' });
    expect(() => new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target, port: 80 }))
      .toThrow(/target\.selectorLabels key: "app name" is not valid: a label key[\s\S]*target\.selectorLabels\["app name"\]: "x y" is not valid: a label value/);
  });

  test('fails on a target with no labels (an empty selector)', () => {
    const chart = Testing.chart();
    expect(() => new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: rawTarget(chart, {}), port: 80 }))
      .toThrow(/target\.selectorLabels: \{\} is not valid: at least one label/);
  });

  test('fails on an invalid namespace', () => {
    const chart = Testing.chart();
    expect(() => new NginxPod(chart, 'web', { namespace: 'My NS' })).toThrow(/namespace: "My NS" is not valid: a DNS-1123 label/);
  });

  test('fails on an unknown protocol', () => {
    const chart = Testing.chart();
    expect(() => new AppPod(chart, 'app', { containers: [{ name: 'c', image: 'x', ports: [{ number: 80, protocol: 'HTTP' as any }] }] }))
      .toThrow(/containers\[0\]\.ports\[0\]\.protocol: "HTTP" is not valid: one of TCP, UDP, SCTP/);
  });
});

describe('what the API server refuses in a container, caught at construction', () => {
  const c = { name: 'c', image: 'x', port: 80 };
  const cases: [string, Partial<ContainerProps>, RegExp][] = [
    ['an environment variable name with a space', { env: { 'MY VAR': '1' } },
      /\[test\/x\] containers\[0\]\.env: "MY VAR" is not valid: an environment variable name: letters, digits, "_", "-" and "\.", not starting with a digit/],
    ['an environment variable name starting with a digit', { env: { '1A': '1' } }, /containers\[0\]\.env: "1A" is not valid: an environment variable name/],
    ['a CPU request that is not a quantity', { resources: { requests: { cpu: 'lots' } } },
      /containers\[0\]\.resources\.requests\.cpu: "lots" is not valid: a non-negative Kubernetes quantity/],
    ['a negative memory limit', { resources: { limits: { memory: '-1Mi' } } }, /containers\[0\]\.resources\.limits\.memory: "-1Mi" is not valid: a non-negative Kubernetes quantity/],
    ['a memory request above its limit', { resources: { requests: { memory: '1Gi' }, limits: { memory: '128Mi' } } },
      /containers\[0\]\.resources\.requests\.memory: "1Gi" is not valid: at most the memory limit \(128Mi\)\. Fix: lower the request or raise the limit/],
    ['a CPU request above its limit, in other units', { resources: { requests: { cpu: '1.5' }, limits: { cpu: '1000m' } } },
      /containers\[0\]\.resources\.requests\.cpu: "1\.5" is not valid: at most the cpu limit \(1000m\)/],
    ['a mounted volume whose name is not a DNS-1123 label', { mounts: [{ volume: Volume.emptyDir('Bad_Name'), path: '/data' }] },
      /containers\[0\]\.mounts\[0\]\.volume\.name: "Bad_Name" is not valid: a DNS-1123 label/],
    ['an empty mount path', { mounts: [{ volume: Volume.emptyDir('data'), path: '' }] }, /containers\[0\]\.mounts\[0\]\.path: "" is not valid: a path inside the container/],
    ['two mounts at one path', { mounts: [{ volume: Volume.emptyDir('a'), path: '/data' }, { volume: Volume.emptyDir('b'), path: '/data' }] },
      /containers\[0\]\.mounts\[1\]\.path: "\/data" is not valid: a path no other mount of the container has/],
    ['an absolute subPath', { mounts: [{ volume: Volume.emptyDir('data'), path: '/data', subPath: '/etc' }] },
      /containers\[0\]\.mounts\[0\]\.subPath: "\/etc" is not valid: a relative path inside the volume, without "\.\."/],
    ['a subPath that climbs out', { mounts: [{ volume: Volume.emptyDir('data'), path: '/data', subPath: 'a/../../b' }] }, /containers\[0\]\.mounts\[0\]\.subPath: "a\/\.\.\/\.\.\/b" is not valid/],
    ['two ports of one name', { ports: [{ number: 81, name: 'http' }, { number: 82, name: 'http' }] },
      /containers\[0\]\.ports\[1\]\.name: "http" is not valid: a name no other port of the container has/],
    ['a negative probe period', { readiness: Probe.httpGet('/', { periodSeconds: -1 }) },
      /containers\[0\]\.readiness\.periodSeconds: -1 is not valid: an integer of 0 or more/],
    ['a fractional probe timeout', { liveness: Probe.tcpSocket({ timeoutSeconds: 0.5 }) }, /containers\[0\]\.liveness\.timeoutSeconds: 0\.5 is not valid: an integer of 0 or more/],
  ];
  test.each(cases)('fails on %s', (_name, extra, message) => {
    const chart = Testing.chart();
    expect(() => new AppPod(chart, 'x', { containers: [{ ...c, ...extra }] })).toThrow(message);
  });

  test('rules.parseQuantity reads decimal and binary suffixes and exponents, and nothing else', () => {
    expect([['250m', 0.25], ['64Mi', 64 * 2 ** 20], ['1Gi', 2 ** 30], ['1e3', 1000], ['1.5', 1.5], ['.5', 0.5], ['2k', 2000]]
      .map(([q]) => rules.parseQuantity(q))).toEqual([0.25, 64 * 2 ** 20, 2 ** 30, 1000, 1.5, 0.5, 2000]);
    expect(rules.parseQuantity('100n')).toBeCloseTo(1e-7, 12);
    expect(['', 'lots', '1 Gi', '1GB', 'Mi', '1.2.3', '1e', 5].map(q => rules.parseQuantity(q))).toEqual(Array(8).fill(undefined));
  });

  test('quantities in every notation the API server takes are accepted', () => {
    const chart = Testing.chart();
    const quantities = [{ cpu: '0.1', memory: '1e6' }, { cpu: '100m', memory: '64Mi' }, { cpu: '2', memory: '1G' }, { cpu: '.5', memory: '128974848' }];
    quantities.forEach((q, i) => new AppPod(chart, `p${i}`, { containers: [{ ...c, resources: { requests: q, limits: q } }] }));
    expect(() => synth(chart)).not.toThrow();
  });

  test('fails on an annotation key that is not a label key', () => {
    const chart = Testing.chart();
    expect(() => new AppPod(chart, 'x', { annotations: { 'my note': 'x' }, containers: [c] }))
      .toThrow(/\[test\/x\] annotations key: "my note" is not valid: a label key/);
  });
});

describe('wrong types from JavaScript callers are ValidationErrors, never TypeErrors', () => {
  const cases: [string, (chart: Chart) => void, RegExp][] = [
    ['null pod props', c => new AppPod(c, 'x', null as any), /props: null is not valid/],
    ['containers not an array', c => new AppPod(c, 'x', { containers: 'nginx' as any }), /containers: "nginx" is not valid: an array/],
    ['a null container', c => new AppPod(c, 'x', { containers: [null as any] }), /containers\[0\]: null is not valid/],
    ['ports not an array', c => new AppPod(c, 'x', { containers: [{ name: 'c', image: 'x', ports: 80 as any }] }), /containers\[0\]\.ports: 80 is not valid: an array/],
    ['a null port', c => new AppPod(c, 'x', { containers: [{ name: 'c', image: 'x', ports: [null as any] }] }), /containers\[0\]\.ports\[0\]: null/],
    ['env not an object', c => new AppPod(c, 'x', { containers: [{ name: 'c', image: 'x', env: ['A=1'] as any }] }), /containers\[0\]\.env/],
    ['mounts without a volume', c => new AppPod(c, 'x', { containers: [{ name: 'c', image: 'x', mounts: [{ path: '/a' } as any] }] }), /containers\[0\]\.mounts/],
    ['a probe that is not a Probe', c => new AppPod(c, 'x', { containers: [{ name: 'c', image: 'x', port: 80, readiness: { kind: 'httpGet' } as any }] }), /containers\[0\]\.readiness/],
    ['labels not an object', c => new AppPod(c, 'x', { labels: 'app=web' as any }), /labels: "app=web" is not valid: an object/],
    ['a numeric label value', c => new AppPod(c, 'x', { labels: { app: 1 as any } }), /labels\["app"\]: 1 is not valid: a label value/],
    ['a volume that is not a Volume', c => new AppPod(c, 'x', { volumes: [{ name: 'v' } as any] }), /volumes\[\]: \{"name":"v"\} is not valid: a Volume/],
    ['a security profile that is not one', c => new AppPod(c, 'x', { securityProfile: 'restricted' as any, containers: [{ name: 'c', image: 'x' }] }), /securityProfile: "restricted" is not valid: a SecurityProfile/],
    ['null preset props', c => new NginxPod(c, 'x', null as any), /\[test\/x\] props: null is not valid: an object of preset pod props/],
    ['preset containers not an array', c => new FlaskPod(c, 'x', { containers: 5 as any }), /\[test\/x\] containers: 5 is not valid: an array/],
    ['a preset security profile that is not one', c => new NginxPod(c, 'x', { securityProfile: {} as any }), /\[test\/x\] securityProfile: \{\} is not valid/],
    ['null service props', c => new ExposedService(c, 'x', null as any), /props: null is not valid/],
    ['a target that is not a pod construct', c => new ExposedService(c, 'x', { type: ServiceType.CLUSTER_IP, target: {} as any }), /target: "Object" is not valid: a pod construct/],
    ['service ports not an array', c => new ExposedService(c, 'x', { type: ServiceType.CLUSTER_IP, target: new NginxPod(c, 'p'), ports: 80 as any }), /ports: 80 is not valid: an array/],
    ['a string port', c => new ExposedService(c, 'x', { type: ServiceType.CLUSTER_IP, target: new NginxPod(c, 'p'), port: '80' as any }), /port: "80" is not valid: an integer from 1 to 65535/],
    ['service labels not an object', c => new ExposedService(c, 'x', { type: ServiceType.EXTERNAL_NAME, externalName: 'a.b', labels: 5 as any }), /labels: 5 is not valid/],
    ['a mounted volume that is not a Volume', c => new AppPod(c, 'x', { containers: [{ name: 'c', image: 'x', mounts: [{ volume: { name: 'v' } as any, path: '/v' }] }] }),
      /\[test\/x\] containers\[0\]\.mounts: .* is not valid: an array of \{ volume: Volume, path \}/],
    ['null resource requests', c => new AppPod(c, 'x', { containers: [{ name: 'c', image: 'x', resources: { requests: null as any } }] }),
      /containers\[0\]\.resources\.requests: null is not valid: an object \{ cpu\?, memory\? \}/],
    ['an unknown imagePullPolicy', c => new AppPod(c, 'x', { containers: [{ name: 'c', image: 'x', imagePullPolicy: 'Sometimes' as any }] }),
      /containers\[0\]\.imagePullPolicy: "Sometimes" is not valid: one of Always, IfNotPresent, Never/],
    ['a mount readOnly that is not a boolean', c => new AppPod(c, 'x', { containers: [{ name: 'c', image: 'x', mounts: [{ volume: Volume.emptyDir('v'), path: '/v', readOnly: 'yes' as any }] }] }),
      /containers\[0\]\.mounts\[0\]\.readOnly: "yes" is not valid: true or false/],
    ['a numeric workingDir', c => new AppPod(c, 'x', { containers: [{ name: 'c', image: 'x', workingDir: 5 as any }] }), /containers\[0\]\.workingDir: 5 is not valid/],
    ['a securityContext that is not an object', c => new AppPod(c, 'x', { containers: [{ name: 'c', image: 'x', securityContext: 'restricted' as any }] }),
      /containers\[0\]\.securityContext: "restricted" is not valid: an object/],
    ['an unknown emptyDir medium', () => Volume.emptyDir('v', { medium: 'Disk' as any }), /\[Volume\.emptyDir\(\)\] medium: "Disk" is not valid: EmptyDirMedium\.DEFAULT or EmptyDirMedium\.MEMORY/],
    ['an emptyDir sizeLimit that is not a quantity', () => Volume.emptyDir('v', { sizeLimit: 'big' }), /\[Volume\.emptyDir\(\)\] sizeLimit: "big" is not valid: a non-negative Kubernetes quantity/],
    ['a ConfigMap name that is not a DNS-1123 subdomain', () => Volume.configMap('v', 'My Config'), /\[Volume\.configMap\(\)\] configMapName: "My Config" is not valid: a DNS-1123 subdomain/],
    ['a numeric annotation value', c => new AppPod(c, 'x', { annotations: { note: 1 as any } }), /annotations\["note"\]: 1 is not valid: a string/],
    ['null probe options', () => Probe.httpGet('/', null as any), /\[Probe\.httpGet\(\)\] options: null is not valid: an object of probe options/],
    ['an exec probe without a command', () => Probe.exec(undefined as any), /\[Probe\.exec\(\)\] command: undefined is not valid: a non-empty array of strings/],
    ['null emptyDir options', () => Volume.emptyDir('v', null as any), /\[Volume\.emptyDir\(\)\] options: null is not valid/],
    ['null deployment options', () => Workload.deployment(null as any), /\[Workload\.deployment\(\)\] options: null is not valid/],
    ['null statefulSet options', () => Workload.statefulSet(null as any), /\[Workload\.statefulSet\(\)\] options: null is not valid/],
    ['null restricted profile options', () => SecurityProfile.restricted(null as any), /\[SecurityProfile\.restricted\(\)\] options: null is not valid/],
    ['a log sidecar without props', () => logSidecar(null as any), /\[logSidecar\(\)\] props: null is not valid/],
    ['a log sidecar without volume or files', () => logSidecar({ path: '/l' } as any),
      /\[logSidecar\(\)\] volume: undefined is not valid: a Volume[^]*\[logSidecar\(\)\] files: undefined is not valid: an array of file names/],
    ['an init container with files as an array', () => writeFilesInit({ volume: Volume.emptyDir('v'), path: '/v', files: ['a'] as any }),
      /\[writeFilesInit\(\)\] files: \["a"\] is not valid: an object of file names to string contents/],
    ['a profile group that is not a number', c => new AppPod(c, 'x', { containers: [{ name: 'c', image: 'x' }], securityProfile: SecurityProfile.restricted({ runAsGroup: '1000' as any }) }),
      /securityProfile\.runAsGroup: "1000" is not valid: a numeric group/],
    ['a profile readOnlyRootFilesystem that is not a boolean', c => new AppPod(c, 'x', { containers: [{ name: 'c', image: 'x' }], securityProfile: SecurityProfile.restricted({ readOnlyRootFilesystem: 'no' as any }) }),
      /securityProfile\.readOnlyRootFilesystem: "no" is not valid: true or false/],
  ];
  test.each(cases)('fails on %s', (_name, build, message) => {
    const chart = Testing.chart();
    let caught: unknown;
    try { build(chart); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as Error).message).toMatch(message);
  });
});

/** A pod target that is not one of our constructs: labels given, pods created by `apiObject`. */
function rawTarget(chart: Chart, labels: { [k: string]: string }, ports: number[] = [80], apiObject?: any): IPodTarget {
  const obj = apiObject ?? new k8s.KubeConfigMap(chart, `cm-${Object.keys(labels).length}-${Math.random().toString(36).slice(2, 6)}`, {});
  return {
    node: obj.node, selectorLabels: labels, apiObject: obj,
    exposedPorts: ports.map(number => ({ container: 'c', number, protocol: 'TCP' as any })),
  } as unknown as IPodTarget;
}
