/**
 * A JavaScript caller's mistakes in a construct's arguments (no scope, no id, a taken id, props
 * of the wrong type, a key the props do not have) are our ValidationError, rule `props`, with the
 * field, the value, what is allowed and a fix ("did you mean" the closest key).
 */
import { Testing } from 'cdk8s';
import { AppPod, ExposedIngress, ExposedService, FlaskPod, NginxPod, PodIsolation, ServiceType, validateApp } from '../../../src';
import { closest } from '../../../src/constructs/construct-args';
import { brief, problemsOf } from '../../util';

/** Calls a constructor as JavaScript would, with any arguments. */
const js = (cls: unknown, ...args: unknown[]) => () => new (cls as new (...a: unknown[]) => unknown)(...args);

describe('the scope and the id', () => {
  test.each([AppPod, NginxPod, FlaskPod, ExposedService, ExposedIngress, PodIsolation])('fails without an id: %p', cls => {
    const chart = Testing.chart();
    const [p] = problemsOf(js(cls, chart));
    expect(p).toMatchObject({ rule: 'props', field: 'id', value: undefined, path: 'test/<id>' });
    expect(p.fix).toContain(`new ${cls.name}(chart, 'web'`);
  });

  test('fails with the props where the id goes', () => {
    const [p] = problemsOf(js(NginxPod, Testing.chart(), { name: 'web' }));
    expect(p).toMatchObject({ rule: 'props', field: 'id', value: { name: 'web' } });
  });

  test('fails without a scope, and with a scope that is no construct', () => {
    for (const scope of [undefined, null, 'chart', {}]) {
      const [p] = problemsOf(js(FlaskPod, scope, 'web'));
      expect(p).toMatchObject({ rule: 'props', field: 'scope', value: scope, path: 'new FlaskPod()' });
      expect(p.fix).toMatch(/scope first/);
    }
  });

  test('fails on an id taken in the scope', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web');
    const [p] = problemsOf(() => new FlaskPod(chart, 'web'));
    expect(p).toMatchObject({ rule: 'props', field: 'id', value: 'web', path: 'test/web' });
    expect(p.allowed).toContain('test/web exists already');
  });

  test('fails without the props a construct requires, or with props that are no object', () => {
    expect(problemsOf(js(ExposedService, Testing.chart(), 'svc')).map(p => [p.field, p.value])).toEqual([['props', undefined]]);
    expect(problemsOf(js(NginxPod, Testing.chart(), 'web', 'nginx')).map(p => [p.field, p.value])).toEqual([['props', 'nginx']]);
  });
});

describe('unknown props', () => {
  test('fails on replica and prot on a FlaskPod, each with a "did you mean"', () => {
    const problems = problemsOf(js(FlaskPod, Testing.chart(), 'api', { replica: 3, prot: 8080 }));
    expect(problems.map(p => ({ rule: p.rule, field: p.field, value: p.value }))).toEqual([
      { rule: 'props', field: 'replica', value: 3 },
      { rule: 'props', field: 'prot', value: 8080 },
    ]);
    expect(problems[0].fix).toContain('workload: Workload.deployment({ replicas: … })');
    expect(problems[1].fix).toContain('did you mean "port"?');
    expect(problems[1].allowed).toContain('a prop of FlaskPodProps');
  });

  test('fails on a key of a list\'s objects: a Service port, an Ingress path, a container', () => {
    const chart = Testing.chart();
    const web = new NginxPod(chart, 'web');
    const [port] = problemsOf(js(ExposedService, chart, 'svc', { type: ServiceType.NODE_PORT, target: web, ports: [{ prot: 80 }] }));
    expect(port).toMatchObject({ rule: 'props', field: 'ports[0].prot', value: 80, fix: 'did you mean "port"? (ServicePortProps has no "prot")' });
    const svc = new ExposedService(chart, 'svc2', { type: ServiceType.CLUSTER_IP, target: web });
    const [path] = problemsOf(js(ExposedIngress, chart, 'ing', { paths: [{ service: svc, pathtype: 'Prefix' }] }));
    expect(path).toMatchObject({ field: 'paths[0].pathtype', fix: 'did you mean "pathType"? (IngressPathProps has no "pathtype")' });
    const [c] = problemsOf(js(AppPod, chart, 'app', { containers: [{ name: 'c', image: 'nginx', imagePullPolicyy: 'Always' }] }));
    expect(c).toMatchObject({ field: 'containers[0].imagePullPolicyy', fix: expect.stringContaining('"imagePullPolicy"') });
  });

  test('fails on a key nothing is close to, with the props to use as the fix', () => {
    const [p] = problemsOf(js(NginxPod, Testing.chart(), 'web', { flavour: 'vanilla' }));
    expect(p).toMatchObject({ rule: 'props', field: 'flavour', value: 'vanilla' });
    expect(p.fix).toMatch(/^remove it, or use one of the props NginxPodProps has/);
  });

  test('a container\'s prop on an AppPod points to containers', () => {
    const [p] = problemsOf(js(AppPod, Testing.chart(), 'app', { containers: [], imag: 'nginx' }));
    expect(p.fix).toContain('containers: [{ image: … }]');
  });

  test('every documented prop passes (a subclass\'s props are its own)', () => {
    const chart = Testing.chart();
    class MyPod extends AppPod {
      constructor(scope: typeof chart, id: string, props: { flavour: string }) {
        super(scope, id, { containers: [{ name: 'c', image: props.flavour }] });
      }
    }
    expect(() => new MyPod(chart, 'mine', { flavour: 'nginx' })).not.toThrow();
    expect(() => new NginxPod(chart, 'web', { port: 8080, replicas: undefined } as never)).toThrow(/did you mean/);
  });
});

