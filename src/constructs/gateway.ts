import type { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { Construct } from 'constructs';
import { ProblemCollector } from '../core/problems';
import { checkStringMap } from '../values/prop-types';
import { brand, definedOnly, hasBrand, isPlainObject } from '../core/util';
import * as gw from '../imports/gateway-api/gateway.networking.k8s.io';
import { checkedAtSynth } from '../synth/app-checks';
import type { SecretSource } from '../values/config-refs';
import { resolveConfig } from '../values/config-refs';
import { grantReference, namespaceOf } from './reference-grants';
import { checkUnderChart } from './scope';
import { checkedScope } from './construct-args';
import { GATEWAY_SHAPE } from './prop-shapes';

/**
 * The protocol a Gateway listener speaks.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#protocoltype
 */
export enum ListenerProtocol {
  /** Plain HTTP: HTTPRoutes and GRPCRoutes attach. */
  HTTP = 'HTTP',
  /** HTTP over TLS, terminated at the Gateway with the listener's certificate. */
  HTTPS = 'HTTPS',
  /** TLS, terminated at the Gateway or passed through to the backend (TLSRoutes, TCPRoutes). */
  TLS = 'TLS',
  /** Plain TCP (TCPRoutes). */
  TCP = 'TCP',
  /** UDP (UDPRoutes). */
  UDP = 'UDP',
}

/** What a TLS listener does with TLS. */
export enum TlsMode {
  /** The Gateway terminates TLS with the listener's certificate. */
  TERMINATE = 'Terminate',
  /** The Gateway passes the TLS stream through to the backend, which terminates it. */
  PASSTHROUGH = 'Passthrough',
}

/** The namespaces whose routes a listener admits. */
export enum RouteNamespaces {
  /** Routes in the Gateway's namespace only. */
  SAME = 'Same',
  /** Routes in every namespace. */
  ALL = 'All',
  /** Routes in the namespaces whose labels match `namespaceLabels`. */
  SELECTOR = 'Selector',
}

/** The kinds of route this library writes. */
export enum RouteKind {
  /** `HTTPRoute`: HTTP requests by host, path, header, method and query. */
  HTTP = 'HTTPRoute',
  /** `GRPCRoute`: gRPC calls by host, service, method and header. */
  GRPC = 'GRPCRoute',
}

/**
 * One listener of a {@link Gateway}: a port, a protocol and, for HTTPS and TLS, a certificate.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#listener
 * @see https://kubernetes.io/docs/concepts/services-networking/gateway/
 */
export interface GatewayListenerProps {
  /** The protocol. */
  readonly protocol: ListenerProtocol;
  /**
   * The port the Gateway listens on.
   * @default - 80 for HTTP, 443 for HTTPS and TLS (required for TCP and UDP)
   */
  readonly port?: number;
  /**
   * The listener's name, which a route's `listener` names (a DNS-1123 subdomain, unique in the Gateway).
   * @default - the protocol in lower case (`http`, `https`), followed by `-<port>` when the Gateway has two listeners of that protocol
   */
  readonly name?: string;
  /**
   * The host the listener answers for (HTTP, HTTPS, TLS): a DNS name, a leading `*.` wildcard allowed.
   * @default - every host
   */
  readonly hostname?: string;
  /**
   * The certificate (HTTPS, and TLS in mode Terminate): a `kubernetes.io/tls` Secret, as a
   * cdk8s-plus Secret, a {@link SecretRef} or its name. A cdk8s-plus Secret in another namespace
   * gets a ReferenceGrant that lets the Gateway read it.
   * @default - none (an HTTPS listener without one is refused at synth, rule `listener-certificate`)
   */
  readonly certificate?: SecretSource | string;
  /**
   * What a TLS listener does with TLS.
   * @default TlsMode.TERMINATE - for HTTPS and TLS (written for TLS; the CRD's default for HTTPS); none for the others
   */
  readonly tlsMode?: TlsMode;
  /**
   * The namespaces whose routes the listener admits.
   * @default RouteNamespaces.SAME - the Gateway's own namespace (the CRD's default)
   */
  readonly routeNamespaces?: RouteNamespaces;
  /**
   * The labels of the namespaces whose routes are admitted, with `RouteNamespaces.SELECTOR`.
   * @default - none (required with RouteNamespaces.SELECTOR)
   */
  readonly namespaceLabels?: { readonly [key: string]: string };
  /**
   * The kinds of route the listener admits.
   * @default - the kinds the protocol takes (HTTPRoute and GRPCRoute on HTTP and HTTPS)
   */
  readonly routeKinds?: readonly RouteKind[];
}

/**
 * Props of {@link Gateway}.
 * @see https://gateway-api.sigs.k8s.io/api-types/gateway/
 * @see https://kubernetes.io/docs/concepts/services-networking/gateway/
 */
export interface GatewayProps {
  /**
   * The GatewayClass: which implementation serves the Gateway (`eg` for Envoy Gateway's
   * quickstart, `nginx` for NGINX Gateway Fabric, `istio`, `cilium`, a cloud's class).
   */
  readonly gatewayClassName: string;
  /** The listeners (at least one). */
  readonly listeners: readonly GatewayListenerProps[];
  /**
   * `metadata.name` of the Gateway.
   * @default - a unique name cdk8s derives from the construct path
   */
  readonly name?: string;
  /**
   * The Gateway's namespace.
   * @default - none: the namespace it is applied to
   */
  readonly namespace?: string;
  /**
   * Labels of the Gateway.
   * @default - none
   */
  readonly labels?: { readonly [key: string]: string };
  /**
   * Annotations of the Gateway.
   * @default - none
   */
  readonly annotations?: { readonly [key: string]: string };
}

/** A listener after defaults. */
export interface ResolvedListener {
  /** Its name. */
  readonly name: string;
  /** Its protocol. */
  readonly protocol: ListenerProtocol;
  /** Its port. */
  readonly port: number;
  /**
   * Its hostname.
   * @default - every host
   */
  readonly hostname?: string;
}

const PROTOCOLS: readonly string[] = Object.values(ListenerProtocol);
const DEFAULT_PORTS: { readonly [p: string]: number | undefined } = { HTTP: 80, HTTPS: 443, TLS: 443 };

/**
 * A Gateway (gateway.networking.k8s.io/v1): the listeners a Gateway API implementation opens
 * for the cluster's traffic, and which routes may attach to them. Routes made with
 * {@link ExposedService.exposeViaRoute} attach to the app's one Gateway by default. What is
 * written is judged at synth (rules `listener-certificate`, `route-parent-ref`).
 *
 * @see https://gateway-api.sigs.k8s.io/api-types/gateway/
 * @see https://kubernetes.io/docs/concepts/services-networking/gateway/
 */
export class Gateway extends Construct {
  /** Whether `x` is a Gateway of any copy of this package. */
  public static isGateway(x: unknown): x is Gateway {
    return hasBrand(x, 'Gateway');
  }

  /**
   * The Gateways of the app that holds `scope`, in construction order.
   * @internal
   */
  public static of(scope: IConstruct): Gateway[] {
    return scope.node.root.node.findAll().filter((c): c is Gateway => Gateway.isGateway(c));
  }

  /** The underlying `Gateway` object. */
  public readonly apiObject: ApiObject;
  /** `metadata.name` of the Gateway. */
  public readonly name: string;
  /** Its namespace (its own, else its chart's), if set. */
  public readonly namespace?: string;
  /** Its GatewayClass. */
  public readonly gatewayClassName: string;

  private readonly listenerList: readonly ResolvedListener[];

  constructor(scope: Construct, id: string, props: GatewayProps) {
    // (a JavaScript caller's scope, id and props are checked first: our error, never constructs' bare one)
    super(checkedScope('Gateway', scope, id, props, new.target === Gateway ? GATEWAY_SHAPE : undefined, true), id);
    brand(this, 'Gateway');
    const problems = new ProblemCollector(this.node.path);
    if (!isPlainObject(props) || !Array.isArray(props.listeners) || typeof props.gatewayClassName !== 'string') {
      problems.add('props', 'props', props, 'an object { gatewayClassName, listeners: [{ protocol, port?, name?, hostname?, certificate?, … }] }');
      problems.throwIfAny();
    }
    checkStringMap(problems, 'labels', props.labels, 'label keys to label values');
    checkStringMap(problems, 'annotations', props.annotations, 'annotation keys to string values');
    if (props.listeners.length === 0) problems.add('props', 'listeners', [], 'at least one listener', 'give the Gateway a listener, e.g. { protocol: ListenerProtocol.HTTP }');
    const count = (p: string) => props.listeners.filter(l => isPlainObject(l) && (l.protocol as string) === p).length;
    const listeners: gw.GatewaySpecListeners[] = [];
    const resolved: ResolvedListener[] = [];
    const secrets: { index: number; name: string; namespace: string }[] = [];
    const gatewayNamespace = props.namespace ?? namespaceOf(this);
    props.listeners.forEach((l, i) => {
      const at = `listeners[${i}]`;
      if (!isPlainObject(l) || !PROTOCOLS.includes(l.protocol)) {
        problems.add('props', `${at}.protocol`, isPlainObject(l) ? l.protocol : l, `one of ${PROTOCOLS.join(', ')}`);
        return;
      }
      const port = l.port ?? DEFAULT_PORTS[l.protocol];
      if (port === undefined) {
        problems.add('props', `${at}.port`, undefined, `a port: a ${l.protocol} listener has no default port`);
        return;
      }
      const name = l.name ?? (count(l.protocol) > 1 ? `${l.protocol.toLowerCase()}-${port}` : l.protocol.toLowerCase());
      const tls = l.protocol === ListenerProtocol.HTTPS || l.protocol === ListenerProtocol.TLS;
      let certificateRefs: gw.GatewaySpecListenersTlsCertificateRefs[] | undefined;
      if (l.certificate !== undefined) {
        if (!tls) {
          problems.add('props', `${at}.certificate`, l.protocol, 'a certificate on an HTTPS or TLS listener only (the CRD refuses tls on HTTP, TCP and UDP)');
          return;
        }
        const secret = typeof l.certificate === 'string' ? { name: l.certificate } : resolveConfig(l.certificate, 'Secret');
        if (secret === undefined) {
          problems.add('props', `${at}.certificate`, l.certificate, 'a Secret: a cdk8s-plus Secret, a SecretRef or its name');
          return;
        }
        const ns = 'writer' in secret && secret.writer !== undefined ? namespaceOf(secret.writer) : undefined;
        const namespace = ns !== undefined && ns !== gatewayNamespace ? ns : undefined;
        if (namespace !== undefined && gatewayNamespace === undefined) {
          problems.add('props', 'namespace', undefined, `a namespace for the Gateway: its certificate is in namespace ${namespace}, and the ReferenceGrant that lets the Gateway read it names the Gateway's namespace`,
            'give the Gateway (or its chart) a namespace');
          return;
        }
        certificateRefs = [definedOnly({ kind: 'Secret', name: secret.name, namespace })];
        if (namespace !== undefined) secrets.push({ index: i, name: secret.name, namespace });
      }
      // (the CRD defaults an HTTPS listener's mode to Terminate, and wants a TLS listener's written)
      const mode = l.tlsMode ?? (l.protocol === ListenerProtocol.TLS ? TlsMode.TERMINATE : undefined);
      if (l.tlsMode !== undefined && !tls) {
        problems.add('props', `${at}.tlsMode`, l.tlsMode, 'a TLS mode on an HTTPS or TLS listener only');
        return;
      }
      const from = l.routeNamespaces;
      if (from === RouteNamespaces.SELECTOR && !isPlainObject(l.namespaceLabels)) {
        problems.add('props', `${at}.namespaceLabels`, l.namespaceLabels, 'the labels of the namespaces to admit, with RouteNamespaces.SELECTOR');
        return;
      }
      if (l.namespaceLabels !== undefined) checkStringMap(problems, `${at}.namespaceLabels`, l.namespaceLabels, 'label keys to label values');
      const allowedRoutes = from === undefined && l.routeKinds === undefined ? undefined : definedOnly({
        namespaces: from === undefined ? undefined : definedOnly({
          from: from as unknown as gw.GatewaySpecListenersAllowedRoutesNamespacesFrom,
          selector: from === RouteNamespaces.SELECTOR ? { matchLabels: { ...l.namespaceLabels } } : undefined,
        }),
        kinds: l.routeKinds?.map(kind => ({ group: 'gateway.networking.k8s.io', kind })),
      });
      listeners.push(definedOnly({
        name, protocol: l.protocol, port, hostname: l.hostname,
        tls: tls && (mode !== undefined || certificateRefs !== undefined) ? definedOnly({ mode: mode as unknown as gw.GatewaySpecListenersTlsMode, certificateRefs }) : undefined,
        allowedRoutes,
      }));
      resolved.push(definedOnly({ name, protocol: l.protocol, port, hostname: l.hostname }));
    });
    checkUnderChart(problems, this);
    problems.throwIfAny();

    this.gatewayClassName = props.gatewayClassName;
    this.namespace = gatewayNamespace;
    this.listenerList = resolved;
    this.apiObject = new gw.Gateway(this, 'Resource', {
      metadata: definedOnly({
        name: props.name, namespace: props.namespace,
        labels: props.labels ? { ...props.labels } : undefined,
        annotations: props.annotations ? { ...props.annotations } : undefined,
      }),
      spec: { gatewayClassName: props.gatewayClassName, listeners },
    });
    this.name = this.apiObject.name;
    for (const s of secrets) {
      grantReference(this, `CertificateGrant${s.index}`, { kind: 'Gateway', namespace: gatewayNamespace! }, { group: '', kind: 'Secret', name: s.name }, s.namespace);
    }
    checkedAtSynth(this.apiObject);
  }

  /** The listeners after defaults (copies). */
  public get listeners(): readonly ResolvedListener[] {
    return this.listenerList.map(l => ({ ...l }));
  }
}
