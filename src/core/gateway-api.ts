/**
 * The Gateway API (`gateway.networking.k8s.io`) over written objects: Gateways and their
 * listeners, HTTPRoutes and GRPCRoutes with their parent and backend references, ReferenceGrants,
 * and the matching the specification defines (which listener admits a route, which hostnames
 * intersect, which grant lets a reference cross namespaces). Plain data, read defensively (a field
 * of the wrong type reads as absent); the rules and the topology picture ask here.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/
 */
import type { SelectorView} from './label-selector';
import { readSelector, selectorMatches } from './label-selector';
import type { Json, KubeObject, ManifestModel} from './manifest';
import { array, record, str, stringMap } from './manifest';

/** The API group of the Gateway API. */
export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** The route kinds the library reads (and writes). */
export const ROUTE_KINDS: readonly string[] = ['HTTPRoute', 'GRPCRoute'];

/** A group and kind, as the Gateway API names a kind (`''` is the core group). */
export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

/** One listener of a Gateway. */
export interface ListenerView {
  /** Its position in `spec.listeners`. */
  readonly index: number;
  /** `name`, or `''`. */
  readonly name: string;
  /** `protocol` (`HTTP`, `HTTPS`, `TLS`, `TCP`, `UDP`, or a domain-prefixed one), or `''`. */
  readonly protocol: string;
  /** `port`, when a number. */
  readonly port?: number;
  /** `hostname`, when set. */
  readonly hostname?: string;
  /** `tls.mode`: as written, else `Terminate` (the CRD's default) when there is a `tls`. */
  readonly tlsMode?: string;
  /** `tls.certificateRefs`, as written. */
  readonly certificateRefs: readonly Json[];
  /** Whether `tls.options` has entries (an implementation may take its certificate from them). */
  readonly tlsOptions: boolean;
  /** `allowedRoutes.namespaces.from`: `Same` when left out (the CRD's default). */
  readonly allowedFrom: string;
  /** `allowedRoutes.namespaces.selector`, for `from: Selector`. */
  readonly allowedSelector?: SelectorView;
  /** `allowedRoutes.kinds`; empty: the kinds the protocol takes. */
  readonly allowedKinds: readonly GroupKind[];
}

/** A Gateway. */
export interface GatewayView {
  readonly object: KubeObject;
  /** `spec.gatewayClassName`, when set. */
  readonly gatewayClassName?: string;
  /** Its listeners. */
  readonly listeners: readonly ListenerView[];
}

/** One parent reference of a route. */
export interface ParentRefView {
  /** Where it is (`spec.parentRefs[0]`). */
  readonly field: string;
  /** `group`, `gateway.networking.k8s.io` when left out. */
  readonly group: string;
  /** `kind`, `Gateway` when left out. */
  readonly kind: string;
  /** `name`, or `''`. */
  readonly name: string;
  /** `namespace`, else the route's. */
  readonly namespace?: string;
  /** `sectionName`: a listener's name. */
  readonly sectionName?: string;
  /** `port`: a listener's port. */
  readonly port?: number;
}

/** One backend reference of a route's rule. */
export interface BackendRefView {
  /** Where it is (`spec.rules[0].backendRefs[1]`). */
  readonly field: string;
  /** `group`, `''` (core) when left out. */
  readonly group: string;
  /** `kind`, `Service` when left out. */
  readonly kind: string;
  /** `name`, or `''`. */
  readonly name: string;
  /** `namespace`, else the route's. */
  readonly namespace?: string;
  /** `port`, when a number. */
  readonly port?: number;
  /** `weight`, when a number (1 when left out). */
  readonly weight?: number;
}

/** An HTTPRoute or a GRPCRoute. */
export interface RouteView {
  readonly object: KubeObject;
  /** `HTTPRoute` or `GRPCRoute`. */
  readonly kind: string;
  /** `spec.hostnames`. */
  readonly hostnames: readonly string[];
  /** `spec.parentRefs`. */
  readonly parentRefs: readonly ParentRefView[];
  /** The backend references of every rule. */
  readonly backendRefs: readonly BackendRefView[];
  /** `spec.rules`, as written. */
  readonly rules: readonly Json[];
}

/** A ReferenceGrant: who (`from`) may refer to what (`to`) in its namespace. */
export interface ReferenceGrantView {
  readonly object: KubeObject;
  /** `spec.from`: group, kind and namespace of the referring objects. */
  readonly from: readonly (GroupKind & { readonly namespace: string })[];
  /** `spec.to`: group, kind and (optionally) name of the objects referred to. */
  readonly to: readonly (GroupKind & { readonly name?: string })[];
}

/** The Gateway API's objects of an output. */
export interface GatewayApiView {
  readonly gateways: readonly GatewayView[];
  readonly routes: readonly RouteView[];
  readonly grants: readonly ReferenceGrantView[];
  /** The labels of each Namespace object of the output, by name. */
  readonly namespaceLabels: ReadonlyMap<string, { readonly [key: string]: string }>;
}

