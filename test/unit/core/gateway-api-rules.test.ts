/**
 * The Gateway API's rules (src/core/rules/route-*.ts, listener-certificate.ts) through
 * checkManifests over raw manifests, as a user who hand-writes the objects gets them: a positive
 * and a negative case per rule id, each asserting the structured problem and its severity.
 */
import { checkManifests } from '../../../src/check';
import type { Problem } from '../../../src';
import { schemaErrors } from '../../schema';
import { Manifest } from '../../util';

const GW = 'gateway.networking.k8s.io/v1';

const deployment = (name = 'web', namespace?: string, labels: { [k: string]: string } = { app: name }): Manifest => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, ...(namespace ? { namespace } : {}) },
  spec: {
    replicas: 2, selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 8080, name: 'http' }] }] } },
  },
});
const service = (name = 'web', namespace?: string, ports: Manifest[] = [{ port: 80, targetPort: 8080 }]): Manifest => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name, ...(namespace ? { namespace } : {}) }, spec: { selector: { app: name }, ports },
});
const gateway = (listeners: Manifest[] = [{ name: 'http', protocol: 'HTTP', port: 80 }], namespace?: string): Manifest => ({
  apiVersion: GW, kind: 'Gateway', metadata: { name: 'gw', ...(namespace ? { namespace } : {}) }, spec: { gatewayClassName: 'eg', listeners },
});
const route = (spec: Manifest = {}, name = 'web', namespace?: string, kind = 'HTTPRoute'): Manifest => ({
  apiVersion: GW, kind, metadata: { name, ...(namespace ? { namespace } : {}) },
  spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }], ...spec },
});
const grant = (namespace: string, fromNamespace: string, to: Manifest = { group: '', kind: 'Service' }): Manifest => ({
  apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { name: 'let-routes-in', namespace },
  spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: fromNamespace }], to: [to] },
});

/**
 * The problems in brief, with their severity (error when absent). Every Gateway API object the
 * tests write is first held to its CRD's OpenAPI schema, so the cases are objects of the right
 * shape (the CRDs' CEL rules are not run here: a Service backend without a port, a Terminate
 * listener without certificateRefs are refused by them too).
 */
function check(...objects: Manifest[]): { rule: string; field: string; value: unknown; severity: string }[] {
  for (const o of objects) if (String(o.apiVersion).startsWith('gateway.networking.k8s.io/')) expect([o.kind, schemaErrors(o)]).toEqual([o.kind, []]);
  return checkManifests(objects).map((p: Problem) => ({ rule: p.rule, field: p.field, value: p.value, severity: p.severity ?? 'error' }));
}

const app = (...more: Manifest[]) => [service(), deployment(), gateway(), ...more];

test('an app with a Gateway, a Service and an HTTPRoute between them passes every rule', () => {
  expect(check(...app(route()))).toEqual([]);
});

