/**
 * A pod a route's backend Service selects, isolated by NetworkPolicies, lets the Service's target
 * port in from outside its namespace. The Gateway's data plane (Envoy Gateway's, NGINX Gateway
 * Fabric's, a cloud load balancer's proxies) runs in the implementation's namespace or outside the
 * cluster, so a policy that lets the port in only from pods of the backend's own namespace keeps
 * the gateway out. A warning, not an error: some implementations (Istio's, for one) run the
 * proxy in the Gateway's namespace, which may be the backend's, and only the cluster knows its
 * labels. A port no policy lets in at all is service-port-allowed's error.
 */
import { defineRule } from '../rule';
import { gatewayApiOf } from '../gateway-api';
import type { PolicyView} from '../network-policy';
import { isolatedForIngress, letsIn, policiesSelecting, readPolicies } from '../network-policy';
import { findContainerPort, targetOf } from '../routing';
import { podIndexOf, serviceNamed } from '../walk/objects';

export const rule = defineRule({
  id: 'route-backend-network-policy',
  source: 'ours',
  severity: 'warning',
  kinds: ['HTTPRoute', 'GRPCRoute', 'Service', 'NetworkPolicy', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'],
  summary: 'a pod behind a route\'s backend Service that NetworkPolicies isolate lets the target port in from outside its namespace (where a Gateway\'s data plane runs), not only from pods beside it',
  fix: 'let the backend\'s target port in from the Gateway\'s namespace: pod.isolate({ allowFrom: [...] }) with the data plane\'s namespace, or a PodIsolation that admits it',
  upstream: 'NetworkPolicy semantics (networking.k8s.io/v1); Gateway API implementations\' data-plane placement',
  check({ model, about }) {
    const view = gatewayApiOf(model);
    if (view.routes.length === 0) return;
    const policies = readPolicies(model.objects);
    if (policies.length === 0) return;
    const index = podIndexOf(model);
    for (const route of view.routes) {
      for (const ref of route.backendRefs) {
        if (ref.group !== '' || ref.kind !== 'Service' || ref.port === undefined) continue;
        const service = serviceNamed(model, ref.namespace, ref.name);
        const port = service?.ports.find(p => p.port === ref.port);
        if (service === undefined || port === undefined) continue; // route-backend-ref's
        for (const pod of index.selectedBy(service)) {
          const mine = policiesSelecting(policies, pod);
          if (!isolatedForIngress(mine)) continue;
          const target = targetOf(port);
          const found = findContainerPort(pod.containers, target, port.protocol);
          const reached = found?.port ?? (typeof target === 'number' ? { number: target, protocol: port.protocol } : undefined);
          if (reached === undefined || !mine.some(p => letsIn(p, pod, reached))) continue; // service-port-allowed's
          if (mine.some(p => letsInFromOutside(p, pod, reached))) continue;
          about(route.object).add(`${ref.field}`, `${ref.name}:${ref.port}`,
            `a backend whose pods let the Gateway in: ${pod.object.ref} is isolated by ${mine.filter(p => p.policyTypes.includes('Ingress')).map(p => p.object.ref).join(', ')}, which let port ${reached.number}/${reached.protocol} in only from pods of its own namespace`,
            'let the port in from the namespace the Gateway\'s data plane runs in (PodIsolation allowFrom: a kplus Namespaces.select of it), or check that your implementation runs its proxies beside the backend');
          break;
        }
      }
    }
  },
});

/** Whether a policy lets the port in from some peer outside the pod's namespace (any source, a namespace selector, an IP block). */
function letsInFromOutside(policy: PolicyView, pod: Parameters<typeof letsIn>[1], target: Parameters<typeof letsIn>[2]): boolean {
  return policy.ingress.some(r => letsIn({ ...policy, ingress: [r] }, pod, target)
    && (r.from.length === 0 || r.from.some(peer => peer.namespaceSelector !== undefined || peer.ipBlock !== undefined)));
}
