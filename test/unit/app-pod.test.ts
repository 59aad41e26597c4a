import { ApiObject, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AppPod, DEFAULT_NODE_PORT_RANGE, DEFAULT_RESOURCES, HELPER_RESOURCES, Probe, Protocol, RestartPolicy, ValidationError, Volume } from '../src';
import { only, synth } from './util';

const web = { name: 'web', image: 'nginx', port: 80 };

describe('AppPod', () => {
  test('defaults', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', { containers: [{ name: 'app', image: 'example/app:1' }] });
    expect(synth(chart)).toMatchSnapshot();
  });

  test('the name defaults to one derived from the construct path, and the labels to { app: name }', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'app', { containers: [web] });
    expect(pod.name).toMatch(/^test-app-[0-9a-f]{8}$/);
    expect(only(chart, 'Pod').metadata).toEqual({ name: pod.name, labels: { app: pod.name } });
    expect(pod.labels).toEqual({ app: pod.name });
  });

  test('labels given are the only labels (no cdk8s.io/metadata.addr)', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', { labels: { app: 'x', tier: 'web' }, containers: [web] });
    expect(only(chart, 'Pod').metadata.labels).toEqual({ app: 'x', tier: 'web' });
  });

  test('containers get the documented default resources', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', { containers: [web] });
    expect(only(chart, 'Pod').spec.containers[0].resources).toEqual({
      requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' },
    });
    expect(DEFAULT_RESOURCES).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } });
  });

  test('the shared defaults cannot be changed from JavaScript', () => {
    expect(Object.isFrozen(DEFAULT_RESOURCES) && Object.isFrozen(DEFAULT_RESOURCES.requests) && Object.isFrozen(DEFAULT_RESOURCES.limits)).toBe(true);
    expect(Object.isFrozen(HELPER_RESOURCES) && Object.isFrozen(HELPER_RESOURCES.requests) && Object.isFrozen(DEFAULT_NODE_PORT_RANGE)).toBe(true);
  });

  test('resources given replace the defaults', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', { containers: [{ ...web, resources: { requests: { cpu: '1' }, limits: { cpu: '2', memory: '1Gi' } } }] });
    expect(only(chart, 'Pod').spec.containers[0].resources).toEqual({ requests: { cpu: '1' }, limits: { cpu: '2', memory: '1Gi' } });
  });

  test('restartPolicy, namespace and annotations are written only when set', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'a', { containers: [web] });
    new AppPod(chart, 'b', { containers: [web], restartPolicy: RestartPolicy.NEVER, namespace: 'demo', annotations: { note: 'x' } });
    const [a, b] = synth(chart);
    expect(a.spec.restartPolicy).toBeUndefined();
    expect(a.metadata.namespace).toBeUndefined();
    expect(b.spec.restartPolicy).toBe('Never');
    expect(b.metadata).toMatchObject({ namespace: 'demo', annotations: { note: 'x' } });
  });

  test('container fields are written as the API spells them', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', {
      containers: [{
        name: 'app', image: 'example/app:1', command: ['python'], args: ['app.py'], workingDir: '/srv',
        env: { A: '1' }, ports: [{ number: 5000, name: 'http' }, { number: 5353, protocol: Protocol.UDP }],
        readiness: Probe.httpGet('/healthz'), liveness: Probe.tcpSocket({ periodSeconds: 5 }),
      }],
    });
    expect(only(chart, 'Pod').spec.containers[0]).toMatchObject({
      command: ['python'], args: ['app.py'], workingDir: '/srv', env: [{ name: 'A', value: '1' }],
      ports: [{ containerPort: 5000, name: 'http' }, { containerPort: 5353, protocol: 'UDP' }],
      readinessProbe: { httpGet: { path: '/healthz', port: 5000 } },
      livenessProbe: { tcpSocket: { port: 5000 }, periodSeconds: 5 },
    });
  });

  test('several containers share the Pod; addContainer appends', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'app', { containers: [web] });
    pod.addContainer({ name: 'helper', image: 'busybox', args: ['sh', '-c', 'sleep 3600'] });
    expect(only(chart, 'Pod').spec.containers.map((c: any) => c.name)).toEqual(['web', 'helper']);
    expect(pod.containers.map(c => c.name)).toEqual(['web', 'helper']);
  });

  test('mounted volumes are added to the Pod once, however many containers mount them', () => {
    const chart = Testing.chart();
    const logs = Volume.emptyDir('logs');
    new AppPod(chart, 'app', {
      containers: [
        { ...web, mounts: [{ volume: logs, path: '/var/log/nginx' }] },
        { name: 'tail', image: 'busybox', mounts: [{ volume: logs, path: '/logs', readOnly: true }] },
      ],
    });
    const pod = only(chart, 'Pod');
    expect(pod.spec.volumes).toEqual([{ name: 'logs', emptyDir: {} }]);
    expect(pod.spec.containers[1].volumeMounts).toEqual([{ name: 'logs', mountPath: '/logs', readOnly: true }]);
  });

  test('init containers come before app containers in the spec', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', { containers: [web], initContainers: [{ name: 'init', image: 'busybox' }] });
    expect(only(chart, 'Pod').spec.initContainers.map((c: any) => c.name)).toEqual(['init']);
  });

  test('exposes the underlying KubePod and composes with cdk8s-plus as a pod selector', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'app', { labels: { app: 'x' }, containers: [web] });
    expect(pod.apiObject).toBeInstanceOf(ApiObject);
    expect(pod.apiObject.kind).toBe('Pod');
    new kplus.NetworkPolicy(chart, 'np', { selector: pod });
    expect(only(chart, 'NetworkPolicy').spec.podSelector).toEqual({ matchLabels: { app: 'x' } });
  });

  test('exposedPorts lists every app container port with its protocol', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'app', { containers: [web, { name: 'dns', image: 'x', ports: [{ number: 53, protocol: Protocol.UDP }] }] });
    expect(pod.exposedPorts).toEqual([
      { container: 'web', number: 80, name: undefined, protocol: 'TCP' },
      { container: 'dns', number: 53, name: undefined, protocol: 'UDP' },
    ]);
  });

  test('fails with no containers, at synth', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app');
    expect(() => synthApp(chart)).toThrow(/\[test\/app\] containers: \[\] is not valid: a Pod needs at least one container/);
  });

  test('fails on an invalid pod name', () => {
    const chart = Testing.chart();
    expect(() => new AppPod(chart, 'app', { name: 'Pod_1', containers: [web] }))
      .toThrow(/\[test\/app\] name: "Pod_1" is not valid: a DNS-1123 subdomain/);
  });

  test('fails on a label value with a space', () => {
    const chart = Testing.chart();
    expect(() => new AppPod(chart, 'app', { labels: { app: 'my app' }, containers: [web] }))
      .toThrow(/\[test\/app\] labels\["app"\]: "my app" is not valid: a label value/);
  });

  test('fails on a name too long for the default label { app: <name> }', () => {
    const chart = Testing.chart();
    const name = `web.${'a'.repeat(60)}`;
    expect(() => new AppPod(chart, 'app', { name, containers: [web] }))
      .toThrow(/\[test\/app\] labels: \{"app":"web\.a+"\} is not valid: the default labels \{ app: <name> \} with a valid label value.*Fix: give `labels`, or a name of at most 63 characters/);
    expect(() => new AppPod(chart, 'ok', { name, labels: { app: 'web' }, containers: [web] })).not.toThrow();
  });

  test('fails on an invalid label key', () => {
    const chart = Testing.chart();
    expect(() => new AppPod(chart, 'app', { labels: { '-bad': 'x' }, containers: [web] }))
      .toThrow(/\[test\/app\] labels key: "-bad" is not valid: a label key/);
  });

  test('fails on two containers with the same name', () => {
    const chart = Testing.chart();
    expect(() => new AppPod(chart, 'app', { containers: [web, { name: 'web', image: 'busybox' }] }))
      .toThrow(/containers\[1\]\.name: "web" is not valid: a name no other container or init container of the Pod has/);
  });

  test('fails on an init container named like an app container', () => {
    const chart = Testing.chart();
    expect(() => new AppPod(chart, 'app', { containers: [web], initContainers: [{ name: 'web', image: 'busybox' }] }))
      .toThrow(/initContainers\[0\]\.name: "web"/);
  });

  test('fails on two containers on the same port and protocol', () => {
    const chart = Testing.chart();
    expect(() => new AppPod(chart, 'app', { containers: [web, { name: 'other', image: 'x', port: 80 }] }))
      .toThrow(/containers\[1\]\.ports: 80 is not valid: a port no other container of the Pod listens on: "web" already has 80\/TCP/);
  });

  test('the same port on another protocol is allowed', () => {
    const chart = Testing.chart();
    expect(() => new AppPod(chart, 'app', { containers: [web, { name: 'other', image: 'x', ports: [{ number: 80, protocol: Protocol.UDP }] }] }))
      .not.toThrow();
  });

  test('fails on an invalid container name', () => {
    const chart = Testing.chart();
    expect(() => new AppPod(chart, 'app', { containers: [{ name: 'Web', image: 'nginx' }] }))
      .toThrow(/containers\[0\]\.name: "Web" is not valid: a DNS-1123 label/);
  });

  test('fails on an invalid port name', () => {
    const chart = Testing.chart();
    expect(() => new AppPod(chart, 'app', { containers: [{ name: 'web', image: 'nginx', ports: [{ number: 80, name: 'http--alt' }] }] }))
      .toThrow(/containers\[0\]\.ports\[0\]\.name: "http--alt" is not valid: an IANA service name/);
  });

  test('fails on ports or probes on an init container', () => {
    const chart = Testing.chart();
    expect(() => new AppPod(chart, 'app', { containers: [web], initContainers: [{ name: 'init', image: 'busybox', port: 8080 }] }))
      .toThrow(/initContainers\[0\]\.ports: \[8080\] is not valid: no ports on an init container/);
    expect(() => new AppPod(chart, 'app2', { containers: [web], initContainers: [{ name: 'init', image: 'busybox', readiness: Probe.exec(['true']) }] }))
      .toThrow(/initContainers\[0\]\.readiness: "exec" is not valid: no probes on an init container/);
  });

  test('fails on a port probe with no port to reach', () => {
    const chart = Testing.chart();
    expect(() => new AppPod(chart, 'app', { containers: [{ name: 'x', image: 'x', readiness: Probe.httpGet('/') }] }))
      .toThrow(/containers\[0\]\.readiness: "httpGet" is not valid: a port: the probe names none and the container has none/);
  });

  test('fails on two different volumes with one name', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'app', { containers: [{ ...web, mounts: [{ volume: Volume.emptyDir('data'), path: '/a' }] }] });
    expect(() => pod.addVolume(Volume.emptyDir('data'))).toThrow(/volumes\[\]\.name: "data" is not valid: a name no other volume of the Pod has/);
  });

  test('errors are ValidationErrors that list every problem of the construct', () => {
    const chart = Testing.chart();
    let caught: unknown;
    try {
      new AppPod(chart, 'app', { name: 'BAD', labels: { app: 'a b' }, containers: [web] });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).problems.map(p => p.field)).toEqual(['name', 'labels["app"]']);
  });
});

function synthApp(chart: ReturnType<typeof Testing.chart>): void {
  const app = chart.node.scope as ReturnType<typeof Testing.app>;
  app.synthYaml();
}
