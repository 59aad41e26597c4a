/**
 * An HTTPRoute or a GRPCRoute has a parentRef (without one it attaches to nothing), and every
 * parentRef that names a Gateway of the app names a listener
 * (by sectionName and port, when set) whose protocol, allowed route kinds and namespaces and
 * hostname admit the route. The API server accepts any reference; the controller then leaves the
 * route unattached (`Accepted: false`, NotAllowedByListeners or NoMatchingListenerHostname) and
 * no request reaches it.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#parentreference
 */
import { defineRule } from '../rule';
import { gatewayApiOf, gatewayOf, listenerRefusal, listenersNamed } from '../gateway-api';

export const rule = defineRule({
  id: 'route-parent-ref',
  source: 'ours',
  severity: 'error',
  kinds: ['HTTPRoute', 'GRPCRoute', 'Gateway', 'Namespace'],
  summary: 'an HTTPRoute or GRPCRoute has a parentRef, and every parentRef of one to a Gateway of the app names a listener (sectionName, port) whose protocol (HTTP or HTTPS), allowedRoutes (kinds, namespaces) and hostname admit the route (else the route is not attached and gets no request)',
  fix: 'name a listener of the Gateway (sectionName or port) whose protocol, allowedRoutes and hostname admit the route',
  upstream: 'Gateway API spec: ParentReference, Listener.allowedRoutes, Listener.hostname; condition Accepted (NotAllowedByListeners, NoMatchingListenerHostname, NoMatchingParent)',
  check({ model, about }) {
    const view = gatewayApiOf(model);
    for (const route of view.routes) {
      if (route.parentRefs.length === 0) {
        about(route.object).add('spec.parentRefs', undefined, `a parentRef: a ${route.kind} without one attaches to no Gateway and gets no request`,
          'name the Gateway it attaches to (parents: [{ gateway }]), or give the app exactly one Gateway');
      }
      for (const ref of route.parentRefs) {
        const gateway = gatewayOf(view, ref);
        if (gateway === undefined) continue; // route-gateway-outside-app's
        const r = about(route.object);
        const named = listenersNamed(gateway, ref);
        const listed = gateway.listeners.map(l => `"${l.name}" (${l.protocol} ${l.port ?? '?'}${l.hostname ? ` ${l.hostname}` : ''})`).join(', ') || 'none';
        if (named.length === 0) {
          const field = ref.sectionName !== undefined ? `${ref.field}.sectionName` : `${ref.field}.port`;
          r.add(field, ref.sectionName ?? ref.port, `a listener of ${gateway.object.ref}: it has ${listed}`,
            'name a listener the Gateway has (its name as sectionName, or its port)');
          continue;
        }
        const refusals = named.map(l => ({ listener: l, why: listenerRefusal(view, gateway, l, route) }));
        if (refusals.some(x => x.why === undefined)) continue;
        r.add(ref.field, ref.sectionName ?? ref.name,
          `a listener of ${gateway.object.ref} that admits this ${route.kind}: ${refusals.map(x => `"${x.listener.name}": ${x.why}`).join('; ')}`,
          'attach to a listener that admits the route (protocol HTTP or HTTPS, its kind and namespace allowed, a matching hostname), or change the listener');
      }
    }
  },
});
