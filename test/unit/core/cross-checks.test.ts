/**
 * The checks across objects (src/core/checks/cross-checks.ts), through the engine: what the
 * API server accepts object by object and the cluster then gets wrong, and the node port
 * allocator's view of the whole output.
 */
import { checkManifests } from '../../../src/check';
import { judge } from '../../../src/core/engine';
import { brief, Manifest } from '../../util';

type Ports = object[];
const pod = (name: string, labels: { [k: string]: string }, ports: Ports = [{ containerPort: 80 }], metadata: object = {}): Manifest => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels, ...metadata },
  spec: { containers: [{ name: 'c', image: 'nginx', ports }] },
});
const svc = (name: string, selector: { [k: string]: string } | undefined, ports: Ports = [{ port: 80 }], spec: object = {}, metadata: object = {}): Manifest => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name, ...metadata }, spec: { selector, ports, ...spec },
});
const template = (labels: { [k: string]: string }, ports: Ports = [{ containerPort: 80 }], spec: object = {}) => ({
  metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx', ports }], ...spec },
});

const check = (...objects: unknown[]) => brief(checkManifests(objects));

describe('service-selects-a-pod', () => {
  test('a Service before the pod it selects, on a port the pod declares, passes', () => {
    expect(check(svc('web', { app: 'web' }), pod('web', { app: 'web' }))).toEqual([]);
  });

  test('fails on a selector no pod matches', () => {
    const [p, ...rest] = checkManifests([svc('web', { app: 'wbe' }), pod('web', { app: 'web' })]);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ rule: 'service-selects-a-pod', field: 'spec.selector', value: { app: 'wbe' }, object: 'Service/web', path: 'Service/web' });
  });

  test('fails on a selector of which a pod has only some labels', () => {
    expect(check(svc('web', { app: 'web', tier: 'front' }), pod('web', { app: 'web' }))).toEqual([
      { rule: 'service-selects-a-pod', field: 'spec.selector', value: { app: 'web', tier: 'front' } },
    ]);
  });

  test('fails on pods of another namespace only, naming where they are', () => {
    const [p] = checkManifests([svc('web', { app: 'web' }, undefined, {}, { namespace: 'front' }), pod('web', { app: 'web' }, undefined, { namespace: 'shop' })]);
    expect(p).toMatchObject({ rule: 'service-selects-a-pod', field: 'spec.selector', value: { app: 'web' }, object: 'Service/front/web' });
    expect(p.allowed).toContain('Pod/shop/web');
    expect(p.fix).toContain('namespace');
  });

  test('controllers of every kind count through their pod template: Deployment, ReplicationController, Job, CronJob', () => {
    const objects = [
      svc('deploy', { app: 'deploy' }), svc('rc', { app: 'rc' }), svc('job', { app: 'job' }), svc('cron', { app: 'cron' }),
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'deploy' }, spec: { selector: { matchLabels: { app: 'deploy' } }, template: template({ app: 'deploy' }) } },
      { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc' }, spec: { selector: { app: 'rc' }, template: template({ app: 'rc' }) } },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'job' }, spec: { template: template({ app: 'job' }, undefined, { restartPolicy: 'Never' }) } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cron' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: template({ app: 'cron' }, undefined, { restartPolicy: 'Never' }) } } } },
    ];
    expect(check(...objects)).toEqual([]);
  });

  test('ExternalName Services and Services without a selector are not matched against pods', () => {
    expect(check(svc('ext', undefined, [], { type: 'ExternalName', externalName: 'example.com' }), svc('manual', undefined))).toEqual([]);
  });

  test('fails on a selector written empty: Kubernetes takes it as none, and the Service selects no pod', () => {
    expect(check(svc('empty', {}))).toEqual([{ rule: 'service-selects-a-pod', field: 'spec.selector', value: {} }]);
  });
});

