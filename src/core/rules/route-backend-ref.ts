/**
 * Every backendRef of an HTTPRoute or a GRPCRoute names a Service of the app that the route can
 * reach (in its namespace, or granted by a ReferenceGrant of the Service's namespace) with that
 * port, over TCP. The API server accepts any name and port; the Gateway's controller then sets
 * the route's `ResolvedRefs` condition to false and answers those requests with a 500.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#backendref
 */
import { defineRule } from '../rule';
import { GATEWAY_GROUP, gatewayApiOf, grantFor, sameNamespace } from '../gateway-api';
import { serviceNamed } from '../walk/objects';

export const rule = defineRule({
  id: 'route-backend-ref',
  source: 'ours',
  severity: 'error',
  kinds: ['HTTPRoute', 'GRPCRoute', 'ReferenceGrant', 'Service'],
  summary: 'every backendRef of an HTTPRoute or GRPCRoute names a Service of the app in the route\'s namespace, or in another one whose ReferenceGrant lets the route in, and a port of that Service over TCP (else the controller answers 500)',
  fix: 'point the backendRef at a Service of the app in the route\'s namespace (or grant it with a ReferenceGrant), with a port that Service has over TCP',
  upstream: 'Gateway API spec: BackendRef, ReferenceGrant; condition ResolvedRefs (BackendNotFound, RefNotPermitted)',
  check({ model, about }) {
    const view = gatewayApiOf(model);
    for (const route of view.routes) {
      for (const ref of route.backendRefs) {
        // Another kind of backend (an implementation's own) is the implementation's to judge.
        if (ref.group !== '' || ref.kind !== 'Service') continue;
        const r = about(route.object);
        const crossing = !sameNamespace(ref.namespace, route.object.namespace);
        if (crossing && grantFor(view.grants, { group: GATEWAY_GROUP, kind: route.kind, namespace: route.object.namespace }, { group: '', kind: 'Service', name: ref.name }, ref.namespace) === undefined) {
          r.add(`${ref.field}.namespace`, ref.namespace,
            `a Service the route may reach: ${route.kind}s of ${route.object.namespace ?? 'the namespace the route is applied to'} need a ReferenceGrant in ${ref.namespace} that lets them refer to Service ${ref.name}, and the app writes none`,
            'write a ReferenceGrant in the Service\'s namespace (exposeViaRoute writes one), or put the route beside the Service');
        }
        const service = serviceNamed(model, ref.namespace, ref.name);
        if (service === undefined) {
          r.add(`${ref.field}.name`, ref.name, `a Service of the app in ${ref.namespace ?? 'the route\'s namespace'}: the app writes no Service of that name there`,
            'route to a Service the app writes (pass the ExposedService), or correct the name');
          continue;
        }
        const declared = service.ports.map(p => `${p.port}/${p.protocol}${p.name ? ` ("${p.name}")` : ''}`).join(', ') || 'none';
        if (ref.port === undefined) {
          r.add(`${ref.field}.port`, undefined, `a port of ${service.object.ref} (a Service backend needs one): it has ${declared}`, 'give the backend the Service port');
          continue;
        }
        const port = service.ports.find(p => p.port === ref.port);
        if (port === undefined) {
          r.add(`${ref.field}.port`, ref.port, `a port of ${service.object.ref}: it has ${declared}`, 'name a port the Service has (a Service port, not the container port)');
        } else if (port.protocol !== 'TCP') {
          r.add(`${ref.field}.port`, ref.port, `a TCP port of ${service.object.ref}: a ${route.kind} carries HTTP, and this port is ${port.protocol}`, 'route to a TCP port of the Service');
        }
      }
    }
  },
});