describe('closest', () => {
  test('one edit for short words, two for longer ones, a swap counts one, case ignored', () => {
    expect(closest('prot', ['port', 'name'])).toBe('port');
    expect(closest('replica', ['replicas'])).toBe('replicas');
    expect(closest('clusterIp', ['clusterIP'])).toBe('clusterIP');
    expect(closest('imagePullPolcy', ['imagePullPolicy'])).toBe('imagePullPolicy');
    expect(closest('xyz', ['port'])).toBeUndefined();
    expect(closest('nme', ['name', 'page'])).toBe('name');
  });
});

describe('ExposedService props by type', () => {
  test('fails on each field the type does not take, naming the types that take it', () => {
    const chart = Testing.chart();
    const web = new NginxPod(chart, 'web');
    const problems = problemsOf(js(ExposedService, chart, 'svc', { type: 'ClusterIP', target: web, nodePort: 30080, loadBalancerClass: 'example.com/lb' }));
    expect(problems.map(p => ({ rule: p.rule, field: p.field, value: p.value }))).toEqual([
      { rule: 'props', field: 'nodePort', value: 30080 },
      { rule: 'props', field: 'loadBalancerClass', value: 'example.com/lb' },
    ]);
    expect(problems[0].fix).toBe('drop nodePort, or use type NodePort or LoadBalancer, which takes it');
    expect(problems[1].fix).toBe('drop loadBalancerClass, or use type LoadBalancer, which takes it');
    expect(problems[0].allowed).toMatch(/^a prop ClusterIPServiceProps takes: /);
    const [target] = problemsOf(js(ExposedService, chart, 'ext', { type: 'ExternalName', externalName: 'db.example.com', target: web }));
    expect(target).toMatchObject({ rule: 'props', field: 'target', value: 'test/web' });
  });

  test('a field the type does not take may be undefined, as in TypeScript', () => {
    const chart = Testing.chart();
    const web = new NginxPod(chart, 'web');
    expect(() => new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web, nodePort: undefined, externalName: undefined })).not.toThrow();
  });
});

test('TypeScript refuses a field the type does not take (npm test type-checks these lines: an unused @ts-expect-error fails it)', () => {
  const chart = Testing.chart();
  const web = new NginxPod(chart, 'web');
  const made = [
    // @ts-expect-error a nodePort on a ClusterIP Service
    () => new ExposedService(chart, 'a', { type: ServiceType.CLUSTER_IP, target: web, nodePort: 30080 }),
    // @ts-expect-error an externalName on a NodePort Service
    () => new ExposedService(chart, 'b', { type: ServiceType.NODE_PORT, target: web, externalName: 'db.example.com' }),
    // @ts-expect-error a target on an ExternalName Service
    () => new ExposedService(chart, 'c', { type: ServiceType.EXTERNAL_NAME, externalName: 'db.example.com', target: web }),
    // @ts-expect-error a nodePort in a port of a ClusterIP Service
    () => new ExposedService(chart, 'e', { type: ServiceType.CLUSTER_IP, target: web, ports: [{ port: 80, nodePort: 30080 }] }),
  ];
  for (const make of made) expect(make).toThrow(/\[props\]/);
  // A value the type needs but lacks is written as given, and judged at synth (rule external-name).
  const other = Testing.chart();
  // @ts-expect-error no externalName on an ExternalName Service
  new ExposedService(other, 'd', { type: ServiceType.EXTERNAL_NAME });
  expect(brief(validateApp(other))).toEqual([{ rule: 'external-name', field: 'spec.externalName', value: undefined }]);
  // What each type takes compiles.
  new ExposedService(chart, 'lb', { type: ServiceType.LOAD_BALANCER, target: web, nodePort: 30081, loadBalancerClass: 'example.com/lb' });
  new ExposedService(chart, 'np', { type: ServiceType.NODE_PORT, target: web, ports: [{ port: 80, nodePort: 30082 }] });
});