describe('target-port-is-exposed', () => {
  test('fails on a numeric targetPort the selected pod does not declare', () => {
    expect(check(svc('web', { app: 'web' }, [{ port: 80, targetPort: 8080 }]), pod('web', { app: 'web' }))).toEqual([
      { rule: 'target-port-is-exposed', field: 'spec.ports[0].targetPort', value: 8080 },
    ]);
  });

  test('without a targetPort the port itself must be declared (the API server\'s default)', () => {
    expect(check(svc('web', { app: 'web' }, [{ port: 8080 }]), pod('web', { app: 'web' }))).toEqual([
      { rule: 'target-port-is-exposed', field: 'spec.ports[0].targetPort', value: 8080 },
    ]);
  });

  test('fails on a named targetPort no container port has; a declared name passes', () => {
    const named = pod('web', { app: 'web' }, [{ containerPort: 80, name: 'http' }]);
    expect(check(svc('web', { app: 'web' }, [{ port: 80, targetPort: 'http' }]), named)).toEqual([]);
    expect(check(svc('web', { app: 'web' }, [{ port: 80, targetPort: 'metrics' }]), named)).toEqual([
      { rule: 'target-port-is-exposed', field: 'spec.ports[0].targetPort', value: 'metrics' },
    ]);
  });

  test('the protocol counts: a pod that declares the port over UDP only fails a TCP Service port, and the problem says what it declares', () => {
    const [p, ...rest] = checkManifests([svc('web', { app: 'web' }, [{ port: 5000 }]), pod('web', { app: 'web' }, [{ containerPort: 5000, protocol: 'UDP' }])]);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ rule: 'target-port-is-exposed', field: 'spec.ports[0].targetPort', value: 5000, object: 'Service/web' });
    expect(p.allowed).toContain('5000/UDP');
    expect(p.allowed).not.toContain('declare none');
  });

  test('a UDP Service port needs a UDP container port', () => {
    expect(check(svc('dns', { app: 'dns' }, [{ port: 53, protocol: 'UDP' }]), pod('dns', { app: 'dns' }, [{ containerPort: 53 }]))).toEqual([
      { rule: 'target-port-is-exposed', field: 'spec.ports[0].targetPort', value: 53 },
    ]);
  });

  test('every selected pod must declare it: the problem names the pod that does not', () => {
    const objects = [svc('web', { app: 'x' }, [{ port: 80 }]), pod('a', { app: 'x' }, [{ containerPort: 80 }]), pod('b', { app: 'x' }, [{ containerPort: 8080 }])];
    const [p, ...rest] = checkManifests(objects);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ rule: 'target-port-is-exposed', field: 'spec.ports[0].targetPort', value: 80 });
    expect(p.allowed).toContain('Pod/b');
    expect(p.allowed).not.toContain('Pod/a');
  });

  test('a named targetPort may be a different number in each pod', () => {
    const objects = [
      svc('web', { app: 'x' }, [{ port: 80, targetPort: 'http' }]),
      pod('a', { app: 'x' }, [{ containerPort: 80, name: 'http' }]), pod('b', { app: 'x' }, [{ containerPort: 8080, name: 'http' }]),
    ];
    expect(check(...objects)).toEqual([]);
  });

  test('each port of a Service is checked on its own', () => {
    const objects = [svc('web', { app: 'web' }, [{ name: 'a', port: 80 }, { name: 'b', port: 81 }, { name: 'c', port: 82, targetPort: 80 }]), pod('web', { app: 'web' })];
    expect(check(...objects)).toEqual([{ rule: 'target-port-is-exposed', field: 'spec.ports[1].targetPort', value: 81 }]);
  });
});

describe('service-before-its-pods', () => {
  test('fails on a Service written after a pod it selects', () => {
    const [p] = checkManifests([pod('web', { app: 'web' }), svc('web', { app: 'web' })]);
    expect(p).toMatchObject({ rule: 'service-before-its-pods', field: 'metadata.name', value: 'web', object: 'Service/web' });
    expect(p.allowed).toContain('Pod/web comes first');
    expect(p.fix).toContain('addDependency');
  });

  test('fails when any selected pod comes first, a controller too', () => {
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'early' }, spec: { selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }) } };
    expect(check(deployment, svc('web', { app: 'web' }), pod('late', { app: 'web' }))).toEqual([
      { rule: 'service-before-its-pods', field: 'metadata.name', value: 'web' },
    ]);
  });
});

