/**
 * The checks of Ingresses (their rules under src/core/rules/), through the engine: what the API
 * server refuses (rule ingress), and backends a Service of the output does not have (ingress-backend).
 */
import { checkManifests } from '../../../src/check';
import { brief, Manifest } from '../../util';

type Spec = { [key: string]: any };
const backend = (port: Spec = { number: 80 }, name = 'web') => ({ service: { name, port } });
const ingress = (spec: Spec): Manifest => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' }, spec });
const rule = (paths: Spec[], host?: string) => ({ ...(host !== undefined ? { host } : {}), http: { paths } });
const path = (p: string | undefined, pathType: string | undefined = 'Prefix', b: Spec = backend()) => ({ ...(p !== undefined ? { path: p } : {}), ...(pathType ? { pathType } : {}), backend: b });
const check = (...objects: Manifest[]) => brief(checkManifests(objects));

describe('accepted', () => {
  test('hosts, wildcard hosts, every path type, a default backend, TLS, a class', () => {
    expect(check(ingress({
      ingressClassName: 'nginx', defaultBackend: backend({ name: 'http' }),
      tls: [{ hosts: ['web.example.com', '*.example.com'], secretName: 'web-tls' }],
      rules: [rule([path('/'), path('/a/b', 'Exact'), path(undefined, 'ImplementationSpecific'), path('/x', 'ImplementationSpecific')], 'web.example.com'), rule([path('/')], '*.example.com')],
    }))).toEqual([]);
  });

  test('an IP address as a TLS host (validateIngressTLS checks only a DNS-1123 subdomain, which it is), though not as a rule\'s host', () => {
    expect(check(ingress({ tls: [{ hosts: ['10.0.0.1'] }], rules: [rule([path('/')], 'web.example.com')] }))).toEqual([]);
  });

  test('a backend of a Service the output does not hold is not judged', () => {
    expect(check(ingress({ rules: [rule([path('/', 'Prefix', backend({ number: 81 }, 'elsewhere'))])] }))).toEqual([]);
  });
});

describe('fails', () => {
  test('fails on an Ingress without rules or default backend', () => {
    expect(check(ingress({}))).toEqual([{ rule: 'ingress', field: 'spec.rules', value: undefined }]);
  });

  test('fails on a host that is an IP, or a wildcard not in front', () => {
    expect(check(ingress({ rules: [rule([path('/')], '10.0.0.1'), rule([path('/')], 'a.*.com'), rule([path('/')], '*')] }))).toEqual([
      { rule: 'ingress', field: 'spec.rules[0].host', value: '10.0.0.1' },
      { rule: 'ingress', field: 'spec.rules[1].host', value: 'a.*.com' },
      { rule: 'ingress', field: 'spec.rules[2].host', value: '*' },
    ]);
  });

  test('fails on a path without pathType or of another type, and on paths the type refuses', () => {
    expect(check(ingress({ rules: [rule([{ path: '/', backend: backend() }, path('/', 'Regex'), path('a'), path(undefined), path('/a/../b', 'Exact'), path('/a/.', 'Prefix'), path('x', 'ImplementationSpecific')])] }))).toEqual([
      { rule: 'ingress', field: 'spec.rules[0].http.paths[0].pathType', value: undefined },
      { rule: 'ingress', field: 'spec.rules[0].http.paths[1].pathType', value: 'Regex' },
      { rule: 'ingress', field: 'spec.rules[0].http.paths[2].path', value: 'a' },
      { rule: 'ingress', field: 'spec.rules[0].http.paths[3].path', value: '' },
      { rule: 'ingress', field: 'spec.rules[0].http.paths[4].path', value: '/a/../b' },
      { rule: 'ingress', field: 'spec.rules[0].http.paths[5].path', value: '/a/.' },
      { rule: 'ingress', field: 'spec.rules[0].http.paths[6].path', value: 'x' },
    ]);
  });

  test('fails on backends: a bad Service name, both a port name and number, neither, bad ones, no service nor resource', () => {
    expect(check(ingress({ rules: [rule([
      path('/', 'Prefix', backend({ number: 80 }, '1-web')), path('/', 'Prefix', backend({ number: 80, name: 'http' })), path('/', 'Prefix', backend({})),
      path('/', 'Prefix', backend({ name: 'HTTP' })), path('/', 'Prefix', backend({ number: 70000 })), path('/', 'Prefix', {}),
    ])] }))).toEqual([
      { rule: 'ingress', field: 'spec.rules[0].http.paths[0].backend.service.name', value: '1-web' },
      { rule: 'ingress', field: 'spec.rules[0].http.paths[1].backend.service.port', value: { number: 80, name: 'http' } },
      { rule: 'ingress', field: 'spec.rules[0].http.paths[2].backend.service.port', value: {} },
      { rule: 'ingress', field: 'spec.rules[0].http.paths[3].backend.service.port.name', value: 'HTTP' },
      { rule: 'ingress', field: 'spec.rules[0].http.paths[4].backend.service.port.number', value: 70000 },
      { rule: 'ingress', field: 'spec.rules[0].http.paths[5].backend', value: [] },
    ]);
  });

  test('fails on an empty http paths list, bad TLS hosts and secret names, a bad class', () => {
    expect(check(ingress({ ingressClassName: 'Nginx', tls: [{ hosts: ['Web.example.com'], secretName: 'web_tls' }], rules: [{ http: { paths: [] } }] }))).toEqual([
      { rule: 'ingress', field: 'spec.rules[0].http.paths', value: [] },
      { rule: 'ingress', field: 'spec.tls[0].hosts[0]', value: 'Web.example.com' },
      { rule: 'ingress', field: 'spec.tls[0].secretName', value: 'web_tls' },
      { rule: 'ingress', field: 'spec.ingressClassName', value: 'Nginx' },
    ]);
  });

  test('fails on a backend port the Service of the output does not have, or that is not TCP', () => {
    const svc: Manifest = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ name: 'http', port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' }] } };
    expect(check(svc, ingress({ rules: [rule([path('/'), path('/a', 'Prefix', backend({ number: 81 })), path('/b', 'Prefix', backend({ name: 'https' })), path('/c', 'Prefix', backend({ name: 'dns' })), path('/d', 'Prefix', backend({ name: 'http' }))])] }))).toEqual([
      { rule: 'ingress-backend', field: 'spec.rules[0].http.paths[1].backend.service.port.number', value: 81 },
      { rule: 'ingress-backend', field: 'spec.rules[0].http.paths[2].backend.service.port.name', value: 'https' },
      { rule: 'ingress-backend', field: 'spec.rules[0].http.paths[3].backend.service.port.name', value: 'dns' },
    ]);
  });
});
