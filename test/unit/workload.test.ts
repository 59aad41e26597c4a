import { Testing } from 'cdk8s';
import { AppPod, ExposedService, FlaskPod, NginxPod, RestartPolicy, ServiceType, Workload, WorkloadKind } from '../src';
import { ofKind, only, synth } from './util';

const web = { name: 'web', image: 'nginx', port: 80 };

describe('Workload', () => {
  test('defaults: a Deployment, a StatefulSet with its headless Service, and a DaemonSet', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'deploy', { containers: [web], workload: Workload.deployment() });
    new AppPod(chart, 'stateful', { containers: [web], workload: Workload.statefulSet() });
    new AppPod(chart, 'daemon', { containers: [web], workload: Workload.daemonSet() });
    expect(synth(chart)).toMatchSnapshot();
  });

  test('the default is a bare Pod', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'app', { containers: [web] });
    expect(pod.workload.kind).toBe(WorkloadKind.POD);
    expect(Workload.pod().kind).toBe(WorkloadKind.POD);
    expect(only(chart, 'Pod').metadata.name).toBe(pod.name);
  });

  test('a Deployment: the controller takes the name, selects exactly the labels, and its pods get generated names', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'app', {
      name: 'api', labels: { app: 'api', tier: 'web' }, annotations: { note: 'x' },
      containers: [web], workload: Workload.deployment({ replicas: 3 }),
    });
    const deployment = only(chart, 'Deployment');
    expect(ofKind(chart, 'Pod')).toEqual([]);
    expect(pod.apiObject.kind).toBe('Deployment');
    expect(pod.name).toBe('api');
    expect(deployment.metadata).toEqual({ name: 'api', labels: { app: 'api', tier: 'web' } });
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.selector).toEqual({ matchLabels: { app: 'api', tier: 'web' } });
    expect(deployment.spec.template.metadata).toEqual({ labels: { app: 'api', tier: 'web' }, annotations: { note: 'x' } });
    expect(deployment.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['web']);
  });

  test('replicas are left to Kubernetes (1) when not set', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', { containers: [web], workload: Workload.deployment() });
    expect(only(chart, 'Deployment').spec.replicas).toBeUndefined();
  });

  test('default labels under a controller are { app: <the controller name> }', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'app', { containers: [web], workload: Workload.deployment() });
    expect(pod.labels).toEqual({ app: pod.name });
    expect(only(chart, 'Deployment').spec.selector.matchLabels).toEqual({ app: pod.name });
  });

  test('a StatefulSet gets a headless Service (clusterIP None) named <name>-headless, written first', () => {
    const chart = Testing.chart();
    const db = new AppPod(chart, 'db', {
      name: 'db', containers: [{ name: 'db', image: 'example/db:1', port: 5432 }], workload: Workload.statefulSet({ replicas: 2 }),
    });
    const [service, set] = synth(chart);
    expect(service.kind).toBe('Service');
    expect(service.metadata.name).toBe('db-headless');
    expect(service.spec).toEqual({ clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432, targetPort: 5432 }] });
    expect(set.kind).toBe('StatefulSet');
    expect(set.spec).toMatchObject({ replicas: 2, serviceName: 'db-headless', selector: { matchLabels: { app: 'db' } } });
    expect(db.headlessService!.name).toBe('db-headless');
  });

  test('the headless Service name can be set; a multi-port one names its ports', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'db', {
      containers: [{ name: 'db', image: 'x', port: 5432 }, { name: 'metrics', image: 'y', ports: [{ number: 9187, name: 'metrics' }] }],
      workload: Workload.statefulSet({ serviceName: 'db' }),
    });
    expect(only(chart, 'Service').metadata.name).toBe('db');
    expect(only(chart, 'Service').spec.ports).toEqual([
      { name: 'tcp-5432', port: 5432, targetPort: 5432 }, { name: 'metrics', port: 9187, targetPort: 9187 },
    ]);
    expect(only(chart, 'StatefulSet').spec.serviceName).toBe('db');
  });

  test('fails on empty labels under a controller: its selector would be empty', () => {
    const chart = Testing.chart();
    expect(() => new AppPod(chart, 'web', { labels: {}, containers: [{ name: 'web', image: 'nginx' }], workload: Workload.deployment() }))
      .toThrow(/\[test\/web\] labels: \{\} is not valid: at least one label under a Deployment: its selector is the labels, and the API server refuses an empty one/);
    expect(() => new AppPod(chart, 'bare', { labels: {}, containers: [{ name: 'web', image: 'nginx' }] })).not.toThrow();
  });

  test('fails on a StatefulSet name its pods cannot carry: dots, or more than 52 characters', () => {
    const chart = Testing.chart();
    const db = (id: string, name?: string) => new AppPod(chart, id, { name, containers: [{ name: 'db', image: 'x' }], workload: Workload.statefulSet({ serviceName: 'db' }) });
    expect(() => db('a', 'db.main')).toThrow(/\[test\/a\] name: "db\.main" is not valid: a StatefulSet name: a DNS-1123 label of at most 52 characters/);
    expect(() => db('b', 'd'.repeat(53))).toThrow(/\[test\/b\] name: "d{53}" is not valid: a StatefulSet name/);
    expect(() => db('c', 'd'.repeat(52))).not.toThrow();
    expect(() => db('a-construct-id-long-enough-to-make-the-generated-name-too-long')).toThrow(/Fix: set a shorter `name`: the generated one is too long/);
  });

  test('a generated headless port name never repeats a named port\'s name', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'db', {
      containers: [{ name: 'db', image: 'x', port: 8080, ports: [{ number: 9090, name: 'tcp-8080' }] }],
      workload: Workload.statefulSet(),
    });
    expect(only(chart, 'Service').spec.ports.map((p: { name: string }) => p.name)).toEqual(['tcp-8080-0', 'tcp-8080']);
  });

  test('a DaemonSet has no replicas', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'agent', { containers: [web], workload: Workload.daemonSet() });
    const set = only(chart, 'DaemonSet');
    expect(set.spec.replicas).toBeUndefined();
    expect(Object.keys(set.spec).sort()).toEqual(['selector', 'template']);
  });

  test('NginxPod and FlaskPod run under a controller too', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { workload: Workload.daemonSet() });
    new FlaskPod(chart, 'api', { workload: Workload.deployment({ replicas: 2 }) });
    expect(only(chart, 'DaemonSet').spec.template.spec.containers[0].image).toBe('nginx');
    expect(only(chart, 'Deployment').spec.template.spec.containers[0].image).toBe('sposigor/app-flask-teste:1');
  });

  test.each([
    ['Deployment', Workload.deployment({ replicas: 3 })],
    ['StatefulSet', Workload.statefulSet()],
    ['DaemonSet', Workload.daemonSet()],
  ])('an ExposedService selects a %s\'s pods, infers targetPort and is written before it', (kind, workload) => {
    const chart = Testing.chart();
    const api = new FlaskPod(chart, 'api', { labels: { app: 'api' }, workload });
    new ExposedService(chart, 'svc', { name: 'svc', type: ServiceType.NODE_PORT, target: api, port: 80 });
    const objects = synth(chart);
    const service = objects.find(o => o.kind === 'Service' && o.metadata.name === 'svc')!;
    expect(service.spec.selector).toEqual({ app: 'api' });
    expect(service.spec.ports).toEqual([{ port: 80, targetPort: 5000 }]);
    const controller = objects.findIndex(o => o.kind === kind);
    expect(objects.indexOf(service)).toBeLessThan(controller);
  });

  test('fails on a restartPolicy other than Always under a controller', () => {
    const chart = Testing.chart();
    expect(() => new AppPod(chart, 'app', { containers: [web], restartPolicy: RestartPolicy.NEVER, workload: Workload.deployment() }))
      .toThrow(/\[test\/app\] restartPolicy: "Never" is not valid: Always \(or unset\) under a Deployment/);
  });

  test('fails on negative or fractional replicas', () => {
    const chart = Testing.chart();
    expect(() => new AppPod(chart, 'a', { containers: [web], workload: Workload.deployment({ replicas: -1 }) }))
      .toThrow(/\[test\/a\] workload\.replicas: -1 is not valid: an integer of 0 or more/);
    expect(() => new AppPod(chart, 'b', { containers: [web], workload: Workload.statefulSet({ replicas: 1.5 }) }))
      .toThrow(/workload\.replicas: 1\.5 is not valid/);
  });

  test('fails on a headless Service name that is not a DNS-1035 label', () => {
    const chart = Testing.chart();
    expect(() => new AppPod(chart, 'db', { containers: [web], workload: Workload.statefulSet({ serviceName: '1db' }) }))
      .toThrow(/\[test\/db\] workload\.serviceName: "1db" is not valid: a DNS-1035 label/);
  });
});
