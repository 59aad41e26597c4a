import type { ApiObject} from 'cdk8s';
import { Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { ProblemCollector } from '../core/problems';
import { checkStringMap } from '../values/prop-types';
import { definedOnly, hasBrand, isPlainObject } from '../core/util';
import * as gw from '../imports/gateway-api/gateway.networking.k8s.io';
import { checkedAtSynth } from '../synth/app-checks';
import { Protocol } from '../values/container';
import { PortRef } from '../values/port-ref';
import { RouteFilter } from '../values/route-filter';
import type { ExposedService, ResolvedServicePort } from './exposed-service';
import { Gateway, RouteKind } from './gateway';
import { servicesOf } from './pod-target';
import { grantReference, namespaceOf } from './reference-grants';
import { checkUnderChart } from './scope';
import { checkedScope } from './construct-args';
import { EXPOSED_ROUTE_SHAPE } from './prop-shapes';

/**
 * How an HTTPRoute match compares a request's path.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#pathmatchtype
 */
export enum RoutePathType {
  /** The path and every path under it by `/`-separated elements (`/foo` matches `/foo/bar`, not `/foobar`). */
  PATH_PREFIX = 'PathPrefix',
  /** Exactly the path. */
  EXACT = 'Exact',
  /** A regular expression, in the implementation's dialect. */
  REGULAR_EXPRESSION = 'RegularExpression',
}

/**
 * One match of a route rule: a request matches when it meets every field given. An HTTPRoute
 * reads `path`, `headers`, `method` and `queryParams`; a GRPCRoute reads `grpcService`,
 * `grpcMethod` and `headers`.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httproutematch
 * @see https://kubernetes.io/docs/concepts/services-networking/gateway/
 */
export interface RouteMatchProps {
  /**
   * The path (HTTPRoute).
   * @default "/" - with RoutePathType.PATH_PREFIX, every path
   */
  readonly path?: string;
  /**
   * How the path compares (HTTPRoute).
   * @default RoutePathType.PATH_PREFIX
   */
  readonly pathType?: RoutePathType;
  /**
   * Headers the request has, with exactly these values.
   * @default - any headers
   */
  readonly headers?: { readonly [name: string]: string };
  /**
   * The HTTP method (HTTPRoute): `GET`, `POST`, …
   * @default - any method
   */
  readonly method?: string;
  /**
   * Query parameters the request has, with exactly these values (HTTPRoute).
   * @default - any query
   */
  readonly queryParams?: { readonly [name: string]: string };
  /**
   * The gRPC service, fully qualified (`helloworld.Greeter`) (GRPCRoute).
   * @default - any service
   */
  readonly grpcService?: string;
  /**
   * The gRPC method (`SayHello`) (GRPCRoute).
   * @default - any method
   */
  readonly grpcMethod?: string;
}

/**
 * One backend of a route rule: a Service port, and its share of the requests.
 * @see https://kubernetes.io/docs/concepts/services-networking/gateway/
 */
export interface RouteBackendProps {
  /**
   * The Service the requests go to.
   * @default - the one Service of the app that targets `port`'s pod on that container port (when `port` is a PortRef)
   */
  readonly service?: ExposedService;
  /**
   * The Service port: its number, its name, or a {@link PortRef} of the container port one of
   * its ports targets.
   * @default - the Service's first port
   */
  readonly port?: number | string | PortRef;
  /**
   * The backend's share of the requests, against the other backends' weights (a canary: 90 and 10).
   * @default 1 - the Gateway API's default: equal shares
   */
  readonly weight?: number;
}

/** The timeouts of an HTTPRoute rule. */
export interface RouteTimeouts {
  /**
   * How long the Gateway waits for the whole request to be answered (retries included).
   * @default - the implementation's
   */
  readonly request?: Duration;
  /**
   * How long the Gateway waits for one backend's answer.
   * @default - the implementation's
   */
  readonly backendRequest?: Duration;
}

/**
 * One rule of a route: the requests it matches, what it changes on the way, where they go.
 * @see https://kubernetes.io/docs/concepts/services-networking/gateway/
 */
export interface RouteRuleProps {
  /**
   * The backends the requests go to (several: split by `weight`).
   * @default - none: only for a rule that answers itself with a `RouteFilter.redirect()` (the CRD refuses a redirect beside backends); every other rule needs one
   */
  readonly backends?: readonly RouteBackendProps[];
  /**
   * The requests the rule takes (any match).
   * @default - every request (an HTTPRoute: path prefix "/")
   */
  readonly matches?: readonly RouteMatchProps[];
  /**
   * What the Gateway changes in the request or the response.
   * @default - nothing
   */
  readonly filters?: readonly RouteFilter[];
  /**
   * Timeouts (HTTPRoute).
   * @default - the implementation's
   */
  readonly timeouts?: RouteTimeouts;
}

/**
 * The Gateway (and listener) a route attaches to.
 * @see https://kubernetes.io/docs/concepts/services-networking/gateway/
 */
export interface RouteParentProps {
  /** The Gateway: one of the app's, or the name of one the cluster has. */
  readonly gateway: Gateway | string;
  /**
   * The Gateway's namespace, when it is given by name.
   * @default - the route's
   */
  readonly namespace?: string;
  /**
   * The listener, by name (`sectionName`).
   * @default - every listener of the Gateway that admits the route
   */
  readonly listener?: string;
}

/**
 * Props of {@link ExposedRoute}.
 * @see https://gateway-api.sigs.k8s.io/api-types/httproute/
 * @see https://kubernetes.io/docs/concepts/services-networking/gateway/
 */
export interface ExposedRouteProps {
  /** The rules (at least one). */
  readonly rules: readonly RouteRuleProps[];
  /**
   * The kind of route.
   * @default RouteKind.HTTP
   */
  readonly kind?: RouteKind;
  /**
   * The Gateways the route attaches to.
   * @default - the app's Gateway, when it has exactly one: the one made before the route, else the one the app has at synth (none or several then: the route has no parent, and rule `route-parent-ref` refuses it)
   */
  readonly parents?: readonly RouteParentProps[];
  /**
   * The hosts the route answers for (DNS names, a leading `*.` allowed).
   * @default - every host its listeners answer for
   */
  readonly hostnames?: readonly string[];
  /**
   * `metadata.name` of the route.
   * @default - a unique name cdk8s derives from the construct path
   */
  readonly name?: string;
  /**
   * The route's namespace.
   * @default - the namespace of the first backend's Service
   */
  readonly namespace?: string;
  /**
   * Labels of the route.
   * @default - none
   */
  readonly labels?: { readonly [key: string]: string };
  /**
   * Annotations of the route.
   * @default - none
   */
  readonly annotations?: { readonly [key: string]: string };
}

/** Options of {@link ExposedService.exposeViaRoute}: one rule, to one port of the Service. */
export interface ExposeViaRouteOptions extends Omit<ExposedRouteProps, 'rules'>, Omit<RouteRuleProps, 'backends'> {
  /**
   * The Service port: its number, its name, or a {@link PortRef} of the container port one of
   * its ports targets.
   * @default - the Service's first port
   */
  readonly port?: number | string | PortRef;
}

/** A backend after defaults. */
export interface ResolvedRouteBackend {
  /** The Service. */
  readonly service: ExposedService;
  /** The Service port requests go to. */
  readonly servicePort: ResolvedServicePort;
  /**
   * Its weight.
   * @default - none written: 1, the Gateway API's default
   */
  readonly weight?: number;
}

const KINDS: readonly string[] = Object.values(RouteKind);
const PATH_TYPES: readonly string[] = Object.values(RoutePathType);

/**
 * An HTTPRoute or a GRPCRoute (gateway.networking.k8s.io/v1) in front of ExposedServices:
 * requests a Gateway's listener takes for the route's hosts and matches go to Service ports,
 * split by weight. A backend in another namespace gets the ReferenceGrant that lets the route
 * reach it. What is written is judged at synth (rules `route-backend-ref`, `route-parent-ref`,
 * `route-hostname-overlap`, `route-backend-network-policy`, `route-gateway-outside-app`).
 *
 * @see https://gateway-api.sigs.k8s.io/api-types/httproute/
 * @see https://gateway-api.sigs.k8s.io/api-types/grpcroute/
 * @see https://kubernetes.io/docs/concepts/services-networking/gateway/
 */
export class ExposedRoute extends Construct {
  /** The underlying `HTTPRoute` or `GRPCRoute`. */
  public readonly apiObject: ApiObject;
  /** `metadata.name` of the route. */
  public readonly name: string;
  /** Its kind. */
  public readonly kind: RouteKind;

  private readonly backendList: readonly ResolvedRouteBackend[];

  constructor(scope: Construct, id: string, props: ExposedRouteProps) {
    // (a JavaScript caller's scope, id and props are checked first: our error, never constructs' bare one)
    super(checkedScope('ExposedRoute', scope, id, props, new.target === ExposedRoute ? EXPOSED_ROUTE_SHAPE : undefined, true), id);
    const problems = new ProblemCollector(this.node.path);
    if (!isPlainObject(props) || !Array.isArray(props.rules)) {
      problems.add('props', 'rules', isPlainObject(props) ? props.rules : props, 'an array of { backends, matches?, filters?, timeouts? }');
      problems.throwIfAny();
    }
    const kind = props.kind ?? RouteKind.HTTP;
    if (!KINDS.includes(kind)) {
      problems.add('props', 'kind', kind, `one of ${KINDS.join(', ')}`);
      problems.throwIfAny();
    }
    const grpc = kind === RouteKind.GRPC;
    checkStringMap(problems, 'labels', props.labels, 'label keys to label values');
    checkStringMap(problems, 'annotations', props.annotations, 'annotation keys to string values');
    if (props.rules.length === 0) problems.add('props', 'rules', [], 'at least one rule', 'send requests to a Service: rules: [{ backends: [{ service }] }]');
    if (props.hostnames !== undefined && (!Array.isArray(props.hostnames) || props.hostnames.some(h => typeof h !== 'string'))) {
      problems.add('props', 'hostnames', props.hostnames, 'an array of host names');
    }

    const resolved: ResolvedRouteBackend[] = [];
    const written: { rule: { [field: string]: unknown }; backends: ResolvedRouteBackend[] }[] = [];
    props.rules.forEach((r: RouteRuleProps, i) => {
      const at = `rules[${i}]`;
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the typed prop must not narrow: a JavaScript caller may pass anything
      if (!isPlainObject(r as unknown) || !backendsFit(r)) {
        problems.add('props', `${at}.backends`, isPlainObject(r) ? r.backends : r, 'a non-empty array of { service?, port?, weight? } (none only in a rule that answers with a RouteFilter.redirect())');
        return;
      }
      const backends = (r.backends ?? []).map((b, j) => resolveBackend(problems, `${at}.backends[${j}]`, b)).filter((b): b is ResolvedRouteBackend => b !== undefined);
      resolved.push(...backends);
      let matches: unknown[] | undefined;
      if (Array.isArray(r.matches)) matches = (r.matches as readonly RouteMatchProps[]).map((m, j) => renderMatch(problems, `${at}.matches[${j}]`, m, grpc));
      else if (r.matches !== undefined) problems.add('props', `${at}.matches`, r.matches, 'an array of matches');
      let filters: unknown[] | undefined;
      if (Array.isArray(r.filters)) {
        filters = r.filters.map((f, j) => {
          if (!RouteFilter.isRouteFilter(f)) problems.add('props', `${at}.filters[${j}]`, f, 'a RouteFilter (RouteFilter.requestHeaders(), .responseHeaders(), .redirect(), .rewrite())');
          else if (grpc && f.httpOnly) problems.add('props', `${at}.filters[${j}]`, f.type, 'a header filter: a GRPCRoute has no redirect or rewrite');
          else return f.toJson();
          return undefined;
        });
      } else if (r.filters !== undefined) problems.add('props', `${at}.filters`, r.filters, 'an array of RouteFilters');
      let timeouts: unknown;
      if (r.timeouts !== undefined) {
        if (grpc) problems.add('props', `${at}.timeouts`, r.timeouts, 'no timeouts on a GRPCRoute (the standard channel has none)');
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the typed prop must not narrow: a JavaScript caller may pass anything
        else if (!isPlainObject(r.timeouts as unknown)) problems.add('props', `${at}.timeouts`, r.timeouts, 'an object { request?, backendRequest? } of Durations');
        else timeouts = definedOnly({ request: duration(problems, `${at}.timeouts.request`, r.timeouts.request), backendRequest: duration(problems, `${at}.timeouts.backendRequest`, r.timeouts.backendRequest) });
      }
      written.push({ rule: definedOnly({ matches, filters, timeouts }), backends });
    });

    const namespace = props.namespace ?? (resolved.length > 0 ? namespaceOf(resolved[0].service.apiObject) : namespaceOf(this));
    const parents = resolveParents(problems, this, props.parents);
    checkUnderChart(problems, this);
    // A backend in another namespace is written with its namespace, and granted.
    const foreign = new Map<string, Set<string>>();
    const backendNamespace = (b: ResolvedRouteBackend): string | undefined => {
      const ns = namespaceOf(b.service.apiObject);
      if (ns === namespace) return undefined;
      if (namespace === undefined || ns === undefined) {
        problems.add('props', 'namespace', namespace, namespace === undefined
          ? `a namespace for the route: its backend ${b.service.name} is in namespace ${ns}, and the ReferenceGrant that lets the route reach it names the route's namespace`
          : `a backend with a namespace: ${b.service.name} has none, and the route is in ${namespace}`,
        'give the route and its Services (or their charts) namespaces');
        return undefined;
      }
      if (!foreign.has(ns)) foreign.set(ns, new Set());
      foreign.get(ns)!.add(b.service.name);
      return ns;
    };
    // (a rule that redirects has no backends, and none is written)
    const specRules = written.map(w => definedOnly({
      ...w.rule,
      backendRefs: w.backends.length === 0 ? undefined : w.backends.map(b => definedOnly({ name: b.service.name, namespace: backendNamespace(b), port: b.servicePort.port, weight: b.weight })),
    }));
    problems.throwIfAny();

    this.kind = kind;
    this.backendList = resolved;
    const metadata = definedOnly({
      name: props.name, namespace,
      labels: props.labels ? { ...props.labels } : undefined,
      annotations: props.annotations ? { ...props.annotations } : undefined,
    });
    const spec = definedOnly({
      // (no Gateway yet: the app's one Gateway at synth, whenever it was made; none or several: no
      // parentRefs, which rule route-parent-ref refuses)
      parentRefs: parents === 'at synth'
        ? Lazy.any({ produce: () => this.defaultParentRefs(namespace) }) as unknown as ParentRef[]
        : parentRefs(parents, namespace),
      hostnames: props.hostnames ? [...props.hostnames] : undefined,
      rules: specRules,
    });
    this.apiObject = grpc
      ? new gw.GrpcRoute(this, 'Resource', { metadata, spec: spec })
      : new gw.HttpRoute(this, 'Resource', { metadata, spec: spec });
    this.name = this.apiObject.name;
    let n = 0;
    for (const [ns, names] of foreign) {
      for (const name of names) grantReference(this, `Grant${n++}`, { kind, namespace: namespace! }, { group: '', kind: 'Service', name }, ns);
    }
    checkedAtSynth(this.apiObject);
    // The Services first: a controller that sees a route before its backend reports it unresolved.
    for (const b of resolved) this.apiObject.node.addDependency(b.service.apiObject);
    if (parents !== 'at synth') for (const p of parents) if (typeof p.gateway !== 'string') this.apiObject.node.addDependency(p.gateway.apiObject);
  }

  /** The app's one Gateway as the parentRefs, at synth; none when the app has none or several. */
  private defaultParentRefs(namespace: string | undefined): ParentRef[] | undefined {
    const gateways = Gateway.of(this);
    return gateways.length === 1 ? parentRefs([{ gateway: gateways[0], name: gateways[0].name, namespace: gateways[0].namespace }], namespace) : undefined;
  }

  /** The backends after defaults (copies). */
  public get backends(): readonly ResolvedRouteBackend[] {
    return this.backendList.map(b => ({ ...b }));
  }
}

/** Whether a rule's backends are an array, non-empty unless the rule answers with a redirect. */
function backendsFit(r: unknown): boolean {
  const { backends, filters } = r as { backends?: unknown; filters?: unknown };
  if (backends !== undefined && !Array.isArray(backends)) return false;
  if (Array.isArray(backends) && backends.length > 0) return true;
  return Array.isArray(filters) && filters.some(f => RouteFilter.isRouteFilter(f) && f.type === 'RequestRedirect');
}

function isService(x: unknown): x is ExposedService {
  return hasBrand(x, 'ExposedService');
}

/** A backend: its Service (given, or the one that targets a PortRef's container port) and the Service port. */
function resolveBackend(problems: ProblemCollector, field: string, b: RouteBackendProps): ResolvedRouteBackend | undefined {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the typed prop must not narrow: a JavaScript caller may pass anything
  if (!isPlainObject(b as unknown)) {
    problems.add('props', field, b, 'an object { service?, port?, weight? }');
    return undefined;
  }
  if (b.weight !== undefined && (typeof b.weight !== 'number' || !Number.isInteger(b.weight))) {
    problems.add('props', `${field}.weight`, b.weight, 'an integer (a share of the requests against the other backends\' weights)');
  }
  let service = b.service;
  if (service === undefined && PortRef.isPortRef(b.port)) {
    const port = b.port;
    const candidates = servicesOf(port.target).filter(isService).filter(s => s.ports.some(p => targets(s, p, port)));
    if (candidates.length !== 1) {
      problems.add('props', `${field}.service`, undefined, `a Service: ${candidates.length === 0 ? `no ExposedService targets ${port.toString()}` : `${candidates.length} ExposedServices target ${port.toString()}`}`,
        'pass the ExposedService the requests go to');
      return undefined;
    }
    service = candidates[0];
  }
  if (!isService(service)) {
    problems.add('props', `${field}.service`, service, 'an ExposedService (or a PortRef of a pod one ExposedService targets, as `port`)');
    return undefined;
  }
  if ((service.type as string) === 'ExternalName') {
    problems.add('props', `${field}.service`, service.node.path, 'a Service with endpoints: an ExternalName Service has none a Gateway can send requests to',
      'route to a ClusterIP, NodePort or LoadBalancer Service');
    return undefined;
  }
  const ports = service.ports;
  let found: ResolvedServicePort | undefined;
  const port = b.port;
  if (port === undefined) found = ports[0];
  else if (PortRef.isPortRef(port)) found = ports.find(p => targets(service, p, port));
  else if (typeof port === 'number') found = ports.find(p => p.port === port) ?? { port }; // (a port the Service lacks: rule route-backend-ref at synth)
  else if (typeof port === 'string') found = ports.find(p => p.name === port);
  else {
    problems.add('props', `${field}.port`, port, 'a Service port number or name, or a PortRef');
    return undefined;
  }
  if (found === undefined) {
    const declared = ports.map(p => `${p.port}/${p.protocol ?? Protocol.TCP}${p.name ? ` ("${p.name}")` : ''}`).join(', ') || 'none';
    problems.add('props', `${field}.port`, PortRef.isPortRef(port) ? port.toString() : port,
      `a port of the Service ${service.node.path} that a backendRef can write (a number): it has ${declared}`,
      PortRef.isPortRef(port) ? 'give the Service a port whose targetPort is this handle' : 'name a port the Service has');
    return undefined;
  }
  return definedOnly({ service, servicePort: found, weight: b.weight });
}

function targets(service: ExposedService, p: ResolvedServicePort, port: PortRef): boolean {
  return p.targetRef === port || (port.target === service.target && (p.targetPort === port.value || p.targetPort === port.number)
    && (p.protocol ?? Protocol.TCP) === port.protocol);
}

function renderMatch(problems: ProblemCollector, field: string, m: RouteMatchProps, grpc: boolean): unknown {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the typed prop must not narrow: a JavaScript caller may pass anything
  if (!isPlainObject(m as unknown)) {
    problems.add('props', field, m, 'an object { path?, pathType?, headers?, method?, queryParams?, grpcService?, grpcMethod? }');
    return undefined;
  }
  const pairs = (name: string, v: unknown) => {
    if (v === undefined) return undefined;
    if (!isPlainObject(v) || Object.values(v).some(x => typeof x !== 'string')) {
      problems.add('props', `${field}.${name}`, v, 'an object of names to string values');
      return undefined;
    }
    return Object.entries(v).map(([n, value]) => ({ name: n, value }));
  };
  const wrong = (grpc ? ['path', 'pathType', 'method', 'queryParams'] : ['grpcService', 'grpcMethod']).filter(k => (m as { [k: string]: unknown })[k] !== undefined);
  if (wrong.length > 0) {
    problems.add('props', `${field}.${wrong[0]}`, (m as { [k: string]: unknown })[wrong[0]], grpc ? 'a GRPCRoute match of grpcService, grpcMethod and headers' : 'an HTTPRoute match of path, pathType, headers, method and queryParams');
    return undefined;
  }
  if (grpc) {
    return definedOnly({
      method: m.grpcService === undefined && m.grpcMethod === undefined ? undefined : definedOnly({ service: m.grpcService, method: m.grpcMethod }),
      headers: pairs('headers', m.headers),
    });
  }
  if (m.pathType !== undefined && !PATH_TYPES.includes(m.pathType)) problems.add('props', `${field}.pathType`, m.pathType, `one of ${PATH_TYPES.join(', ')}`);
  return definedOnly({
    path: m.path === undefined && m.pathType === undefined ? undefined : { type: m.pathType ?? RoutePathType.PATH_PREFIX, value: m.path ?? '/' },
    headers: pairs('headers', m.headers),
    queryParams: pairs('queryParams', m.queryParams),
    method: m.method,
  });
}

/** A Duration as the Gateway API writes one (`1h2m3s`, `500ms`). */
function duration(problems: ProblemCollector, field: string, d: Duration | undefined): string | undefined {
  if (d === undefined) return undefined;
  if (!(d instanceof Duration) && typeof (d as { toMilliseconds?: unknown })?.toMilliseconds !== 'function') {
    problems.add('props', field, d, 'a Duration (Duration.seconds(10))');
    return undefined;
  }
  const ms = d.toMilliseconds();
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

type Parent = { gateway: Gateway | string; name: string; namespace?: string; listener?: string };

/** The parentRefs of the parents, the namespace written only when it is not the route's. */
type ParentRef = { name: string; namespace?: string; sectionName?: string };

function parentRefs(parents: readonly Parent[], namespace: string | undefined): ParentRef[] {
  return parents.map(p => definedOnly({ name: p.name, namespace: p.namespace !== undefined && p.namespace !== namespace ? p.namespace : undefined, sectionName: p.listener }));
}

/** The parents: as given, else the app's one Gateway (now, or at synth when the app has none yet). */
function resolveParents(problems: ProblemCollector, route: Construct, given: readonly RouteParentProps[] | undefined): Parent[] | 'at synth' {
  if (given === undefined) {
    const gateways = Gateway.of(route);
    if (gateways.length === 0) return 'at synth';
    if (gateways.length > 1) {
      problems.add('props', 'parents', undefined, `the Gateways the route attaches to: the app has ${gateways.length} (${gateways.map(g => g.node.path).join(', ')}), so none is the default`,
        'name it: parents: [{ gateway }]');
      return [];
    }
    return [{ gateway: gateways[0], name: gateways[0].name, namespace: gateways[0].namespace }];
  }
  if (!Array.isArray(given)) {
    problems.add('props', 'parents', given, 'an array of { gateway, namespace?, listener? }');
    return [];
  }
  return (given as readonly RouteParentProps[]).flatMap((p, i) => {
    if (!isPlainObject(p) || !(Gateway.isGateway(p.gateway) || typeof p.gateway === 'string')) {
      problems.add('props', `parents[${i}].gateway`, isPlainObject(p) ? p.gateway : p, 'a Gateway of the app, or the name of one the cluster has');
      return [];
    }
    const gateway = p.gateway;
    return [typeof gateway === 'string'
      ? definedOnly({ gateway, name: gateway, namespace: p.namespace, listener: p.listener })
      : definedOnly({ gateway, name: gateway.name, namespace: gateway.namespace, listener: p.listener })];
  });
}
