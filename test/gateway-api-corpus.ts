/**
 * The Gateway API corpus: every kind of Gateway, HTTPRoute, GRPCRoute and ReferenceGrant the
 * tests write, each case with what our rules say of it and what the CRDs' own OpenAPI and CEL
 * rules say when the API server is asked (`dryRun`). Two halves of one differential:
 * - test/unit/core/gateway-api-corpus.test.ts: our rules' verdict on each case, beside the CRDs'
 *   recorded one (an object the CRDs refuse gets an error of ours; an object they accept gets
 *   none from an `api-server` rule);
 * - test/controlplane/dist.test.ts: the recorded verdicts, held to a real API server
 *   with the v1.6 standard CRDs installed, in one pass over the whole corpus.
 *
 * Cases come from the constructs (what the library writes: every match kind, filter, weights,
 * timeouts, GRPCRoute, a backend and a certificate across namespaces with their grants, HTTPS
 * and TLS listeners, the tutorial's step 11), from the hand-written objects of the rules' tests,
 * and from objects the CRDs' CEL rules refuse.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { parseAllDocuments } from 'yaml';
import {
  AppPod, ExposedRoute, ExposedService, Gateway, ListenerProtocol, NginxPod, RouteFilter, RouteKind, RouteNamespaces,
  RoutePathType, SecretRef, ServiceType, SKIP_RULES_CONTEXT, TlsMode,
} from '../src';
import { REPO } from './paths';
import type { Manifest } from './util';
import { withoutSchemaCheck } from './util';

export interface CorpusCase {
  /** What the case is. */
  readonly name: string;
  /** Every object of the case, judged together (Services and pods beside the Gateway API's objects). */
  readonly objects: readonly Manifest[];
  /** The rules of ours that report an error on the case's Gateway API objects, by `Kind/name`. */
  readonly ours?: { readonly [ref: string]: readonly string[] };
  /**
   * The Gateway API objects the CRDs refuse, by `Kind/name`, with a piece of the API server's
   * message; every other Gateway API object of the case is accepted.
   */
  readonly refused?: { readonly [ref: string]: string };
}

const GW = 'gateway.networking.k8s.io/v1';

/** `Kind/name` or `Kind/namespace/name` of a manifest, as problems name objects. */
export function refOf(o: Manifest): string {
  return o.metadata?.namespace ? `${o.kind}/${o.metadata.namespace}/${o.metadata?.name}` : `${o.kind}/${o.metadata?.name}`;
}

/** Whether a manifest is of the Gateway API. */
export function isGatewayApi(o: Manifest): boolean {
  return typeof o.apiVersion === 'string' && o.apiVersion.startsWith('gateway.networking.k8s.io/');
}

// --- what the constructs write -------------------------------------------------------------

/** An app whose synth lets the rules named through (their objects are written as they are, for the judges). */
function app(skip: readonly string[]): { app: App; chart: Chart } {
  const a = Testing.app();
  if (skip.length > 0) a.node.setContext(SKIP_RULES_CONTEXT, Object.fromEntries(skip.map(id => [id, 'the corpus judges it'])));
  return { app: a, chart: new Chart(a, 'corpus') };
}
const written = (a: App) => a.charts.flatMap(c => c.toJson() as Manifest[]);

function web(chart: Chart, name = 'web') {
  const pod = new NginxPod(chart, name, { name });
  return { pod, svc: new ExposedService(chart, `svc-${name}`, { name, type: ServiceType.CLUSTER_IP, target: pod, port: 8080 }) };
}

