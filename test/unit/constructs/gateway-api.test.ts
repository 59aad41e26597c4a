/**
 * Gateway and ExposedRoute (src/constructs/gateway.ts, exposed-route.ts): what they write, their
 * documented defaults, and each Gateway API rule through the construct path (an app judged by
 * validateApp, as its synth judges it). Every object rendered here is also validated against the
 * CRDs' schemas (test/setup-schema.ts).
 */
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AppPod, ExposedRoute, ExposedService, FlaskPod, Gateway, ListenerProtocol, NginxPod, Problem, RouteFilter, RouteKind, RouteNamespaces,
  RoutePathType, SecretRef, ServiceType, TlsMode, validateApp,
} from '../../../src';
import { ofKind, only, problemsOf } from '../../util';

function setup(chart: Chart = Testing.chart()) {
  const web = new NginxPod(chart, 'web', { name: 'web' });
  const svc = new ExposedService(chart, 'svc', { name: 'web', type: ServiceType.CLUSTER_IP, target: web, port: 8080 });
  return { chart, web, svc };
}

const http = () => [{ protocol: ListenerProtocol.HTTP }];
const judged = (chart: Chart) => validateApp(chart).map((p: Problem) => ({ rule: p.rule, field: p.field, value: p.value, severity: p.severity ?? 'error' }));

test('a Gateway with HTTP and HTTPS listeners, and an HTTPRoute with a canary split in front of two Services', () => {
  const { chart, svc } = setup();
  const canaryPod = new NginxPod(chart, 'canary', { name: 'web-canary' });
  const canary = new ExposedService(chart, 'svc-canary', { name: 'web-canary', type: ServiceType.CLUSTER_IP, target: canaryPod, port: 8080 });
  new Gateway(chart, 'gateway', {
    name: 'web', gatewayClassName: 'eg',
    listeners: [{ protocol: ListenerProtocol.HTTP, hostname: '*.example.com' }, { protocol: ListenerProtocol.HTTPS, hostname: '*.example.com', certificate: 'web-tls' }],
  });
  new ExposedRoute(chart, 'route', {
    name: 'web', hostnames: ['www.example.com'],
    rules: [{
      matches: [{ path: '/', pathType: RoutePathType.PATH_PREFIX }],
      backends: [{ service: svc, weight: 90 }, { service: canary, weight: 10 }],
      filters: [RouteFilter.responseHeaders({ set: { 'x-served-by': 'gateway' } })],
      timeouts: { request: Duration.seconds(10) },
    }],
  });
  expect(only(chart, 'Gateway')).toMatchSnapshot();
  expect(only(chart, 'HTTPRoute')).toMatchSnapshot();
  expect(validateApp(chart)).toEqual([]);
});