describe('unique-object-names', () => {
  test('fails on the later of two objects of one kind, namespace and name', () => {
    const problems = checkManifests([svc('web', { app: 'web' }), svc('web', { app: 'web' }), pod('web', { app: 'web' }), pod('web', { app: 'web' })]);
    expect(problems.map(p => [p.rule, p.object, p.field, p.value])).toEqual([
      ['unique-object-names', 'Service/web', 'metadata.name', 'web'],
      ['unique-object-names', 'Pod/web', 'metadata.name', 'web'],
    ]);
  });

  test('the same name in another namespace, or for another kind, passes', () => {
    expect(check(svc('web', { app: 'web' }), pod('web', { app: 'web' }), pod('web', { app: 'web' }, undefined, { namespace: 'other' }))).toEqual([]);
  });

  test('two versions of one API group are one resource; a kind of the same name in another group is another', () => {
    const deployment = (apiVersion: string) => ({
      apiVersion, kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }) },
    });
    expect(check(deployment('apps/v1'), deployment('apps/v1beta2'))).toEqual([{ rule: 'unique-object-names', field: 'metadata.name', value: 'web' }]);
    const knative = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'web' }, spec: {} };
    expect(check(svc('web', { app: 'web' }), knative, pod('web', { app: 'web' }))).toEqual([]);
  });
});

describe('node-port', () => {
  const nodePortSvc = (name: string, nodePort: number, type = 'NodePort') => svc(name, { app: 'web' }, [{ port: 80, nodePort }], { type });
  const web = pod('web', { app: 'web' });

  test('passes inside 30000-32767, the default range, and 0 (the cluster picks one)', () => {
    expect(check(nodePortSvc('a', 30000), nodePortSvc('b', 32767), nodePortSvc('c', 0), web)).toEqual([]);
  });

  test('fails outside the range', () => {
    expect(check(nodePortSvc('a', 29999), nodePortSvc('b', 32768, 'LoadBalancer'), web)).toEqual([
      { rule: 'node-port', field: 'spec.ports[0].nodePort', value: 29999 },
      { rule: 'node-port', field: 'spec.ports[0].nodePort', value: 32768 },
    ]);
  });

  test('the range is the cluster\'s: checkManifests takes it as "lo-hi" or [lo, hi]', () => {
    expect(brief(checkManifests([nodePortSvc('a', 20000), web], { nodePortRange: '20000-40000' }))).toEqual([]);
    expect(brief(checkManifests([nodePortSvc('a', 40001), web], { nodePortRange: [20000, 40000] }))).toEqual([
      { rule: 'node-port', field: 'spec.ports[0].nodePort', value: 40001 },
    ]);
  });

  test('a malformed range is refused, naming the option (a setting of the wrong shape: props)', () => {
    for (const nodePortRange of ['40000-20000', 'x', '0-10', [1, 2, 3]] as any[]) {
      let caught: any;
      try { checkManifests([], { nodePortRange }); } catch (e) { caught = e; }
      expect(caught?.problems?.map((p: any) => [p.rule, p.path, p.field, p.value])).toEqual([['props', 'checkManifests()', 'nodePortRange', nodePortRange]]);
    }
  });

  test('fails on one nodePort in two Services, on the later one', () => {
    const problems = checkManifests([nodePortSvc('a', 30080), nodePortSvc('b', 30080, 'LoadBalancer'), web]);
    expect(problems.map(p => [p.rule, p.object, p.field, p.value])).toEqual([['node-port', 'Service/b', 'spec.ports[0].nodePort', 30080]]);
    expect(problems[0].allowed).toContain('Service/a');
  });

  test('one Service may use a nodePort for TCP and UDP', () => {
    const dns = svc('dns', { app: 'dns' }, [
      { name: 'tcp', port: 53, nodePort: 30053 }, { name: 'udp', port: 53, protocol: 'UDP', nodePort: 30053 },
    ], { type: 'NodePort' });
    expect(check(dns, pod('dns', { app: 'dns' }, [{ containerPort: 53 }, { containerPort: 53, protocol: 'UDP' }]))).toEqual([]);
  });

  test('the fix names the knob that widens the range where the engine runs, and only when it is told one', () => {
    const objects = [{ manifest: nodePortSvc('a', 20000) }, { manifest: web }];
    const [bare] = judge(objects);
    const [told] = judge(objects, { nodePortRangeKnob: 'set the knob' });
    expect([bare.rule, told.rule]).toEqual(['node-port', 'node-port']);
    expect(bare.fix).not.toContain('set the knob');
    expect(told.fix).toContain('set the knob');
    const [fromCheckManifests] = checkManifests([nodePortSvc('a', 20000), web]);
    expect(fromCheckManifests.fix).not.toContain('cdk8s-pods-services:nodePortRange');
  });
});
