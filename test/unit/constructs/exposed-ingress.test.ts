/**
 * ExposedIngress: an Ingress in front of ExposedServices, judged at synth as the API server
 * judges it, each backend port against its Service.
 */
import { Testing } from 'cdk8s';
import { AppPod, ExposedIngress, ExposedIngressProps, ExposedService, NginxPod, PathType, Protocol, ServiceType, validateApp } from '../../../src';
import { brief, only, problemsOf, synthProblemsOf } from '../../util';

function setup() {
  const chart = Testing.chart();
  const web = new NginxPod(chart, 'web', { name: 'web' });
  const svc = new ExposedService(chart, 'svc', { name: 'web', type: ServiceType.CLUSTER_IP, target: web, port: 4050 });
  return { chart, web, svc };
}

test('an Ingress for a host with TLS and a class, in front of the Service', () => {
  const { chart, svc } = setup();
  new ExposedIngress(chart, 'ingress', { name: 'web', host: 'web.example.com', tlsSecret: 'web-tls', ingressClassName: 'nginx', paths: [{ service: svc }] });
  expect(only(chart, 'Ingress')).toMatchSnapshot();
  expect(validateApp(chart)).toEqual([]);
});

describe('defaults', () => {
  test('path "/", pathType Prefix, the Service\'s first port by number; every host, no TLS, no class', () => {
    const { chart, svc } = setup();
    const ingress = svc.exposeViaIngress();
    expect(only(chart, 'Ingress').spec).toEqual({
      rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 4050 } } } }] } }],
    });
    expect(ingress.node.path).toBe('test/svc/Ingress');
    expect(ingress.paths.map(p => [p.path, p.pathType, p.servicePort.port])).toEqual([['/', 'Prefix', 4050]]);
  });

  test('a named Service port is written by its name; the namespace is the Service\'s', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'pod', { namespace: 'shop', containers: [{ name: 'app', image: 'nginx', ports: [{ number: 8080, name: 'http' }] }] });
    const svc = new ExposedService(chart, 'svc', { name: 'web', type: ServiceType.CLUSTER_IP, target: pod, ports: [{ name: 'http', port: 80, targetPort: pod.portRef('http') }] });
    svc.exposeViaIngress({ port: pod.portRef('http') });
    const ing = only(chart, 'Ingress');
    expect(ing.metadata.namespace).toBe('shop');
    expect(ing.spec.rules[0].http.paths[0].backend.service.port).toEqual({ name: 'http' });
  });

  test('the Ingress is written after its Services', () => {
    const { chart, svc } = setup();
    svc.exposeViaIngress();
    const kinds = Testing.synth(chart).map(o => o.kind);
    expect(kinds.indexOf('Ingress')).toBeGreaterThan(kinds.indexOf('Service'));
  });
});