describe('defaults', () => {
  test('a listener is named after its protocol, on its well-known port; TLS terminates; routes of the Gateway\'s namespace only', () => {
    const chart = Testing.chart();
    const gateway = new Gateway(chart, 'gateway', { gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTP }, { protocol: ListenerProtocol.HTTPS, certificate: 'tls' }] });
    expect(only(chart, 'Gateway').spec.listeners).toEqual([
      { name: 'http', protocol: 'HTTP', port: 80 },
      { name: 'https', protocol: 'HTTPS', port: 443, tls: { certificateRefs: [{ kind: 'Secret', name: 'tls' }] } },
    ]);
    expect(gateway.listeners.map(l => [l.name, l.port])).toEqual([['http', 80], ['https', 443]]);
    new Gateway(chart, 'tls', { gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.TLS, certificate: 'tls' }] });
    expect(ofKind(chart, 'Gateway')[1].spec.listeners).toEqual([{ name: 'tls', protocol: 'TLS', port: 443, tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'tls' }] } }]);
  });

  test('two listeners of one protocol are named after their port', () => {
    const chart = Testing.chart();
    new Gateway(chart, 'gateway', { gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTP }, { protocol: ListenerProtocol.HTTP, port: 8080 }] });
    expect(only(chart, 'Gateway').spec.listeners.map((l: any) => l.name)).toEqual(['http-80', 'http-8080']);
  });

  test('exposeViaRoute: an HTTPRoute child named Route, to the Service\'s first port, on the app\'s one Gateway, for every request', () => {
    const { chart, svc } = setup();
    new Gateway(chart, 'gateway', { name: 'gw', gatewayClassName: 'eg', listeners: http() });
    const route = svc.exposeViaRoute();
    expect(route.node.path).toBe('test/svc/Route');
    expect(route.kind).toBe(RouteKind.HTTP);
    expect(only(chart, 'HTTPRoute').spec).toEqual({ parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] });
    expect(route.backends.map(b => [b.service.name, b.servicePort.port, b.weight])).toEqual([['web', 8080, undefined]]);
  });

  test('a route made before the app\'s one Gateway attaches to it at synth; with no Gateway at all it has no parent, and route-parent-ref fails it', () => {
    const { chart, svc } = setup();
    svc.exposeViaRoute();
    expect(judged(chart)).toEqual([{ rule: 'route-parent-ref', field: 'spec.parentRefs', value: undefined, severity: 'error' }]);
    new Gateway(chart, 'gateway', { name: 'gw', gatewayClassName: 'eg', listeners: http() });
    expect(only(chart, 'HTTPRoute').spec.parentRefs).toEqual([{ name: 'gw' }]);
    expect(validateApp(chart)).toEqual([]);
  });

  test('a backend given by PortRef alone goes to the one ExposedService that targets that container port', () => {
    const { chart, web } = setup();
    new Gateway(chart, 'gateway', { gatewayClassName: 'eg', listeners: http() });
    new ExposedRoute(chart, 'route', { rules: [{ backends: [{ port: web.portRef(80) }] }] });
    expect(only(chart, 'HTTPRoute').spec.rules[0].backendRefs).toEqual([{ name: 'web', port: 8080 }]);
  });

  test('typed ports, as ExposedService\'s targetPort: a PortRef picks the Service port that targets it, a name the Service port of that name; a PortRef the Service does not target fails', () => {
    const chart = Testing.chart();
    const api = new AppPod(chart, 'api', { name: 'api', containers: [{ name: 'api', image: 'example/api:1', ports: [{ number: 8080, name: 'http' }, { number: 9090, name: 'metrics' }, { number: 7000, name: 'admin' }] }] });
    const svc = new ExposedService(chart, 'svc', { name: 'api', type: ServiceType.CLUSTER_IP, target: api, ports: [{ name: 'web', port: 80, targetPort: api.portRef('http') }, { name: 'metrics', port: 9000, targetPort: api.portRef('metrics') }] });
    new Gateway(chart, 'gateway', { gatewayClassName: 'eg', listeners: http() });
    new ExposedRoute(chart, 'route', { rules: [{ backends: [{ service: svc, port: api.portRef('metrics') }, { service: svc, port: 'web' }] }] });
    expect(only(chart, 'HTTPRoute').spec.rules[0].backendRefs).toEqual([{ name: 'api', port: 9000 }, { name: 'api', port: 80 }]);
    expect(validateApp(chart)).toEqual([]);
    expect(problemsOf(() => new ExposedRoute(chart, 'admin', { rules: [{ backends: [{ service: svc, port: api.portRef('admin') }] }] })).map(p => [p.rule, p.field]))
      .toEqual([['props', 'rules[0].backends[0].port']]);
  });

  test('a route in the namespace of its first backend; a backend in another namespace gets its namespace written and a ReferenceGrant there', () => {
    const app = Testing.app();
    const front = new Chart(app, 'front', { namespace: 'front' });
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    const { svc } = setup(shop);
    new Gateway(front, 'gateway', { name: 'gw', gatewayClassName: 'eg', listeners: http() });
    new ExposedRoute(front, 'route', { name: 'web', namespace: 'front', rules: [{ backends: [{ service: svc }] }] });
    const objects = [...front.toJson(), ...shop.toJson()];
    expect(objects.find(o => o.kind === 'HTTPRoute').spec.rules[0].backendRefs).toEqual([{ name: 'web', namespace: 'shop', port: 8080 }]);
    const grant = objects.find(o => o.kind === 'ReferenceGrant');
    expect(grant.metadata.namespace).toBe('shop');
    expect(grant.spec).toEqual({ from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'front' }], to: [{ group: '', kind: 'Service', name: 'web' }] });
    expect(validateApp(app)).toEqual([]);
  });

  test('a GRPCRoute by service and method', () => {
    const { chart, svc } = setup();
    new Gateway(chart, 'gateway', { gatewayClassName: 'eg', listeners: http() });
    svc.exposeViaRoute({ kind: RouteKind.GRPC, matches: [{ grpcService: 'helloworld.Greeter', grpcMethod: 'SayHello' }] });
    expect(only(chart, 'GRPCRoute').spec.rules).toEqual([{ matches: [{ method: { service: 'helloworld.Greeter', method: 'SayHello' } }], backendRefs: [{ name: 'web', port: 8080 }] }]);
    expect(validateApp(chart)).toEqual([]);
  });

  test('matches by header, method and query; a redirect and a rewrite', () => {
    const { chart, svc } = setup();
    new Gateway(chart, 'gateway', { gatewayClassName: 'eg', listeners: http() });
    svc.exposeViaRoute({
      matches: [{ path: '/v1', pathType: RoutePathType.EXACT, headers: { 'x-env': 'canary' }, method: 'GET', queryParams: { debug: '1' } }],
      filters: [RouteFilter.rewrite({ path: { fullPath: '/' } }), RouteFilter.requestHeaders({ add: { 'x-from': 'gw' }, remove: ['x-drop'] })],
    });
    // (a redirect answers the request itself: its rule has no backends, which the CRD requires)
    new ExposedRoute(chart, 'redirect', { hostnames: ['old.example.com'], rules: [{ filters: [RouteFilter.redirect({ scheme: 'https', statusCode: 301 })] }, { matches: [{ path: '/keep' }], backends: [{ service: svc }] }] });
    const [route, redirect] = ofKind(chart, 'HTTPRoute');
    expect(route.spec.rules[0]).toEqual({
      matches: [{ path: { type: 'Exact', value: '/v1' }, headers: [{ name: 'x-env', value: 'canary' }], queryParams: [{ name: 'debug', value: '1' }], method: 'GET' }],
      filters: [
        { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath', replaceFullPath: '/' } } },
        { type: 'RequestHeaderModifier', requestHeaderModifier: { add: [{ name: 'x-from', value: 'gw' }], remove: ['x-drop'] } },
      ],
      backendRefs: [{ name: 'web', port: 8080 }],
    });
    expect(redirect.spec.rules[0]).toEqual({ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] });
    expect(validateApp(chart)).toEqual([]);
  });

  test('a certificate from a cdk8s-plus Secret, a SecretRef or a name; routes from selected namespaces, of chosen kinds', () => {
    const chart = Testing.chart();
    const secret = new kplus.Secret(chart, 'tls', { metadata: { name: 'web-tls' } });
    new Gateway(chart, 'gateway', {
      gatewayClassName: 'eg', listeners: [
        { protocol: ListenerProtocol.HTTPS, name: 'a', certificate: secret, routeNamespaces: RouteNamespaces.SELECTOR, namespaceLabels: { shared: 'yes' } },
        { protocol: ListenerProtocol.HTTPS, name: 'b', port: 8443, certificate: SecretRef.named('other-tls'), routeNamespaces: RouteNamespaces.ALL, routeKinds: [RouteKind.GRPC] },
        { protocol: ListenerProtocol.TLS, name: 'c', port: 9443, tlsMode: TlsMode.PASSTHROUGH },
      ],
    });
    const listeners = only(chart, 'Gateway').spec.listeners;
    expect(listeners[0].tls.certificateRefs).toEqual([{ kind: 'Secret', name: 'web-tls' }]);
    expect(listeners[0].allowedRoutes).toEqual({ namespaces: { from: 'Selector', selector: { matchLabels: { shared: 'yes' } } } });
    expect(listeners[1].tls.certificateRefs).toEqual([{ kind: 'Secret', name: 'other-tls' }]);
    expect(listeners[1].allowedRoutes).toEqual({ namespaces: { from: 'All' }, kinds: [{ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute' }] });
    expect(listeners[2].tls).toEqual({ mode: 'Passthrough' });
    expect(validateApp(chart)).toEqual([]);
  });
});

test('a certificate from a cdk8s-plus Secret of another namespace: its namespace written, and a ReferenceGrant there for the Gateway', () => {
  const app = Testing.app();
  const infra = new Chart(app, 'infra', { namespace: 'infra' });
  const certs = new Chart(app, 'certs', { namespace: 'certs' });
  const secret = new kplus.Secret(certs, 'tls', { metadata: { name: 'web-tls' } });
  new Gateway(infra, 'gateway', { name: 'gw', gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTPS, certificate: secret }] });
  const objects = infra.toJson();
  expect(objects.find(o => o.kind === 'Gateway').spec.listeners[0].tls).toEqual({ certificateRefs: [{ kind: 'Secret', name: 'web-tls', namespace: 'certs' }] });
  const grant = objects.find(o => o.kind === 'ReferenceGrant');
  expect([grant.apiVersion, grant.metadata.namespace]).toEqual(['gateway.networking.k8s.io/v1beta1', 'certs']);
  expect(grant.spec).toEqual({ from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra' }], to: [{ group: '', kind: 'Secret', name: 'web-tls' }] });
  expect(validateApp(app)).toEqual([]);
});

describe('fails when it cannot be written', () => {
  test('fails on a route without a parent when the app has two Gateways', () => {
    const { chart, svc } = setup();
    new Gateway(chart, 'a', { gatewayClassName: 'eg', listeners: http() });
    new Gateway(chart, 'b', { gatewayClassName: 'eg', listeners: http() });
    expect(problemsOf(() => new ExposedRoute(chart, 'route', { rules: [{ backends: [{ service: svc }] }] })).map(p => [p.rule, p.field])).toEqual([['props', 'parents']]);
  });

  test('fails on a rule without backends unless it redirects', () => {
    const { chart } = setup();
    new Gateway(chart, 'gateway', { gatewayClassName: 'eg', listeners: http() });
    expect(problemsOf(() => new ExposedRoute(chart, 'route', { rules: [{ filters: [RouteFilter.requestHeaders({ remove: ['x'] })] }, { backends: [] }] })).map(p => [p.rule, p.field]))
      .toEqual([['props', 'rules[0].backends'], ['props', 'rules[1].backends']]);
  });

  test('fails on a redirect in a GRPCRoute, timeouts on a GRPCRoute, a PortRef no Service targets, a TCP listener without a port', () => {
    const { chart, svc } = setup();
    const other = new FlaskPod(chart, 'other', { name: 'other' });
    new Gateway(chart, 'gateway', { gatewayClassName: 'eg', listeners: http() });
    expect(problemsOf(() => new ExposedRoute(chart, 'grpc', {
      kind: RouteKind.GRPC, rules: [{ backends: [{ service: svc }], filters: [RouteFilter.redirect()], timeouts: { request: Duration.seconds(1) } }, { backends: [{ port: other.portRef(5000) }] }],
    })).map(p => [p.rule, p.field])).toEqual([['props', 'rules[0].filters[0]'], ['props', 'rules[0].timeouts'], ['props', 'rules[1].backends[0].service']]);
    expect(problemsOf(() => new Gateway(chart, 'tcp', { gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.TCP }] })).map(p => [p.rule, p.field])).toEqual([['props', 'listeners[0].port']]);
  });
});