/** Whether an object is of the Gateway API's group, of this kind. */
export function isGatewayApi(object: KubeObject, kind: string): boolean {
  return object.kind === kind && typeof object.apiVersion === 'string' && object.apiVersion.startsWith(`${GATEWAY_GROUP}/`);
}

const views = new WeakMap<ManifestModel, GatewayApiView>();

/** The Gateway API's objects of a model (read once per model). */
export function gatewayApiOf(model: ManifestModel): GatewayApiView {
  let view = views.get(model);
  if (view === undefined) {
    view = readGatewayApi(model.objects);
    views.set(model, view);
  }
  return view;
}

function readGatewayApi(objects: readonly KubeObject[]): GatewayApiView {
  const gateways: GatewayView[] = [];
  const routes: RouteView[] = [];
  const grants: ReferenceGrantView[] = [];
  const namespaceLabels = new Map<string, { readonly [key: string]: string }>();
  for (const object of objects) {
    if (object.builtinKind === 'Namespace') {
      // The API server labels every namespace with its name (kubernetes.io/metadata.name).
      namespaceLabels.set(object.name, { ...stringMap(record(object.raw.metadata).labels), 'kubernetes.io/metadata.name': object.name });
    } else if (isGatewayApi(object, 'Gateway')) gateways.push(readGateway(object));
    else if (ROUTE_KINDS.some(k => isGatewayApi(object, k))) routes.push(readRoute(object));
    else if (isGatewayApi(object, 'ReferenceGrant')) grants.push(readGrant(object));
  }
  return { gateways, routes, grants, namespaceLabels };
}

function readGateway(object: KubeObject): GatewayView {
  const spec = record(object.raw.spec);
  return {
    object,
    gatewayClassName: str(spec.gatewayClassName),
    listeners: array(spec.listeners).map((l, index): ListenerView => {
      const listener = record(l);
      const tls = listener.tls === undefined ? undefined : record(listener.tls);
      const allowed = record(listener.allowedRoutes);
      const namespaces = record(allowed.namespaces);
      return {
        index,
        name: str(listener.name) ?? '',
        protocol: str(listener.protocol) ?? '',
        port: typeof listener.port === 'number' ? listener.port : undefined,
        hostname: str(listener.hostname) || undefined,
        tlsMode: tls === undefined ? undefined : str(tls.mode) || 'Terminate',
        certificateRefs: array(tls?.certificateRefs).map(record),
        tlsOptions: Object.keys(record(tls?.options)).length > 0,
        allowedFrom: str(namespaces.from) ?? 'Same',
        allowedSelector: namespaces.selector === undefined ? undefined : readSelector(namespaces.selector),
        allowedKinds: array(allowed.kinds).map(k => ({ group: str(record(k).group) ?? GATEWAY_GROUP, kind: str(record(k).kind) ?? '' })),
      };
    }),
  };
}

function readRoute(object: KubeObject): RouteView {
  const spec = record(object.raw.spec);
  const rules = array(spec.rules).map(record);
  return {
    object,
    kind: object.kind!,
    hostnames: array(spec.hostnames).filter((h): h is string => typeof h === 'string'),
    parentRefs: array(spec.parentRefs).map((p, i): ParentRefView => {
      const ref = record(p);
      return {
        field: `spec.parentRefs[${i}]`,
        group: str(ref.group) ?? GATEWAY_GROUP,
        kind: str(ref.kind) ?? 'Gateway',
        name: str(ref.name) ?? '',
        namespace: str(ref.namespace) ?? object.namespace,
        sectionName: str(ref.sectionName),
        port: typeof ref.port === 'number' ? ref.port : undefined,
      };
    }),
    backendRefs: rules.flatMap((rule, i) => array(rule.backendRefs).map((b, j): BackendRefView => {
      const ref = record(b);
      return {
        field: `spec.rules[${i}].backendRefs[${j}]`,
        group: str(ref.group) ?? '',
        kind: str(ref.kind) ?? 'Service',
        name: str(ref.name) ?? '',
        namespace: str(ref.namespace) ?? object.namespace,
        port: typeof ref.port === 'number' ? ref.port : undefined,
        weight: typeof ref.weight === 'number' ? ref.weight : undefined,
      };
    })),
    rules,
  };
}

function readGrant(object: KubeObject): ReferenceGrantView {
  const spec = record(object.raw.spec);
  return {
    object,
    from: array(spec.from).map(f => {
      const r = record(f);
      return { group: str(r.group) ?? '', kind: str(r.kind) ?? '', namespace: str(r.namespace) ?? '' };
    }),
    to: array(spec.to).map(t => {
      const r = record(t);
      return { group: str(r.group) ?? '', kind: str(r.kind) ?? '', name: str(r.name) || undefined };
    }),
  };
}

/** Whether two namespaces are the same (an unset one is the namespace the objects are applied to). */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return (a ?? '') === (b ?? '');
}