function constructCases(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const add = (name: string, build: (chart: Chart, a: App) => void, more: Partial<CorpusCase> = {}) => {
    const { app: a, chart } = app(Object.values(more.ours ?? {}).flat());
    build(chart, a);
    cases.push({ name: `constructs: ${name}`, objects: withoutSchemaCheck(() => written(a)), ...more });
  };

  add('an HTTP and an HTTPS listener, a canary split by weight, a response header filter, a request timeout', chart => {
    const { svc } = web(chart);
    const { svc: canary } = web(chart, 'web-canary');
    new Gateway(chart, 'gw', { name: 'web', gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTP, hostname: '*.example.com' }, { protocol: ListenerProtocol.HTTPS, hostname: '*.example.com', certificate: 'web-tls' }] });
    new ExposedRoute(chart, 'route', {
      name: 'canary', hostnames: ['www.example.com'],
      rules: [{ matches: [{ path: '/', pathType: RoutePathType.PATH_PREFIX }], backends: [{ service: svc, weight: 90 }, { service: canary, weight: 10 }],
        filters: [RouteFilter.responseHeaders({ set: { 'x-served-by': 'gateway' } })], timeouts: { request: Duration.seconds(10), backendRequest: Duration.millis(2500) } }],
    });
  });

  add('every HTTP match kind: path (Exact, PathPrefix, RegularExpression), header, method, query', chart => {
    const { svc } = web(chart);
    new Gateway(chart, 'gw', { name: 'gw', gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTP }] });
    new ExposedRoute(chart, 'route', {
      name: 'matches',
      rules: [
        { matches: [{ path: '/v1/items', pathType: RoutePathType.EXACT, method: 'GET' }], backends: [{ service: svc }] },
        { matches: [{ path: '/api', headers: { 'x-env': 'canary' }, queryParams: { debug: '1' } }], backends: [{ service: svc }] },
        { matches: [{ path: '/img/.*\\.png', pathType: RoutePathType.REGULAR_EXPRESSION }, { headers: { 'x-team': 'web' } }], backends: [{ service: svc }] },
      ],
    });
  });

  add('request header changes and a prefix rewrite on one PathPrefix match; a full-path rewrite with a host', chart => {
    const { svc } = web(chart);
    new Gateway(chart, 'gw', { name: 'gw', gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTP }] });
    new ExposedRoute(chart, 'route', {
      name: 'rewrites',
      rules: [
        { matches: [{ path: '/api' }], filters: [RouteFilter.rewrite({ path: { prefix: '/' } }), RouteFilter.requestHeaders({ set: { 'x-a': '1' }, add: { 'x-b': '2' }, remove: ['x-c'] })], backends: [{ service: svc }] },
        { matches: [{ path: '/old', pathType: RoutePathType.EXACT }], filters: [RouteFilter.rewrite({ hostname: 'internal.example.com', path: { fullPath: '/new' } })], backends: [{ service: svc }] },
      ],
    });
  });

  add('a redirect to https in a rule of its own (no backends), beside a rule with backends', chart => {
    const { svc } = web(chart);
    new Gateway(chart, 'gw', { name: 'gw', gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTP }] });
    new ExposedRoute(chart, 'route', {
      name: 'redirect',
      rules: [
        { matches: [{ path: '/old' }], filters: [RouteFilter.redirect({ scheme: 'https', statusCode: 301, path: { prefix: '/new' } })] },
        { backends: [{ service: svc }] },
      ],
    });
  });

  add('fails: a prefix rewrite on an Exact match (the old unit test\'s route)', chart => {
    const { svc } = web(chart);
    new Gateway(chart, 'gw', { name: 'gw', gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTP }] });
    svc.exposeViaRoute({ name: 'rewrite-exact', matches: [{ path: '/v1', pathType: RoutePathType.EXACT }], filters: [RouteFilter.rewrite({ path: { prefix: '/' } })] });
  }, { ours: { 'HTTPRoute/rewrite-exact': ['route-filters'] }, refused: { 'HTTPRoute/rewrite-exact': 'When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified' } });

  add('fails: a redirect beside backends (the old unit test\'s route)', chart => {
    const { svc } = web(chart);
    new Gateway(chart, 'gw', { name: 'gw', gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTP }] });
    new ExposedRoute(chart, 'redirect', { name: 'redirect-beside', rules: [{ backends: [{ service: svc }], filters: [RouteFilter.redirect({ scheme: 'https' })] }] });
  }, { ours: { 'HTTPRoute/redirect-beside': ['route-filters'] }, refused: { 'HTTPRoute/redirect-beside': 'RequestRedirect filter must not be used together with backendRefs' } });

  add('fails: a backendRequest timeout longer than the request timeout', chart => {
    const { svc } = web(chart);
    new Gateway(chart, 'gw', { name: 'gw', gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTP }] });
    svc.exposeViaRoute({ name: 'timeouts', timeouts: { request: Duration.seconds(5), backendRequest: Duration.seconds(30) } });
  }, { ours: { 'HTTPRoute/timeouts': ['route-fields'] }, refused: { 'HTTPRoute/timeouts': 'backendRequest timeout cannot be longer than request timeout' } });

  add('fails: a lower-case method, a header name with a space, a negative weight, a redirect host with a port', chart => {
    const { svc } = web(chart);
    new Gateway(chart, 'gw', { name: 'gw', gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTP }] });
    new ExposedRoute(chart, 'route', {
      name: 'forms',
      rules: [
        { matches: [{ path: '/a', method: 'get' }], filters: [RouteFilter.requestHeaders({ set: { 'x a': '1' } })], backends: [{ service: svc, weight: -1 }] },
        { matches: [{ path: '/old' }], filters: [RouteFilter.redirect({ hostname: 'a.example.com:8080' })] },
      ],
    });
  }, { ours: { 'HTTPRoute/forms': ['route-filters', 'route-filters', 'route-fields', 'route-fields'] }, refused: { 'HTTPRoute/forms': 'spec.rules[0].matches[0].method' } });

  add('fails: two listeners of one name, and a listener hostname with a port', chart => {
    new Gateway(chart, 'gw', { name: 'dup', gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTP, name: 'web' }, { protocol: ListenerProtocol.HTTP, name: 'web', port: 8080, hostname: 'www.example.com:8080' }] });
  }, { ours: { 'Gateway/dup': ['listener-fields', 'listener-fields'] }, refused: { 'Gateway/dup': 'Listener name must be unique within the Gateway' } });

  add('a GRPCRoute by service and method, by service only, by header, with header filters', chart => {
    const greeter = new AppPod(chart, 'greeter', { containers: [{ name: 'greeter', image: 'example/greeter:1', port: 50051 }] });
    const svc = new ExposedService(chart, 'svc', { name: 'greeter', type: ServiceType.CLUSTER_IP, target: greeter, port: 50051 });
    new Gateway(chart, 'gw', { name: 'gw', gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTP }] });
    new ExposedRoute(chart, 'route', {
      name: 'greeter', kind: RouteKind.GRPC,
      rules: [
        { matches: [{ grpcService: 'helloworld.Greeter', grpcMethod: 'SayHello' }], backends: [{ service: svc }], filters: [RouteFilter.requestHeaders({ set: { 'x-grpc': '1' } }), RouteFilter.responseHeaders({ remove: ['x-internal'] })] },
        { matches: [{ grpcService: 'helloworld.Farewell' }, { headers: { 'x-tenant': 'a' } }], backends: [{ service: svc }] },
      ],
    });
  });

  add('a backend given by a typed PortRef, on the app\'s one Gateway by default', chart => {
    const { pod } = web(chart);
    new Gateway(chart, 'gw', { name: 'gw', gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTP }] });
    new ExposedRoute(chart, 'route', { name: 'portref', rules: [{ backends: [{ port: pod.portRef(80) }] }] });
  });

  add('a route made before the app\'s one Gateway: attached to it at synth', chart => {
    const { svc } = web(chart);
    svc.exposeViaRoute({ name: 'early' });
    new Gateway(chart, 'gw', { name: 'late', gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTP }] });
  });

  add('HTTPS listeners with a cdk8s-plus Secret, a SecretRef and a name; a TLS passthrough; routes from a selector, of chosen kinds', chart => {
    const secret = new kplus.Secret(chart, 'tls', { metadata: { name: 'web-tls' } });
    new Gateway(chart, 'gw', {
      name: 'tls', gatewayClassName: 'eg', listeners: [
        { protocol: ListenerProtocol.HTTPS, name: 'a', certificate: secret, routeNamespaces: RouteNamespaces.SELECTOR, namespaceLabels: { shared: 'yes' } },
        { protocol: ListenerProtocol.HTTPS, name: 'b', port: 8443, certificate: SecretRef.named('other-tls'), routeNamespaces: RouteNamespaces.ALL, routeKinds: [RouteKind.GRPC] },
        { protocol: ListenerProtocol.HTTPS, name: 'c', port: 9443, certificate: 'third-tls', hostname: 'api.example.com' },
        { protocol: ListenerProtocol.TLS, name: 'd', port: 10443, tlsMode: TlsMode.PASSTHROUGH },
        { protocol: ListenerProtocol.TCP, name: 'e', port: 5432 },
      ],
    });
  });

  add('a route in one namespace, its backend and a certificate in others: namespaces written, ReferenceGrants there', (_, a) => {
    const front = new Chart(a, 'front', { namespace: 'corpus-front' });
    const shop = new Chart(a, 'shop', { namespace: 'corpus-shop' });
    const certs = new Chart(a, 'certs', { namespace: 'corpus-certs' });
    const { svc } = web(shop);
    const secret = new kplus.Secret(certs, 'tls', { metadata: { name: 'web-tls' } });
    new Gateway(front, 'gw', { name: 'gw', gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTP }, { protocol: ListenerProtocol.HTTPS, certificate: secret }] });
    new ExposedRoute(front, 'route', { name: 'across', namespace: 'corpus-front', rules: [{ backends: [{ service: svc }] }] });
  });

  const dist = path.join(REPO, 'dist', '11-gateway-api.k8s.yaml');
  cases.push({ name: 'the tutorial: dist/11-gateway-api.k8s.yaml', objects: parseAllDocuments(fs.readFileSync(dist, 'utf8')).map(d => d.toJSON() as Manifest).filter(o => o !== null) });
  return cases;
}