describe('what is given is written', () => {
  test('several paths of several Services, each path type, a wildcard host, annotations and labels', () => {
    const { chart, web, svc } = setup();
    const api = new ExposedService(chart, 'api', { name: 'api', type: ServiceType.NODE_PORT, target: web, ports: [{ name: 'http', port: 8080, targetPort: 80 }] });
    new ExposedIngress(chart, 'ingress', {
      host: '*.example.com', annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' }, labels: { app: 'web' },
      paths: [{ service: svc, path: '/web', pathType: PathType.EXACT }, { service: api, port: 'http', path: '/api' }, { service: api, port: 8080, path: '', pathType: PathType.IMPLEMENTATION_SPECIFIC }],
    });
    const ing = only(chart, 'Ingress');
    expect(ing.metadata).toEqual(expect.objectContaining({ annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' }, labels: { app: 'web' } }));
    expect(ing.spec.rules).toEqual([{ host: '*.example.com', http: { paths: [
      { path: '/web', pathType: 'Exact', backend: { service: { name: 'web', port: { number: 4050 } } } },
      { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { name: 'http' } } } },
      { path: '', pathType: 'ImplementationSpecific', backend: { service: { name: 'api', port: { name: 'http' } } } },
    ] } }]);
  });
});

describe('fails', () => {
  /** What the engine finds at synth in the Ingress `i` of these props, beside the setup's Service. */
  const judged = (props: (svc: ExposedService) => ExposedIngressProps) => {
    const { chart, svc } = setup();
    new ExposedIngress(chart, 'i', props(svc));
    return synthProblemsOf(chart);
  };

  test('fails on a backend port the Service does not have: a number or a name at synth, a handle no port targets when built', () => {
    const { chart, svc } = setup();
    const other = new AppPod(chart, 'other', { containers: [{ name: 'app', image: 'nginx', ports: [{ number: 9000 }] }] });
    // (a handle names a Service port through the port that targets it: with none, there is nothing to write)
    expect(brief(problemsOf(() => new ExposedIngress(chart, 'h', { paths: [{ service: svc, port: other.portRef(9000) }] })))).toEqual([
      { rule: 'props', field: 'paths[0].port', value: '9000/TCP of test/other' },
    ]);
    new ExposedIngress(chart, 'i', { paths: [{ service: svc, port: 80, path: '/a' }, { service: svc, port: 'http', path: '/b' }] });
    expect(brief(synthProblemsOf(chart))).toEqual([
      { rule: 'ingress-backend', field: 'spec.rules[0].http.paths[0].backend.service.port.number', value: 80 },
      { rule: 'ingress-backend', field: 'spec.rules[0].http.paths[1].backend.service.port.name', value: 'http' },
    ]);
  });

  test('fails on a UDP Service port and on an ExternalName Service, at synth', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'pod', { containers: [{ name: 'dns', image: 'coredns/coredns', ports: [{ number: 53, protocol: Protocol.UDP }] }] });
    const dns = new ExposedService(chart, 'dns', { name: 'dns', type: ServiceType.CLUSTER_IP, target: pod, targetPort: pod.portRef(53) });
    const ext = new ExposedService(chart, 'ext', { name: 'ext', type: ServiceType.EXTERNAL_NAME, externalName: 'db.example.com', port: 80 });
    // (an ExternalName Service has no endpoints: the written Ingress names it like any other)
    new ExposedIngress(chart, 'e', { paths: [{ service: ext }] });
    new ExposedIngress(chart, 'i', { paths: [{ service: dns }] });
    expect(brief(synthProblemsOf(chart))).toEqual([
      { rule: 'ingress-backend', field: 'spec.rules[0].http.paths[0].backend.service.name', value: 'ext' },
      { rule: 'ingress-backend', field: 'spec.rules[0].http.paths[0].backend.service.port.number', value: 53 },
    ]);
  });

  test('fails on paths that are not absolute or hold "//", on hosts that are IPs or bad wildcards, on bad TLS secret and class names', () => {
    expect(brief(judged(svc => ({
      host: '*.*.example.com', tlsSecret: 'Web_TLS', ingressClassName: 'Nginx',
      paths: [{ service: svc, path: 'app' }, { service: svc, path: '/a//b', pathType: PathType.EXACT }, { service: svc, path: 'x', pathType: PathType.IMPLEMENTATION_SPECIFIC }],
    })))).toEqual([
      { rule: 'ingress', field: 'spec.rules[0].host', value: '*.*.example.com' },
      { rule: 'ingress', field: 'spec.rules[0].http.paths[0].path', value: 'app' },
      { rule: 'ingress', field: 'spec.rules[0].http.paths[1].path', value: '/a//b' },
      { rule: 'ingress', field: 'spec.rules[0].http.paths[2].path', value: 'x' },
      { rule: 'ingress', field: 'spec.tls[0].hosts[0]', value: '*.*.example.com' },
      { rule: 'ingress', field: 'spec.tls[0].secretName', value: 'Web_TLS' },
      { rule: 'ingress', field: 'spec.ingressClassName', value: 'Nginx' },
    ]);
    expect(brief(judged(svc => ({ host: '10.0.0.1', paths: [{ service: svc }] })))).toEqual([{ rule: 'ingress', field: 'spec.rules[0].host', value: '10.0.0.1' }]);
  });

  test('fails on no paths, on Services of two namespaces, and on what is not a Service', () => {
    const { chart, svc } = setup();
    const pod = new NginxPod(chart, 'shop', { namespace: 'shop' });
    const other = new ExposedService(chart, 'other', { name: 'other', type: ServiceType.CLUSTER_IP, target: pod });
    expect(brief(judged(() => ({ paths: [] })))).toEqual([{ rule: 'ingress', field: 'spec.rules[0].http.paths', value: [] }]);
    expect(brief(problemsOf(() => new ExposedIngress(chart, 'c', { paths: [{ service: 'web' as never }] })))).toEqual([{ rule: 'props', field: 'paths[0].service', value: 'web' }]);
    // A path's prop beside the paths is no prop of the Ingress.
    // The Ingress is written to the first Service's namespace; a Service of another is judged at synth.
    new ExposedIngress(chart, 'b', { paths: [{ service: svc, path: '/' }, { service: other, path: '/shop' }] });
    expect(brief(synthProblemsOf(chart))).toEqual([{ rule: 'ingress-backend', field: 'spec.rules[0].http.paths[1].backend.service.name', value: 'other' }]);
    expect(brief(problemsOf(() => new ExposedIngress(chart, 'c2', { paths: [{ service: svc }], pathType: 'x' } as never)))).toEqual([{ rule: 'props', field: 'pathType', value: 'x' }]);
    expect(brief(judged(service => ({ paths: [{ service, pathType: 'Regex' as never }] }))))
      .toEqual([{ rule: 'ingress', field: 'spec.rules[0].http.paths[0].pathType', value: 'Regex' }]);
  });
});

test('fails on options that are no object, with our error, not a TypeError', () => {
  const { svc } = setup();
  expect(brief(problemsOf(() => svc.exposeViaIngress(null as never)))).toEqual([{ rule: 'props', field: 'exposeViaIngress()', value: null }]);
});

test('fails on a second exposeViaIngress() of one Service, with our error', () => {
  const { svc } = setup();
  svc.exposeViaIngress();
  expect(brief(problemsOf(() => svc.exposeViaIngress()))).toEqual([{ rule: 'props', field: 'exposeViaIngress()', value: 'Ingress' }]);
});

test('name: generated from the construct path when not given; no labels or annotations', () => {
  const { chart, svc } = setup();
  const ingress = svc.exposeViaIngress();
  const meta = only(chart, 'Ingress').metadata;
  expect(meta).toEqual({ name: expect.stringMatching(/^test-svc-ingress-[0-9a-f]{8}$/) });
  expect(ingress.name).toBe(meta.name);
});