/**
 * Whether a ReferenceGrant of the output lets an object of `from` (group, kind, namespace) refer
 * to the object `to` (group, kind, name) in namespace `namespace`.
 */
export function grantFor(grants: readonly ReferenceGrantView[], from: GroupKind & { readonly namespace?: string }, to: GroupKind & { readonly name: string }, namespace: string | undefined): ReferenceGrantView | undefined {
  return grants.find(g => sameNamespace(g.object.namespace, namespace)
    && g.from.some(f => f.group === from.group && f.kind === from.kind && sameNamespace(f.namespace, from.namespace))
    && g.to.some(t => t.group === to.group && t.kind === to.kind && (t.name === undefined || t.name === to.name)));
}

/**
 * Whether two hostnames (each exact, or a `*.` wildcard) match a common host. A wildcard matches
 * every host under its suffix, one label or more (`*.example.com`: `a.example.com`,
 * `a.b.example.com`, not `example.com`).
 */
export function hostnamesIntersect(a: string, b: string): boolean {
  const wild = (h: string) => h.startsWith('*.');
  if (!wild(a) && !wild(b)) return a === b;
  if (wild(a) && wild(b)) return a.slice(1).endsWith(b.slice(1)) || b.slice(1).endsWith(a.slice(1));
  const [pattern, host] = wild(a) ? [a, b] : [b, a];
  return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
}

/**
 * The hostnames a route answers for on a listener: the route's that intersect the listener's,
 * each narrowed to the more specific of the two; the listener's (or every host, `undefined`) when
 * the route has none. Empty: the listener does not admit the route's hostnames.
 */
export function effectiveHostnames(route: RouteView, listener: ListenerView): readonly string[] | undefined {
  if (route.hostnames.length === 0) return listener.hostname === undefined ? undefined : [listener.hostname];
  if (listener.hostname === undefined) return route.hostnames;
  const l = listener.hostname;
  const narrower = (h: string) => (!h.startsWith('*.') ? h : !l.startsWith('*.') ? l : h.length >= l.length ? h : l);
  return route.hostnames.filter(h => hostnamesIntersect(h, l)).map(narrower);
}

/** Why a listener does not admit a route (for messages), or undefined when it does. */
export function listenerRefusal(view: GatewayApiView, gateway: GatewayView, listener: ListenerView, route: RouteView): string | undefined {
  if (listener.protocol !== 'HTTP' && listener.protocol !== 'HTTPS') {
    return `its protocol ${listener.protocol || '(none)'} takes no ${route.kind} (HTTP and HTTPS listeners do)`;
  }
  if (listener.allowedKinds.length > 0 && !listener.allowedKinds.some(k => k.group === GATEWAY_GROUP && k.kind === route.kind)) {
    return `its allowedRoutes.kinds (${listener.allowedKinds.map(k => k.kind).join(', ')}) leave out ${route.kind}`;
  }
  const routeNs = route.object.namespace;
  if (listener.allowedFrom === 'Same' && !sameNamespace(routeNs, gateway.object.namespace)) {
    return `it admits routes of its own namespace only (allowedRoutes.namespaces.from Same: ${gateway.object.namespace ?? 'the namespace it is applied to'}), and the route is in ${routeNs ?? 'the namespace it is applied to'}`;
  }
  if (listener.allowedFrom === 'Selector') {
    const labels = routeNs === undefined ? undefined : view.namespaceLabels.get(routeNs);
    // A namespace the output does not write has labels only the cluster knows: not judged.
    if (labels !== undefined && !selectorMatches(listener.allowedSelector ?? readSelector(undefined), labels)) {
      return `its allowedRoutes.namespaces.selector does not match the labels of Namespace ${routeNs}`;
    }
  }
  if (listener.allowedFrom !== 'Same' && listener.allowedFrom !== 'All' && listener.allowedFrom !== 'Selector') {
    return `its allowedRoutes.namespaces.from is ${listener.allowedFrom} (Same, All or Selector)`;
  }
  const hosts = effectiveHostnames(route, listener);
  if (hosts !== undefined && hosts.length === 0) {
    return `its hostname ${listener.hostname} matches none of the route's hostnames (${route.hostnames.join(', ')})`;
  }
  return undefined;
}

/** The listeners a parent reference names: by sectionName and port, when set. */
export function listenersNamed(gateway: GatewayView, ref: ParentRefView): readonly ListenerView[] {
  return gateway.listeners.filter(l => (ref.sectionName === undefined || l.name === ref.sectionName) && (ref.port === undefined || l.port === ref.port));
}

/** The Gateway of the output a parent reference names, if it names a Gateway the output writes. */
export function gatewayOf(view: GatewayApiView, ref: ParentRefView): GatewayView | undefined {
  if (ref.group !== GATEWAY_GROUP || ref.kind !== 'Gateway') return undefined;
  return view.gateways.find(g => g.object.name === ref.name && sameNamespace(g.object.namespace, ref.namespace));
}