describe('route-backend-ref', () => {
  test('a backend in another namespace, granted by a ReferenceGrant there', () => {
    expect(check(service('web', 'shop'), deployment('web', 'shop'), gateway(), route({ rules: [{ backendRefs: [{ name: 'web', namespace: 'shop', port: 80 }] }] }, 'web', 'front'),
      { ...gateway(), metadata: { name: 'gw', namespace: 'front' } }, grant('shop', 'front'))).toEqual([]);
  });

  test('fails on a port the Service does not have (the container port instead of the Service port)', () => {
    expect(check(...app(route({ rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] })))).toEqual([
      { rule: 'route-backend-ref', field: 'spec.rules[0].backendRefs[0].port', value: 8080, severity: 'error' },
    ]);
  });

  test('fails on a Service backend without a port, on a UDP port, and on a Service the app does not write', () => {
    // (a UDP Service of no pod: service-selects-a-pod says so too)
    const udp = service('dns', undefined, [{ port: 53, protocol: 'UDP', targetPort: 8080 }]);
    expect(check(...app(udp, route({ rules: [{ backendRefs: [{ name: 'web' }, { name: 'dns', port: 53 }, { name: 'nowhere', port: 80 }] }] }))).filter(p => p.rule !== 'service-selects-a-pod')).toEqual([
      { rule: 'route-backend-ref', field: 'spec.rules[0].backendRefs[0].port', value: undefined, severity: 'error' },
      { rule: 'route-backend-ref', field: 'spec.rules[0].backendRefs[1].port', value: 53, severity: 'error' },
      { rule: 'route-backend-ref', field: 'spec.rules[0].backendRefs[2].name', value: 'nowhere', severity: 'error' },
    ]);
  });

  test('fails on a backend in another namespace without a ReferenceGrant (or with one for other routes\' namespace)', () => {
    const objects = [service('web', 'shop'), deployment('web', 'shop'), { ...gateway(), metadata: { name: 'gw', namespace: 'front' } },
      route({ rules: [{ backendRefs: [{ name: 'web', namespace: 'shop', port: 80 }] }] }, 'web', 'front')];
    const expected = [{ rule: 'route-backend-ref', field: 'spec.rules[0].backendRefs[0].namespace', value: 'shop', severity: 'error' }];
    expect(check(...objects)).toEqual(expected);
    expect(check(...objects, grant('shop', 'elsewhere'))).toEqual(expected);
    expect(check(...objects, grant('shop', 'front', { group: '', kind: 'Service', name: 'other' }))).toEqual(expected);
  });

  test('a backend of another kind (an implementation\'s own) is not judged', () => {
    expect(check(...app(route({ rules: [{ backendRefs: [{ group: 'example.io', kind: 'Bucket', name: 'b' }] }] })))).toEqual([]);
  });
});

describe('route-parent-ref', () => {
  test('a listener by sectionName and port, a wildcard listener hostname, routes from a selected namespace', () => {
    const listeners = [{ name: 'http', protocol: 'HTTP', port: 80, hostname: '*.example.com', allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { shared: 'yes' } } } } }];
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { shared: 'yes' } } };
    expect(check(ns, service('web', 'shop'), deployment('web', 'shop'), gateway(listeners, 'infra'),
      route({ parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: 'http', port: 80 }], hostnames: ['shop.example.com'] }, 'web', 'shop'))).toEqual([]);
  });

  test('fails on a sectionName the Gateway has no listener of', () => {
    expect(check(...app(route({ parentRefs: [{ name: 'gw', sectionName: 'https' }] })))).toEqual([
      { rule: 'route-parent-ref', field: 'spec.parentRefs[0].sectionName', value: 'https', severity: 'error' },
    ]);
  });

  test('fails on a listener of another protocol, one whose kinds leave the route out, and one whose hostname matches none of the route\'s', () => {
    for (const listener of [
      { name: 'l', protocol: 'TCP', port: 80 },
      { name: 'l', protocol: 'HTTP', port: 80, allowedRoutes: { kinds: [{ kind: 'GRPCRoute' }] } },
      { name: 'l', protocol: 'HTTP', port: 80, hostname: 'api.example.com' },
    ]) {
      expect(check(service(), deployment(), gateway([listener]), route({ hostnames: ['www.example.com'] }))).toEqual([
        { rule: 'route-parent-ref', field: 'spec.parentRefs[0]', value: 'gw', severity: 'error' },
      ]);
    }
  });

  test('fails on a route in another namespace than a listener that admits its own namespace only (the default), or whose selector does not match', () => {
    const objects = [service('web', 'shop'), deployment('web', 'shop'), route({ parentRefs: [{ name: 'gw', namespace: 'infra' }] }, 'web', 'shop')];
    expect(check(...objects, gateway(undefined, 'infra'))).toEqual([{ rule: 'route-parent-ref', field: 'spec.parentRefs[0]', value: 'gw', severity: 'error' }]);
    const selector = [{ name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { shared: 'yes' } } } } }];
    expect(check(...objects, gateway(selector, 'infra'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } })).toEqual([
      { rule: 'route-parent-ref', field: 'spec.parentRefs[0]', value: 'gw', severity: 'error' },
    ]);
  });
});

describe('route-gateway-outside-app', () => {
  test('a route to a Gateway of the app gets no warning', () => {
    expect(check(...app(route())).filter(p => p.rule === 'route-gateway-outside-app')).toEqual([]);
  });

  test('fails (a warning) on a route to a Gateway the app does not write', () => {
    expect(check(service(), deployment(), route({ parentRefs: [{ name: 'shared', namespace: 'infra' }] }))).toEqual([
      { rule: 'route-gateway-outside-app', field: 'spec.parentRefs[0].name', value: 'shared', severity: 'warning' },
    ]);
  });
});

