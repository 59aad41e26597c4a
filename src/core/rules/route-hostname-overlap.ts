/**
 * Two routes of one kind attached to one listener, for a common hostname, with the same match:
 * the specification gives each request to one of them (the oldest route, then the first by
 * namespace and name) and says nothing; the other never gets a request. Routes applied together
 * are about as old, so which one wins is a matter of milliseconds.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprouterule (matching precedence)
 */
import { defineRule } from '../rule';
import type { GatewayView, ListenerView, RouteView } from '../gateway-api';
import { effectiveHostnames, gatewayApiOf, gatewayOf, hostnamesIntersect, listenerRefusal, listenersNamed } from '../gateway-api';
import type { Json} from '../manifest';
import { array, record, str } from '../manifest';

export const rule = defineRule({
  id: 'route-hostname-overlap',
  source: 'ours',
  severity: 'warning',
  kinds: ['HTTPRoute', 'GRPCRoute', 'Gateway'],
  summary: 'no two routes of one kind on one listener share a hostname and a match (path, method, headers, query): the spec silently gives the requests to the oldest route',
  fix: 'give the routes different hostnames or matches (path, method, headers, query), or merge them into one route',
  upstream: 'Gateway API spec: HTTPRouteRule and GRPCRouteRule match precedence (creation timestamp, then namespace/name)',
  check({ model, about }) {
    const view = gatewayApiOf(model);
    for (const gateway of view.gateways) {
      for (const listener of gateway.listeners) {
        const attached = view.routes.filter(route => attaches(view, gateway, listener, route));
        const seen: { route: RouteView; hosts: readonly string[] | undefined; matches: Map<string, string> }[] = [];
        for (const route of attached) {
          const hosts = effectiveHostnames(route, listener);
          const matches = matchesOf(route);
          for (const earlier of seen) {
            if (earlier.route.kind !== route.kind || !hostsMeet(earlier.hosts, hosts)) continue;
            for (const [key, field] of matches) {
              if (!earlier.matches.has(key)) continue;
              about(route.object).add(field, JSON.parse(key),
                `a match no other ${route.kind} on listener "${listener.name}" of ${gateway.object.ref} has for the same host: ${earlier.route.object.ref} has it at ${earlier.matches.get(key)}${hosts ? ` (hosts ${hosts.join(', ')})` : ''}, and the spec gives such requests to the older route without a word`,
                'give the routes different hostnames or matches, or merge them into one route');
              break;
            }
          }
          seen.push({ route, hosts, matches });
        }
      }
    }
  },
});

function attaches(view: ReturnType<typeof gatewayApiOf>, gateway: GatewayView, listener: ListenerView, route: RouteView): boolean {
  return route.parentRefs.some(ref => gatewayOf(view, ref) === gateway && listenersNamed(gateway, ref).includes(listener))
    && listenerRefusal(view, gateway, listener, route) === undefined;
}

function hostsMeet(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return true;
  return a.some(x => b.some(y => hostnamesIntersect(x, y)));
}

/** Each match of the route, in a canonical form (defaults filled, lists sorted), to its field. */
function matchesOf(route: RouteView): Map<string, string> {
  const out = new Map<string, string>();
  route.rules.forEach((rule, i) => {
    const matches = array(rule.matches).map(record);
    const list = matches.length > 0 ? matches : [{}];
    list.forEach((m, j) => {
      const key = JSON.stringify(route.kind === 'GRPCRoute' ? grpcMatch(m) : httpMatch(m));
      if (!out.has(key)) out.set(key, matches.length > 0 ? `spec.rules[${i}].matches[${j}]` : `spec.rules[${i}]`);
    });
  });
  return out;
}

function pairs(list: unknown, defaultType: string): { type: string; name: string; value: string }[] {
  return array(list).map(record)
    .map(h => ({ type: str(h.type) ?? defaultType, name: (str(h.name) ?? '').toLowerCase(), value: str(h.value) ?? '' }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function httpMatch(m: Json): unknown {
  const path = record(m.path);
  return {
    path: { type: str(path.type) ?? 'PathPrefix', value: str(path.value) ?? '/' },
    method: str(m.method) ?? null,
    headers: pairs(m.headers, 'Exact'),
    queryParams: pairs(m.queryParams, 'Exact'),
  };
}

function grpcMatch(m: Json): unknown {
  const method = record(m.method);
  return {
    method: { type: str(method.type) ?? 'Exact', service: str(method.service) ?? null, method: str(method.method) ?? null },
    headers: pairs(m.headers, 'Exact'),
  };
}
