/**
 * A route whose parentRef names a Gateway the app does not write: it may exist in the cluster
 * (a platform team's shared Gateway), so this is advice, but nothing about the attachment
 * (listener, protocol, allowed namespaces, hostname) can be checked.
 */
import { defineRule } from '../rule';
import { GATEWAY_GROUP, gatewayApiOf, gatewayOf } from '../gateway-api';

export const rule = defineRule({
  id: 'route-gateway-outside-app',
  source: 'ours',
  severity: 'warning',
  kinds: ['HTTPRoute', 'GRPCRoute', 'Gateway'],
  summary: 'a route\'s parentRef names a Gateway the app does not write: it may be the cluster\'s, but its listeners cannot be checked against the route',
  fix: 'add the Gateway to the app, or check by hand that the cluster\'s Gateway has a listener that admits this route',
  check({ model, about }) {
    const view = gatewayApiOf(model);
    for (const route of view.routes) {
      for (const ref of route.parentRefs) {
        if (ref.group !== GATEWAY_GROUP || ref.kind !== 'Gateway' || gatewayOf(view, ref) !== undefined) continue;
        about(route.object).add(`${ref.field}.name`, ref.name,
          `a Gateway of the app, to check the route against its listeners: the app writes no Gateway ${ref.name} in ${ref.namespace ?? 'the route\'s namespace'}`,
          'make sure the cluster has it and that a listener admits the route (kubectl get gateway), or write the Gateway in the app');
      }
    }
  },
});