describe('the rules, through the construct path', () => {
  test('route-backend-ref: fails on a Service port the Service does not have', () => {
    const { chart, svc } = setup();
    new Gateway(chart, 'gateway', { gatewayClassName: 'eg', listeners: http() });
    new ExposedRoute(chart, 'route', { rules: [{ backends: [{ service: svc, port: 80 }] }] });
    expect(judged(chart)).toEqual([{ rule: 'route-backend-ref', field: 'spec.rules[0].backendRefs[0].port', value: 80, severity: 'error' }]);
  });

  test('route-parent-ref: fails on a listener the Gateway does not have, and on one whose hostname the route\'s miss', () => {
    const { chart, svc } = setup();
    const gateway = new Gateway(chart, 'gateway', { gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTP, hostname: 'api.example.com' }] });
    new ExposedRoute(chart, 'a', { parents: [{ gateway, listener: 'https' }], rules: [{ backends: [{ service: svc }] }] });
    new ExposedRoute(chart, 'b', { hostnames: ['www.example.com'], rules: [{ backends: [{ service: svc }] }] });
    expect(judged(chart)).toEqual([
      { rule: 'route-parent-ref', field: 'spec.parentRefs[0].sectionName', value: 'https', severity: 'error' },
      { rule: 'route-parent-ref', field: 'spec.parentRefs[0]', value: gateway.name, severity: 'error' },
    ]);
  });

  test('route-gateway-outside-app: a route to the cluster\'s Gateway is a warning, and the app still synthesizes', () => {
    const app = new App({ outdir: path.join(os.tmpdir(), 'gateway-api-test-unused') });
    const { svc } = setup(new Chart(app, 'web'));
    svc.exposeViaRoute({ parents: [{ gateway: 'shared', namespace: 'infra' }] });
    expect(judged(app as unknown as Chart)).toEqual([{ rule: 'route-gateway-outside-app', field: 'spec.parentRefs[0].name', value: 'shared', severity: 'warning' }]);
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('listener-certificate: fails on an HTTPS listener without a certificate', () => {
    const chart = Testing.chart();
    new Gateway(chart, 'gateway', { gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTPS }] });
    expect(judged(chart)).toEqual([{ rule: 'listener-certificate', field: 'spec.listeners[0].tls', value: undefined, severity: 'error' }]);
  });

  test('route-filters, route-fields, listener-fields: fail on what the CRDs refuse (a prefix rewrite on an Exact match, a redirect beside backends, a backendRequest timeout over the request one, two listeners of one name)', () => {
    const { chart, svc } = setup();
    new Gateway(chart, 'gateway', { gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTP, name: 'web' }, { protocol: ListenerProtocol.HTTP, name: 'web', port: 8080 }] });
    new ExposedRoute(chart, 'route', {
      parents: [{ gateway: Gateway.of(chart)[0], listener: 'web' }],
      rules: [
        { matches: [{ path: '/v1', pathType: RoutePathType.EXACT }], filters: [RouteFilter.rewrite({ path: { prefix: '/' } })], backends: [{ service: svc }] },
        { matches: [{ path: '/old' }], filters: [RouteFilter.redirect({ scheme: 'https' })], backends: [{ service: svc }] },
        { matches: [{ path: '/slow' }], timeouts: { request: Duration.seconds(5), backendRequest: Duration.seconds(30) }, backends: [{ service: svc }] },
      ],
    });
    expect(judged(chart)).toEqual([
      { rule: 'listener-fields', field: 'spec.listeners[1].name', value: 'web', severity: 'error' },
      { rule: 'route-filters', field: 'spec.rules[0].filters[0].urlRewrite.path.replacePrefixMatch', value: '/', severity: 'error' },
      { rule: 'route-filters', field: 'spec.rules[1].filters[0].type', value: 'RequestRedirect', severity: 'error' },
      { rule: 'route-fields', field: 'spec.rules[2].timeouts.backendRequest', value: '30s', severity: 'error' },
    ]);
  });

  test('route-hostname-overlap: fails (a warning) on two routes with the same host and match on one listener', () => {
    const { chart, svc } = setup();
    new Gateway(chart, 'gateway', { gatewayClassName: 'eg', listeners: http() });
    new ExposedRoute(chart, 'a', { name: 'a', hostnames: ['www.example.com'], rules: [{ backends: [{ service: svc }] }] });
    new ExposedRoute(chart, 'b', { name: 'b', hostnames: ['www.example.com'], rules: [{ backends: [{ service: svc }] }] });
    expect(judged(chart)).toEqual([{ rule: 'route-hostname-overlap', field: 'spec.rules[0]', value: { path: { type: 'PathPrefix', value: '/' }, method: null, headers: [], queryParams: [] }, severity: 'warning' }]);
  });

  test('route-backend-network-policy: fails (a warning) on a backend pod that lets its port in only from pods beside it; passes with the gateway\'s namespace let in', () => {
    for (const [peer, expected] of [['pods', [{ rule: 'route-backend-network-policy', field: 'spec.rules[0].backendRefs[0]', value: 'web:8080', severity: 'warning' }]], ['namespace', []]] as const) {
      const { chart, web, svc } = setup();
      new Gateway(chart, 'gateway', { gatewayClassName: 'eg', listeners: http() });
      web.isolate({ allowFrom: [peer === 'pods' ? kplus.Pods.select(chart, 'clients', { labels: { access: 'true' } }) : kplus.Namespaces.select(chart, 'gw', { names: ['envoy-gateway-system'] })] });
      svc.exposeViaRoute();
      expect(judged(chart)).toEqual(expected);
    }
  });
});
