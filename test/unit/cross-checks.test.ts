import { checkCrossObject, factsFromManifests } from '../src';
import { Manifest } from './util';

const pod = (name: string, labels: { [k: string]: string }, ports: object[] = [{ containerPort: 80 }], extra: object = {}): Manifest => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels, ...extra },
  spec: { containers: [{ name: 'c', image: 'nginx', ports }] },
});
const svc = (name: string, selector: { [k: string]: string } | undefined, ports: object[] = [{ port: 80 }], spec: object = {}): Manifest => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector, ports, ...spec },
});
const check = (manifests: unknown[], options = {}) => checkCrossObject(factsFromManifests(manifests), options);

describe('checkCrossObject over manifests', () => {
  test('a Service before the pod it selects, on a port the pod declares, passes', () => {
    expect(check([svc('web', { app: 'web' }), pod('web', { app: 'web' })])).toEqual([]);
  });

  test('fails on two objects of one kind, namespace and name; other namespaces and kinds pass', () => {
    const [f, g] = check([svc('web', { app: 'web' }), svc('web', { app: 'web' }), pod('web', { app: 'web' }), pod('web', { app: 'web' })]);
    expect(f).toMatchObject({ object: 'Service/web', field: 'name', value: 'web', fix: 'give one of them another name' });
    expect(f.allowed).toBe('a name no other Service of the app has in its namespace: Service/web has it, and applying both leaves only the last');
    expect(g).toMatchObject({ object: 'Pod/web', field: 'name' });
    expect(check([svc('web', { app: 'web' }), pod('web', { app: 'web' }), pod('web', { app: 'web' }, undefined, { namespace: 'other' })])).toEqual([]);
  });

  test('fails on a selector that matches no pod', () => {
    const [f] = check([svc('web', { app: 'nope' }), pod('web', { app: 'web' })]);
    expect(f).toMatchObject({ object: 'Service/web', field: 'selector', value: { app: 'nope' } });
    expect(f.allowed).toMatch(/a selector that matches the labels of at least one pod of the app/);
  });

  test('a selector must match every label, and only pods of the same namespace', () => {
    expect(check([svc('web', { app: 'web', tier: 'x' }), pod('web', { app: 'web' })])[0].field).toBe('selector');
    expect(check([svc('web', { app: 'web' }), pod('web', { app: 'web' }, undefined, { namespace: 'other' })])[0].field).toBe('selector');
  });

  test('fails on a numeric targetPort no selected pod declares', () => {
    const [f] = check([svc('web', { app: 'web' }, [{ port: 80, targetPort: 8080 }]), pod('web', { app: 'web' })]);
    expect(f).toMatchObject({ field: 'targetPort', value: 8080 });
    expect(f.allowed).toBe('a TCP port a selected pod declares: 80');
  });

  test('fails on a named targetPort no selected pod declares; a declared name passes', () => {
    const named = pod('web', { app: 'web' }, [{ containerPort: 80, name: 'http' }]);
    expect(check([svc('web', { app: 'web' }, [{ port: 80, targetPort: 'http' }]), named])).toEqual([]);
    const [f] = check([svc('web', { app: 'web' }, [{ port: 80, targetPort: 'metrics' }]), named]);
    expect(f).toMatchObject({ field: 'targetPort', value: 'metrics' });
    expect(f.allowed).toBe('a TCP port a selected pod declares: 80 ("http")');
  });

  test('the protocol counts: a UDP Service port needs a UDP container port', () => {
    const [f] = check([svc('dns', { app: 'dns' }, [{ port: 53, protocol: 'UDP' }]), pod('dns', { app: 'dns' }, [{ containerPort: 53 }])]);
    expect(f.allowed).toBe('a UDP port a selected pod declares: they declare none');
  });

  test('controllers count as pods through their pod template', () => {
    const deployment = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } } },
    };
    const cron = {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'job' },
      spec: { jobTemplate: { spec: { template: { metadata: { labels: { app: 'job' } }, spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 9000 }] }] } } } } },
    };
    expect(check([svc('web', { app: 'web' }), svc('job', { app: 'job' }, [{ port: 9000 }]), deployment, cron])).toEqual([]);
  });

  test('fails on a Service listed after a pod it selects', () => {
    const [f] = check([pod('web', { app: 'web' }), svc('web', { app: 'web' })]);
    expect(f).toMatchObject({ object: 'Service/web', field: 'output order', value: 'Pod/web comes first' });
    expect(f.fix).toMatch(/addDependency/);
  });

  test('fails on a nodePort outside the range, and accepts a widened range', () => {
    const np = [svc('web', { app: 'web' }, [{ port: 80, nodePort: 20000 }], { type: 'NodePort' }), pod('web', { app: 'web' })];
    const [f] = check(np);
    expect(f).toMatchObject({ field: 'nodePort', value: 20000, allowed: "an integer from 30000 to 32767 (the cluster's --service-node-port-range)" });
    expect(check(np, { nodePortRange: [20000, 40000] })).toEqual([]);
  });

  test('fails on a nodePort on a ClusterIP Service', () => {
    const [f] = check([svc('web', { app: 'web' }, [{ port: 80, nodePort: 30000 }]), pod('web', { app: 'web' })]);
    expect(f.allowed).toMatch(/no nodePort on a ClusterIP Service/);
  });

  test('fails on one nodePort in two Services', () => {
    const a = svc('a', { app: 'web' }, [{ port: 80, nodePort: 30080 }], { type: 'NodePort' });
    const b = svc('b', { app: 'web' }, [{ port: 80, nodePort: 30080 }], { type: 'LoadBalancer' });
    const findings = check([a, b, pod('web', { app: 'web' })]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ object: 'Service/b', field: 'nodePort', value: 30080 });
    expect(findings[0].allowed).toMatch(/a nodePort no other Service of the app has: Service\/a already has it/);
  });

  test('one Service may use a nodePort for TCP and UDP', () => {
    const dns = svc('dns', { app: 'dns' }, [
      { name: 'tcp', port: 53, nodePort: 30053 }, { name: 'udp', port: 53, protocol: 'UDP', nodePort: 30053 },
    ], { type: 'NodePort' });
    expect(check([dns, pod('dns', { app: 'dns' }, [{ containerPort: 53 }, { containerPort: 53, protocol: 'UDP' }])])).toEqual([]);
  });

  test('fails on two containers of a pod on the same port and protocol', () => {
    const p = pod('web', { app: 'web' });
    p.spec.containers.push({ name: 'sidecar', image: 'x', ports: [{ containerPort: 80 }] });
    const [f] = check([p]);
    expect(f).toMatchObject({ object: 'Pod/web', field: 'containers[1].ports[0]', value: '80/TCP' });
    expect(f.allowed).toMatch(/"c" already has 80\/TCP/);
  });

  test('ExternalName Services and Services without a selector are not matched against pods', () => {
    expect(check([svc('ext', undefined, [], { type: 'ExternalName', externalName: 'example.com' }), svc('manual', undefined)])).toEqual([]);
  });

  test('malformed input is skipped, never thrown on', () => {
    const junk = [null, 1, 'x', [], {}, { kind: 'Pod' }, { kind: 'Service', spec: { ports: 'x', selector: [] } },
      { kind: 'Deployment', spec: { template: 5 } }, { kind: 'Pod', metadata: { labels: { a: 1 } }, spec: { containers: [null, { ports: [null, { containerPort: 'x' }] }] } }];
    expect(() => check(junk)).not.toThrow();
    expect(() => factsFromManifests(undefined as any)).not.toThrow();
  });

  test('is linear: 20,000 objects in well under a second', () => {
    const objects: Manifest[] = [];
    for (let i = 0; i < 10_000; i++) {
      objects.push(svc(`s${i}`, { app: `a${i}`, tier: 'web' }, [{ port: 80 }]));
      objects.push(pod(`p${i}`, { app: `a${i}`, tier: 'web' }));
    }
    const start = Date.now();
    expect(check(objects)).toEqual([]);
    expect(Date.now() - start).toBeLessThan(1000);
  });
});
