/**
 * The hostnames, matches, timeouts and parent references of an HTTPRoute or a GRPCRoute as the
 * CRDs' schema and CEL rules judge them when the route is applied: hostnames of the Gateway
 * API's form; an `Exact` or `PathPrefix` path that is absolute and clean (no `//`, `/./`, `/../`,
 * `%2f`, `#`, no trailing `/.` or `/..`, only URL path characters); durations of its form, and a
 * `backendRequest` timeout no longer than the `request` one; an HTTP method in capitals, header
 * and query parameter names that are tokens, weights from 0 to 1000000; a gRPC method match with a service
 * or a method, each a valid name; and a `sectionName` on each of two references to one parent,
 * not the same twice. The API server refuses the whole route.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httproute
 */
import type { ObjectReporter } from '../rule';
import { defineRule } from '../rule';
import type { RouteView } from '../gateway-api';
import { gatewayApiOf } from '../gateway-api';
import type { Json } from '../manifest';
import { array, record, str } from '../manifest';
import { GATEWAY_HOSTNAME } from './listener-fields';

/** The Gateway API's Duration (`1h`, `500ms`, `1m30s`: up to four parts). */
const DURATION = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;
/** What an `Exact` or `PathPrefix` path may hold (the CRD's pattern), and what it may not. */
const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/;
const PATH_NOT = ['//', '/./', '/../', '%2f', '%2F', '#'];
const GRPC_SERVICE = /^\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$/i;
const GRPC_METHOD = /^[A-Za-z_][A-Za-z_0-9]*$/;
/** An HTTP header's (or a query parameter's) name: an RFC 7230 token, the CRDs' HTTPHeaderName pattern. */
export const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];

export const rule = defineRule({
  id: 'route-fields',
  source: 'api-server',
  severity: 'error',
  kinds: ['HTTPRoute', 'GRPCRoute'],
  summary: 'a route\'s hostnames are DNS names (a leading "*." allowed), its Exact and PathPrefix paths absolute and clean, its timeouts durations with backendRequest no longer than request, its methods, header and query names and weights valid, its gRPC method matches named validly, and two references to one parent each name a different sectionName',
  fix: 'write hostnames as DNS names ("*." only as the first label), paths absolute without "//" or "/./", timeouts as durations such as "10s" with backendRequest ≤ request, and give each reference to one Gateway its own sectionName',
  upstream: 'gateway.networking.k8s.io_httproutes.yaml and _grpcroutes.yaml v1.6 (the Hostname and Duration patterns; x-kubernetes-validations of HTTPPathMatch, HTTPRouteTimeouts, GRPCMethodMatch, spec.parentRefs)',
  check({ model, about }) {
    for (const route of gatewayApiOf(model).routes) {
      const r = about(route.object);
      const spec = record(route.object.raw.spec);
      array(spec.hostnames).forEach((h, i) => {
        if (typeof h !== 'string' || !GATEWAY_HOSTNAME.test(h) || h.length > 253) {
          r.add(`spec.hostnames[${i}]`, h, 'a DNS name of lower-case letters, digits, \'-\' and \'.\', optionally with a leading "*." (no port, no scheme, at most 253 characters)');
        }
      });
      parents(r, route);
      route.rules.forEach((rule, i) => {
        const at = `spec.rules[${i}]`;
        array(rule.matches).map(record).forEach((m, j) => {
          const mat = `${at}.matches[${j}]`;
          if (route.kind === 'GRPCRoute') grpcMethod(r, `${mat}.method`, m.method);
          else if (m.path !== undefined) httpPath(r, `${mat}.path`, record(m.path));
          if (route.kind === 'HTTPRoute' && m.method !== undefined && !METHODS.includes(m.method as string)) {
            r.add(`${mat}.method`, m.method, `one of ${METHODS.join(', ')} (in capitals)`);
          }
          for (const list of ['headers', 'queryParams']) {
            array(m[list]).map(record).forEach((h, k) => {
              if (typeof h.name !== 'string' || !HEADER_NAME.test(h.name)) r.add(`${mat}.${list}[${k}].name`, h.name, 'a header or query parameter name: letters, digits and !#$%&\'*+-.^_`|~, no space or colon');
            });
          }
        });
        array(rule.backendRefs).map(record).forEach((b, k) => {
          if (b.weight !== undefined && !(Number.isInteger(b.weight) && (b.weight as number) >= 0 && (b.weight as number) <= 1_000_000)) {
            r.add(`${at}.backendRefs[${k}].weight`, b.weight, 'an integer from 0 (no requests) to 1000000');
          }
        });
        if (rule.timeouts !== undefined) timeouts(r, `${at}.timeouts`, record(rule.timeouts));
      });
    }
  },
});