// --- hand-written, as the rules' tests write them ------------------------------------------

const deployment = (name = 'web'): Manifest => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: { replicas: 2, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 8080, name: 'http' }] }] } } },
});
const service = (name = 'web', ports: Manifest[] = [{ port: 80, targetPort: 8080 }]): Manifest => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports } });
const gateway = (listeners: Manifest[] = [{ name: 'http', protocol: 'HTTP', port: 80 }], name = 'gw'): Manifest => ({
  apiVersion: GW, kind: 'Gateway', metadata: { name }, spec: { gatewayClassName: 'eg', listeners },
});
const route = (name: string, spec: Manifest = {}, kind = 'HTTPRoute'): Manifest => ({
  apiVersion: GW, kind, metadata: { name }, spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }], ...spec },
});
/** The Service `web` (port 80 to 8080), its Deployment and a Gateway `gw` with one HTTP listener, and the objects given. */
const beside = (...more: Manifest[]) => [service(), deployment(), gateway(), ...more];
const rule1 = (rule: Manifest) => ({ rules: [{ backendRefs: [{ name: 'web', port: 80 }], ...rule }] });
const redirectPath = (path: Manifest) => ({ type: 'RequestRedirect', requestRedirect: { path } });

function handWrittenCases(): CorpusCase[] {
  const ok = (name: string, objects: Manifest[]): CorpusCase => ({ name: `hand-written: ${name}`, objects });
  const bad = (name: string, objects: Manifest[], ref: string, ours: readonly string[], message?: string): CorpusCase => ({
    name: `hand-written: fails ${name}`, objects, ours: { [ref]: ours }, refused: message === undefined ? undefined : { [ref]: message },
  });
  return [
    ok('a route to the Service port, on a listener by sectionName and port', beside(route('plain', { parentRefs: [{ name: 'gw', sectionName: 'http', port: 80 }] }))),
    ok('a GRPCRoute by service', beside(route('grpc', { rules: [{ matches: [{ method: { service: 'a.B' } }], backendRefs: [{ name: 'web', port: 80 }] }] }, 'GRPCRoute'))),
    ok('a backend of an implementation\'s own kind', beside(route('bucket', { rules: [{ backendRefs: [{ group: 'example.io', kind: 'Bucket', name: 'b' }] }] }))),
    ok('a request timeout of 0s (none) beside a backendRequest one', beside(route('no-limit', rule1({ timeouts: { request: '0s', backendRequest: '1m30s' } })))),
    ok('two references to one Gateway, each with its own sectionName', [service(), deployment(), gateway([{ name: 'a', protocol: 'HTTP', port: 80 }, { name: 'b', protocol: 'HTTP', port: 8080 }]),
      route('two-parents', { parentRefs: [{ name: 'gw', sectionName: 'a' }, { name: 'gw', sectionName: 'b' }] })]),
    // accepted by the CRDs, failed by the controller: our rules say so before it does
    bad('a port the Service does not have (the container port)', beside(route('container-port', { rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] })), 'HTTPRoute/container-port', ['route-backend-ref']),
    bad('a route without parentRefs', beside({ apiVersion: GW, kind: 'HTTPRoute', metadata: { name: 'orphan' }, spec: { rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] } }), 'HTTPRoute/orphan', ['route-parent-ref']),
    bad('a sectionName the Gateway has no listener of', beside(route('no-listener', { parentRefs: [{ name: 'gw', sectionName: 'https' }] })), 'HTTPRoute/no-listener', ['route-parent-ref']),
    bad('an HTTPS listener without tls', [gateway([{ name: 'https', protocol: 'HTTPS', port: 443 }], 'no-tls')], 'Gateway/no-tls', ['listener-certificate']),
    // refused by the CRDs' CEL rules
    bad('a Service backend without a port', beside(route('no-port', { rules: [{ backendRefs: [{ name: 'web' }] }] })), 'HTTPRoute/no-port', ['route-backend-ref'], 'Must have port for Service reference'),
    bad('a TLS listener that terminates without a certificate', [gateway([{ name: 'tls', protocol: 'TLS', port: 8443, tls: { mode: 'Terminate' } }], 'no-cert')], 'Gateway/no-cert', ['listener-certificate'], 'certificateRefs or options must be specified when mode is Terminate'),
    bad('tls on an HTTP listener', [gateway([{ name: 'http', protocol: 'HTTP', port: 80, tls: { certificateRefs: [{ name: 'x' }] } }], 'http-tls')], 'Gateway/http-tls', ['listener-fields'], 'tls must not be specified for protocols [\'HTTP\', \'TCP\', \'UDP\']'),
    bad('a TLS listener without tls', [gateway([{ name: 'tls', protocol: 'TLS', port: 8443 }], 'tls-no-mode')], 'Gateway/tls-no-mode', ['listener-fields'], 'tls mode must be set for protocol TLS'),
    bad('an HTTPS listener that passes TLS through', [gateway([{ name: 'https', protocol: 'HTTPS', port: 443, tls: { mode: 'Passthrough' } }], 'https-pass')], 'Gateway/https-pass', ['listener-fields'], 'tls mode must be Terminate for protocol HTTPS'),
    bad('a hostname on a TCP listener', [gateway([{ name: 'tcp', protocol: 'TCP', port: 5432, hostname: 'db.example.com' }], 'tcp-host')], 'Gateway/tcp-host', ['listener-fields'], 'hostname must not be specified for protocols [\'TCP\', \'UDP\']'),
    bad('two listeners of one port, protocol and hostname', [gateway([{ name: 'a', protocol: 'HTTP', port: 80 }, { name: 'b', protocol: 'HTTP', port: 80 }], 'same-port')], 'Gateway/same-port', ['listener-fields'], 'Combination of port, protocol and hostname must be unique for each listener'),
    bad('a listener hostname in capitals', [gateway([{ name: 'http', protocol: 'HTTP', port: 80, hostname: 'WWW.example.com' }], 'caps')], 'Gateway/caps', ['listener-fields'], 'spec.listeners[0].hostname'),
    bad('a route hostname with a scheme', beside(route('scheme-host', { hostnames: ['https://www.example.com'] })), 'HTTPRoute/scheme-host', ['route-fields'], 'spec.hostnames[0]'),
    bad('a redirect and a rewrite in one rule', beside(route('redirect-rewrite', { rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }, { type: 'URLRewrite', urlRewrite: { hostname: 'a.example.com' } }] }] })), 'HTTPRoute/redirect-rewrite', ['route-filters'], 'May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both'),
    bad('a request header filter twice', beside(route('twice', rule1({ filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'a', value: '1' }] } }, { type: 'RequestHeaderModifier', requestHeaderModifier: { remove: ['b'] } }] }))), 'HTTPRoute/twice', ['route-filters'], 'RequestHeaderModifier filter cannot be repeated'),
    bad('a filter without the field of its type', beside(route('no-field', rule1({ filters: [{ type: 'ResponseHeaderModifier' }] }))), 'HTTPRoute/no-field', ['route-filters'], 'filter.responseHeaderModifier must be specified for ResponseHeaderModifier filter.type'),
    bad('a filter with the field of another type', beside(route('other-field', rule1({ filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { remove: ['a'] }, responseHeaderModifier: { remove: ['b'] } }] }))), 'HTTPRoute/other-field', ['route-filters'], 'filter.responseHeaderModifier must be nil if the filter.type is not ResponseHeaderModifier'),
    bad('a redirect\'s ReplacePrefixMatch in a rule of two matches', beside(route('two-matches', { rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/a' } }, { path: { type: 'PathPrefix', value: '/b' } }], filters: [redirectPath({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/c' })] }] })), 'HTTPRoute/two-matches', ['route-filters'], 'When using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified'),
    ok('a redirect\'s ReplacePrefixMatch in a rule with no match (the CRD\'s default: one PathPrefix "/")', beside(route('default-match', { rules: [{ filters: [redirectPath({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/c' })] }] }))),
    bad('a path change of type ReplaceFullPath with replacePrefixMatch', beside(route('path-type', { rules: [{ filters: [redirectPath({ type: 'ReplaceFullPath', replacePrefixMatch: '/c' })] }] })), 'HTTPRoute/path-type', ['route-filters', 'route-filters'], 'replaceFullPath must be specified when type is set to \'ReplaceFullPath\''),
    bad('a relative PathPrefix', beside(route('relative', rule1({ matches: [{ path: { type: 'PathPrefix', value: 'api' } }] }))), 'HTTPRoute/relative', ['route-fields'], 'value must be an absolute path and start with \'/\''),
    bad('an Exact path with "//"', beside(route('double-slash', rule1({ matches: [{ path: { type: 'Exact', value: '/a//b' } }] }))), 'HTTPRoute/double-slash', ['route-fields'], 'must not contain \'//\''),
    bad('a PathPrefix ending in "/.."', beside(route('dot-dot', rule1({ matches: [{ path: { type: 'PathPrefix', value: '/a/..' } }] }))), 'HTTPRoute/dot-dot', ['route-fields'], 'must not end with \'/..\''),
    bad('a path with a space', beside(route('space', rule1({ matches: [{ path: { type: 'Exact', value: '/a b' } }] }))), 'HTTPRoute/space', ['route-fields'], 'must only contain valid characters'),
    bad('a timeout that is no duration', beside(route('bad-duration', rule1({ timeouts: { request: '10 seconds' } }))), 'HTTPRoute/bad-duration', ['route-fields'], 'spec.rules[0].timeouts.request'),
    bad('a gRPC method match with neither service nor method', beside(route('grpc-empty', { rules: [{ matches: [{ method: { type: 'Exact' } }], backendRefs: [{ name: 'web', port: 80 }] }] }, 'GRPCRoute')), 'GRPCRoute/grpc-empty', ['route-fields'], 'One or both of \'service\' or \'method\' must be specified'),
    bad('a gRPC service name with a slash', beside(route('grpc-slash', { rules: [{ matches: [{ method: { service: 'helloworld/Greeter' } }], backendRefs: [{ name: 'web', port: 80 }] }] }, 'GRPCRoute')), 'GRPCRoute/grpc-slash', ['route-fields'], 'service must only contain valid characters'),
    bad('two references to one Gateway, one without a sectionName', [service(), deployment(), gateway([{ name: 'a', protocol: 'HTTP', port: 80 }, { name: 'b', protocol: 'HTTP', port: 8080 }]),
      route('half-named', { parentRefs: [{ name: 'gw', sectionName: 'a' }, { name: 'gw' }] })], 'HTTPRoute/half-named', ['route-fields'], 'sectionName must be specified when parentRefs includes 2 or more references to the same parent'),
    bad('two references to one listener', beside(route('same-section', { parentRefs: [{ name: 'gw', sectionName: 'http' }, { name: 'gw', sectionName: 'http' }] })), 'HTTPRoute/same-section', ['route-fields'], 'sectionName must be unique when parentRefs includes 2 or more references to the same parent'),
  ];
}

/** The whole corpus (built on each call: constructs write new objects each time). */
export function gatewayApiCorpus(): CorpusCase[] {
  return [...constructCases(), ...handWrittenCases()];
}