describe('listener-certificate', () => {
  test('an HTTPS listener with a certificate; a TLS listener that passes TLS through needs none', () => {
    expect(check(gateway([
      { name: 'https', protocol: 'HTTPS', port: 443, tls: { certificateRefs: [{ name: 'web-tls' }] } },
      { name: 'tls', protocol: 'TLS', port: 8443, tls: { mode: 'Passthrough' } },
    ]))).toEqual([]);
  });

  test('fails on a certificate in another namespace without a ReferenceGrant there that lets the Gateway read it', () => {
    const gw = gateway([{ name: 'https', protocol: 'HTTPS', port: 443, tls: { certificateRefs: [{ name: 'web-tls', namespace: 'certs' }] } }], 'infra');
    const letIn: Manifest = { apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { name: 'gateways-read-tls', namespace: 'certs' },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra' }], to: [{ group: '', kind: 'Secret', name: 'web-tls' }] } };
    expect(check(gw, letIn)).toEqual([]);
    expect(check(gw, grant('certs', 'infra'))).toEqual([
      { rule: 'listener-certificate', field: 'spec.listeners[0].tls.certificateRefs[0].namespace', value: 'certs', severity: 'error' },
    ]);
  });

  test('fails on an HTTPS listener without tls, and on a TLS listener that terminates without a certificate', () => {
    expect(check(gateway([
      { name: 'https', protocol: 'HTTPS', port: 443 },
      { name: 'tls', protocol: 'TLS', port: 8443, tls: { mode: 'Terminate' } },
    ]))).toEqual([
      { rule: 'listener-certificate', field: 'spec.listeners[0].tls', value: undefined, severity: 'error' },
      { rule: 'listener-certificate', field: 'spec.listeners[1].tls.certificateRefs', value: [], severity: 'error' },
    ]);
  });
});

describe('route-hostname-overlap', () => {
  test('two routes on one listener with different paths, or different hosts, do not overlap', () => {
    expect(check(...app(
      route({ hostnames: ['a.example.com'] }, 'a'), route({ hostnames: ['b.example.com'] }, 'b'),
      route({ hostnames: ['a.example.com'], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [{ name: 'web', port: 80 }] }] }, 'c'),
    ))).toEqual([]);
  });

  test('fails (a warning) on two routes with a common host and the same match: the defaults written out or left out are one match', () => {
    expect(check(...app(
      route({ hostnames: ['*.example.com'] }, 'a'),
      route({ hostnames: ['shop.example.com'], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'web', port: 80 }] }] }, 'b'),
    ))).toEqual([
      { rule: 'route-hostname-overlap', field: 'spec.rules[0].matches[0]', value: { path: { type: 'PathPrefix', value: '/' }, method: null, headers: [], queryParams: [] }, severity: 'warning' },
    ]);
  });
});

describe('route-backend-network-policy', () => {
  const policy = (from: Manifest[]): Manifest => ({
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web' },
    spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress: [{ from, ports: [{ port: 8080 }] }] },
  });

  test('a policy that lets the port in from the gateway\'s namespace passes', () => {
    expect(check(...app(route(), policy([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } } }])))).toEqual([]);
  });

  test('fails (a warning) on a policy that lets the backend port in only from pods of the backend\'s namespace', () => {
    expect(check(...app(route(), policy([{ podSelector: { matchLabels: { role: 'client' } } }])))).toEqual([
      { rule: 'route-backend-network-policy', field: 'spec.rules[0].backendRefs[0]', value: 'web:80', severity: 'warning' },
    ]);
  });

  test('a port no policy lets in at all is service-port-allowed\'s error, not this warning', () => {
    const closed: Manifest = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web' }, spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] } };
    expect(check(...app(route(), closed)).map(p => p.rule)).toEqual(['service-port-allowed']);
  });
});

test('skipRules silences a Gateway API rule like any other', () => {
  expect(checkManifests([service(), deployment(), route({ parentRefs: [{ name: 'shared' }] })], { skipRules: { 'route-gateway-outside-app': 'the shared Gateway is applied by the platform team' } })).toEqual([]);
});