function httpPath(r: ObjectReporter, at: string, path: Json): void {
  const type = str(path.type) ?? 'PathPrefix';
  const value = str(path.value) ?? '/';
  if (type !== 'Exact' && type !== 'PathPrefix') return;
  const fix = 'write the path as a browser sends it: from "/", without empty, "." or ".." segments or an escaped "/"';
  if (!value.startsWith('/')) r.add(`${at}.value`, value, `an absolute path, starting with "/", for a ${type} match`, fix);
  else if (PATH_NOT.some(s => value.includes(s)) || value.endsWith('/..') || value.endsWith('/.')) {
    r.add(`${at}.value`, value, `a clean path for a ${type} match: no "//", "/./", "/../", "%2f", "#", no trailing "/." or "/.."`, fix);
  } else if (!PATH_CHARS.test(value)) r.add(`${at}.value`, value, 'only the characters of a URL path (letters, digits, -._~!$&\'()*+,;=:@/ and %XX)', 'percent-encode the others');
}

function grpcMethod(r: ObjectReporter, at: string, method: unknown): void {
  if (method === undefined) return;
  const m = record(method);
  const type = str(m.type) ?? 'Exact';
  // (the CRD defaults the type to Exact, so a method match with neither is refused)
  if (m.service === undefined && m.method === undefined) {
    r.add(at, method, 'a gRPC method match with a service, a method or both', 'name the service (package.Service) or the method, or drop the method match');
    return;
  }
  if (type !== 'Exact') return;
  if (m.service !== undefined && !(typeof m.service === 'string' && GRPC_SERVICE.test(m.service))) r.add(`${at}.service`, m.service, 'a gRPC service name (package.Service: letters, digits and \'_\', dot-separated)');
  if (m.method !== undefined && !(typeof m.method === 'string' && GRPC_METHOD.test(m.method))) r.add(`${at}.method`, m.method, 'a gRPC method name (letters, digits and \'_\', not starting with a digit)');
}

/** Milliseconds of a Gateway API duration, or undefined when it is not one. */
function millis(value: unknown): number | undefined {
  if (typeof value !== 'string' || !DURATION.test(value)) return undefined;
  const unit: { [u: string]: number } = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  return [...value.matchAll(/([0-9]+)(ms|h|m|s)/g)].reduce((sum, [, n, u]) => sum + Number(n) * unit[u], 0);
}

function timeouts(r: ObjectReporter, at: string, t: Json): void {
  for (const k of ['request', 'backendRequest']) {
    if (t[k] !== undefined && millis(t[k]) === undefined) r.add(`${at}.${k}`, t[k], 'a duration such as 10s, 500ms or 1m30s (up to four parts of h, m, s, ms)');
  }
  const request = millis(t.request);
  const backend = millis(t.backendRequest);
  if (request !== undefined && backend !== undefined && request !== 0 && backend > request) {
    r.add(`${at}.backendRequest`, t.backendRequest, `at most the request timeout (${String(t.request)}): the whole request, retries included, ends first`,
      'shorten backendRequest, or lengthen request');
  }
}

function parents(r: ObjectReporter, route: RouteView): void {
  // (as the CEL rule compares them: group and kind defaulted, the namespace as written)
  const raw = array(record(route.object.raw.spec).parentRefs).map(record);
  const key = (i: number) => JSON.stringify([route.parentRefs[i].group, route.parentRefs[i].kind, route.parentRefs[i].name, str(raw[i].namespace) ?? '']);
  const section = (i: number) => route.parentRefs[i].sectionName ?? '';
  route.parentRefs.forEach((p, i) => {
    const same = route.parentRefs.map((_, j) => j).filter(j => j < i && key(j) === key(i));
    if (same.length === 0) return;
    if (same.some(j => (section(j) === '') !== (section(i) === ''))) {
      r.add(`${p.field}.sectionName`, p.sectionName, `a sectionName on every reference to ${p.kind} ${p.name}, or on none: the route names it more than once`, 'name the listener of each reference, or drop the repeated one');
    } else if (same.some(j => section(j) === section(i))) {
      r.add(`${p.field}.sectionName`, p.sectionName, `a sectionName no other reference to ${p.kind} ${p.name} names`, 'drop the repeated reference, or name another listener');
    }
  });
}
