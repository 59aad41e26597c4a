import { ApiObject, Chart } from 'cdk8s';
import * as k8s from '../imports/k8s';
import { Construct } from 'constructs';
import { ProblemCollector } from '../core/problems';
import { findContainerPort } from '../core/routing';
import { brand, definedOnly, hasBrand, isPlainObject } from '../core/util';
import { checkedAtSynth } from '../synth/app-checks';
import type { ExposedPort} from '../values/container';
import { Protocol } from '../values/container';
import { PortRef } from '../values/port-ref';
import type { ExternalTrafficPolicy, InternalTrafficPolicy, IpFamily, IpFamilyPolicy, TrafficDistribution } from '../values/service-spec';
import { SessionAffinity } from '../values/service-spec';
import { AppPod } from './app-pod';
import type { IPodTarget} from './pod-target';
import { recordService } from './pod-target';
import type { ExposedIngressProps, IngressPathProps } from './exposed-ingress';
import { ExposedIngress } from './exposed-ingress';
import { checkStringMap } from '../values/prop-types';
import type { IExposedService, ResolvedServicePort } from './service-backend';

export type { IExposedService, ResolvedServicePort } from './service-backend';
import { ExposedRoute } from './exposed-route';
import type { ExposeViaRouteOptions } from './exposed-route';
import { checkUnderChart } from './scope';
import { checkedScope } from './construct-args';
import { EXPOSED_SERVICE_SHAPE } from './prop-shapes';


/**
 * The four Service types, by the names cdk8s-plus gives them (`ServiceType.NODE_PORT`); a
 * cdk8s-plus `ServiceType` of any version is accepted as well, since each is the API's string.
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
 */
export const ServiceType = {
  /** Reachable inside the cluster, at a virtual IP. */
  CLUSTER_IP: 'ClusterIP',
  /** ClusterIP, and a port on every node. */
  NODE_PORT: 'NodePort',
  /** NodePort, and a load balancer of the cloud provider. */
  LOAD_BALANCER: 'LoadBalancer',
  /** A DNS alias (CNAME) of an external name; no proxying. */
  EXTERNAL_NAME: 'ExternalName',
} as const;
/** One of {@link ServiceType}'s values: `'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName'`. */
export type ServiceType = typeof ServiceType[keyof typeof ServiceType];



/**
 * One port of a Service.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceSpec
 */
export interface ServicePortProps {
  /**
   * The port the Service listens on.
   * @default - `targetPort` when it is a number, the number of the container port it names when
   * it is a name, else the target's first container port
   */
  readonly port?: number;
  /**
   * The container port traffic goes to: a {@link PortRef} of the target (`pod.portRef('http')`:
   * its name, else its number, is written, and its protocol is the Service port's), a number or
   * a container port's name.
   * @default - the target's container port with the same number and protocol, else its first port
   */
  readonly targetPort?: number | string | PortRef;
  /**
   * The port on every node (NodePort and LoadBalancer only; 30000–32767 unless the
   * `cdk8s-pods-services:nodePortRange` context value says otherwise; unique in the app).
   * @default - allocated by the cluster
   */
  readonly nodePort?: number;
  /**
   * The port's name (a DNS-1123 label); required once a Service has more than one port.
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * The port's protocol.
   * @default - the protocol of a {@link PortRef} `targetPort`, else TCP (Kubernetes' default; not written to the manifest)
   */
  readonly protocol?: Protocol;
}

/**
 * Every field a Service of some type takes, with its documentation; the props of one type
 * ({@link ExposedServiceProps}) take those of its type only.
 * @see https://kubernetes.io/docs/concepts/services-networking/service/
 */
export interface AnyServiceProps {
  /**
   * The Service type: ClusterIP (inside the cluster), NodePort (also on every node's
   * port), LoadBalancer (also through the cloud's load balancer) or ExternalName
   * (a DNS CNAME to `externalName`, no proxy).
   * @see https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
   */
  readonly type: ServiceType;
  /**
   * The pods to expose. The selector is exactly their labels. Required for every type
   * but ExternalName, which must have none (it selects no pods: it is a DNS CNAME).
   * @default - none (ExternalName only)
   */
  readonly target?: IPodTarget;
  /**
   * The port the Service listens on.
   * @default - `targetPort` when it is a number, the number of the container port it names when
   * it is a name, else the target's first container port
   */
  readonly port?: number;
  /**
   * The container port traffic goes to: a {@link PortRef} of the target (`pod.portRef('http')`),
   * a number or a container port's name.
   * @default - the target's container port with the same number and protocol as `port`, else its first port
   */
  readonly targetPort?: number | string | PortRef;
  /**
   * The port on every node (NodePort and LoadBalancer only; 30000–32767 unless the
   * `cdk8s-pods-services:nodePortRange` context value says otherwise; unique in the app).
   * @default - allocated by the cluster from its node port range
   */
  readonly nodePort?: number;
  /**
   * Several ports instead of `port`/`targetPort`/`nodePort`.
   * @default - one port, from `port`, `targetPort` and `nodePort`
   */
  readonly ports?: readonly ServicePortProps[];
  /**
   * The DNS name an ExternalName Service answers with (a CNAME), e.g. `foo.bar.example.com`.
   * @default - none (required for ExternalName)
   */
  readonly externalName?: string;
  /**
   * `metadata.name` of the Service (a DNS-1035 label: it becomes a DNS name).
   * @default - a unique name cdk8s derives from the construct path
   */
  readonly name?: string;
  /**
   * Labels of the Service itself.
   * @default - none
   */
  readonly labels?: { readonly [key: string]: string };
  /**
   * Namespace of the Service. A Service selects pods of its own namespace only.
   * @default - the target's namespace: its own, or its chart's (`ChartProps.namespace`); for an
   * ExternalName Service, its chart's; else none: the namespace `kubectl` applies to
   */
  readonly namespace?: string;
  /**
   * Annotations of the Service; cloud load balancers are configured by them
   * (e.g. `service.beta.kubernetes.io/aws-load-balancer-internal`).
   * @default - none
   * @see https://kubernetes.io/docs/reference/labels-annotations-taints/
   */
  readonly annotations?: { readonly [key: string]: string };
  /**
   * Whether a client's connections stick to one pod: `SessionAffinity.clientIp(Duration.hours(1))`.
   * @default SessionAffinity.NONE - Kubernetes' default (not written)
   * @see https://kubernetes.io/docs/reference/networking/virtual-ips/#session-affinity
   */
  readonly sessionAffinity?: SessionAffinity;
  /**
   * Where outside traffic (node port, load balancer) may go; NodePort and LoadBalancer only.
   * `LOCAL` keeps the client's address and skips the extra hop.
   * @default - Kubernetes' default for NodePort and LoadBalancer, `Cluster` (not written)
   * @see https://kubernetes.io/docs/reference/networking/virtual-ips/#external-traffic-policy
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
  /**
   * Where traffic from inside the cluster may go.
   * @default - Kubernetes' default, `Cluster` (not written)
   * @see https://kubernetes.io/docs/concepts/services-networking/service-traffic-policy/
   */
  readonly internalTrafficPolicy?: InternalTrafficPolicy;
  /**
   * The client ranges (CIDRs) the cloud's load balancer lets in; LoadBalancer only.
   * @default - none: every client (the cloud's default)
   * @see https://kubernetes.io/docs/tasks/access-application-cluster/configure-cloud-provider-firewall/
   */
  readonly loadBalancerSourceRanges?: readonly string[];
  /**
   * The load balancer implementation (a qualified name, e.g. `example.com/internal-vip`);
   * LoadBalancer only.
   * @default - none: the cloud provider's default load balancer
   * @see https://kubernetes.io/docs/concepts/services-networking/service/#load-balancer-class
   */
  readonly loadBalancerClass?: string;
  /**
   * Whether a LoadBalancer Service gets node ports (a load balancer that routes to pods directly
   * needs none); LoadBalancer only.
   * @default - Kubernetes' default, true (not written)
   * @see https://kubernetes.io/docs/concepts/services-networking/service/#load-balancer-nodeport-allocation
   */
  readonly allocateLoadBalancerNodePorts?: boolean;
  /**
   * The cluster IP: an address from the cluster's Service range, or {@link CLUSTER_IP_NONE}
   * (`"None"`) for a headless Service (ClusterIP type only), which may then have no ports (`ports: []`).
   * @default - allocated by the cluster
   * @see https://kubernetes.io/docs/concepts/services-networking/service/#headless-services
   */
  readonly clusterIP?: string;
  /**
   * Addresses of nodes that also take the Service's traffic (not unspecified, loopback or link-local).
   * @default - none
   * @see https://kubernetes.io/docs/concepts/services-networking/service/#external-ips
   */
  readonly externalIPs?: readonly string[];
  /**
   * Whether DNS and endpoints include pods that are not ready (peers of a StatefulSet that must
   * find each other before they are ready).
   * @default - false, Kubernetes' default (not written)
   */
  readonly publishNotReadyAddresses?: boolean;
  /**
   * The IP families of the Service, in order (dual-stack clusters).
   * @default - the cluster's default family
   * @see https://kubernetes.io/docs/concepts/services-networking/dual-stack/#services
   */
  readonly ipFamilies?: readonly IpFamily[];
  /**
   * How many IP families the Service gets.
   * @default - Kubernetes' default, SingleStack (not written)
   * @see https://kubernetes.io/docs/concepts/services-networking/dual-stack/#services
   */
  readonly ipFamilyPolicy?: IpFamilyPolicy;
  /**
   * Which of the ready endpoints the proxy prefers: `TrafficDistribution.PREFER_SAME_ZONE`
   * (Kubernetes 1.34) keeps traffic in the client's zone when it has an endpoint there (less
   * latency, no cross-zone cost), `PREFER_SAME_NODE` (1.34) on its node, `PREFER_CLOSE` (1.31,
   * deprecated from 1.35) as `PREFER_SAME_ZONE`. Not on an ExternalName Service.
   * @default - none: every ready endpoint alike (not written)
   * @see https://kubernetes.io/docs/concepts/services-networking/service/#traffic-distribution
   */
  readonly trafficDistribution?: TrafficDistribution;
}

/**
 * A Service port without `nodePort`, for the types that have no node ports (ClusterIP, ExternalName).
 * @see https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceSpec
 */
export interface ServicePortWithoutNodePortProps extends Omit<ServicePortProps, 'nodePort'> {
  /**
   * None: only NodePort and LoadBalancer Services have node ports.
   * @default - none
   */
  readonly nodePort?: never;
}

/** The fields only a LoadBalancer Service takes. */
type LoadBalancerOnly = 'loadBalancerSourceRanges' | 'loadBalancerClass' | 'allocateLoadBalancerNodePorts';
/** The fields only NodePort and LoadBalancer Services take. */
type NodePortOnly = 'nodePort' | 'externalTrafficPolicy';
/** The fields only the Services that select pods take (all types but ExternalName). */
type SelectingOnly = 'target' | 'sessionAffinity' | 'internalTrafficPolicy' | 'clusterIP' | 'externalIPs' | 'publishNotReadyAddresses' | 'ipFamilies' | 'ipFamilyPolicy'
  | 'trafficDistribution';
/** Fields a type does not take: absent (`never`), so that a misplaced one fails to compile. */
type Without<K extends keyof AnyServiceProps> = { readonly [P in K]?: never };

/**
 * Props of a ClusterIP {@link ExposedService}: reachable inside the cluster only.
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#type-clusterip
 */
export interface ClusterIPServiceProps extends Omit<AnyServiceProps, 'type' | 'target' | 'ports' | LoadBalancerOnly | NodePortOnly | 'externalName'>,
  Without<LoadBalancerOnly | NodePortOnly | 'externalName'> {
  /** ClusterIP. */
  readonly type: typeof ServiceType.CLUSTER_IP;
  /** The pods to expose. The selector is exactly their labels. */
  readonly target: IPodTarget;
  /**
   * Several ports instead of `port`/`targetPort`.
   * @default - one port, from `port` and `targetPort`
   */
  readonly ports?: readonly ServicePortWithoutNodePortProps[];
}

/**
 * Props of a NodePort {@link ExposedService}: also on a port of every node.
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport
 */
export interface NodePortServiceProps extends Omit<AnyServiceProps, 'type' | 'target' | LoadBalancerOnly | 'externalName'>, Without<LoadBalancerOnly | 'externalName'> {
  /** NodePort. */
  readonly type: typeof ServiceType.NODE_PORT;
  /** The pods to expose. The selector is exactly their labels. */
  readonly target: IPodTarget;
}

/**
 * Props of a LoadBalancer {@link ExposedService}: also through the cloud's load balancer.
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer
 */
export interface LoadBalancerServiceProps extends Omit<AnyServiceProps, 'type' | 'target' | 'externalName'>, Without<'externalName'> {
  /** LoadBalancer. */
  readonly type: typeof ServiceType.LOAD_BALANCER;
  /** The pods to expose. The selector is exactly their labels. */
  readonly target: IPodTarget;
}

/**
 * Props of an ExternalName {@link ExposedService}: a DNS CNAME to `externalName`, no proxy, no pods.
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#externalname
 */
export interface ExternalNameServiceProps extends Omit<AnyServiceProps, 'type' | 'externalName' | 'ports' | SelectingOnly | NodePortOnly | LoadBalancerOnly>,
  Without<SelectingOnly | NodePortOnly | LoadBalancerOnly> {
  /** ExternalName. */
  readonly type: typeof ServiceType.EXTERNAL_NAME;
  /** The DNS name the Service answers with (a CNAME), e.g. `foo.bar.example.com`. */
  readonly externalName: string;
  /**
   * Ports, written as given (the proxy ignores them).
   * @default - none
   */
  readonly ports?: readonly ServicePortWithoutNodePortProps[];
}

/**
 * Props of {@link ExposedService}, by its `type`: each type takes the fields it has (a
 * `nodePort` on a ClusterIP Service, or a `target` on an ExternalName one, does not compile,
 * and from JavaScript is a `props` error naming the field).
 * @see https://kubernetes.io/docs/concepts/services-networking/service/
 */
export type ExposedServiceProps = ClusterIPServiceProps | NodePortServiceProps | LoadBalancerServiceProps | ExternalNameServiceProps;

const SERVICE_TYPES: readonly string[] = Object.values(ServiceType);

/**
 * A Service of any of the four types in front of a pod construct. Its selector is the
 * target's own labels, its `targetPort` follows the target's container port, and it is
 * written before the pods it selects (a Pod only gets a Service's environment variables
 * if the Service existed first).
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/service/
 */
export class ExposedService extends Construct implements IExposedService {
  /** The underlying `KubeService`. */
  public readonly apiObject: ApiObject;
  /** `metadata.name` of the Service. */
  public readonly name: string;
  /** The Service type. */
  public readonly type: ServiceType;
  /** The pods it exposes, if any. */
  public readonly target?: IPodTarget;
  /** The ExternalName host, if any. */
  public readonly externalName?: string;

  private readonly portList: readonly ResolvedServicePort[];

  /** Whether `x` is an ExposedService of any copy of this package. */
  public static isExposedService(x: unknown): x is ExposedService {
    return hasBrand(x, 'ExposedService');
  }

  constructor(scope: Construct, id: string, props: ExposedServiceProps) {
    super(checkedScope('ExposedService', scope, id, props, EXPOSED_SERVICE_SHAPE, true), id);
    brand(this, 'ExposedService');
    const problems = new ProblemCollector(this.node.path);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the typed props must not narrow: a JavaScript caller may pass anything
    if (!isPlainObject(props as unknown)) {
      problems.add('props', 'props', props, 'an object with at least `type`');
      problems.throwIfAny();
    }
    // The values (the type, the names, the labels, the ports, the spec fields) are written as
    // given and judged at synth by the engine's rules; only what cannot be written is refused here.
    if (typeof (props.type as unknown) !== 'string') problems.add('props', 'type', props.type, `one of ${SERVICE_TYPES.join(', ')}`);
    for (const key of NAME_FIELDS) {
      if (props[key] !== undefined && typeof props[key] !== 'string') problems.add('props', key, props[key], 'a string');
    }
    checkStringMap(problems, 'labels', props.labels, 'label keys to label values');
    checkStringMap(problems, 'annotations', props.annotations, 'annotation keys to string values');
    const specProps = checkSpecProps(problems, props);
    const externalName = props.type === ServiceType.EXTERNAL_NAME;
    // An ExternalName Service has no target at all (checkExternalName says so), whatever it is.
    // (the target's ports read once: each read of an AppPod's `exposedPorts` builds them anew)
    const targetPorts = !externalName && props.target !== undefined ? checkTarget(problems, props.target) : undefined;
    const target = targetPorts !== undefined ? props.target : undefined;
    const portsOk = props.ports === undefined || (Array.isArray(props.ports) && props.ports.every(p => isPlainObject(p)));
    if (!portsOk) problems.add('props', 'ports', props.ports, 'an array of { port?, targetPort?, nodePort?, name?, protocol? }');
    // (the node port range, a context value, is read and judged at synth with the node ports)
    let ports: ResolvedServicePort[] = [];
    if (externalName) {
      checkExternalName(problems, props);
      // Ports on an ExternalName Service are allowed (and ignored by the proxy): written as given.
      if (portsOk) ports = resolvePorts(problems, props, [], false);
    } else {
      // (An externalName here is a field the type does not take: checkedScope reported it.)
      if ((props as AnyServiceProps).target === undefined) {
        problems.add('props', 'target', undefined, `a pod construct to expose: a ${(props as AnyServiceProps).type} Service selects the target's pods`,
          'give the pod construct to expose as `target`, or use ServiceType.EXTERNAL_NAME with an `externalName`');
      }
      // Without a valid target there are no container ports to default to: only what is given is checked.
      if (portsOk) ports = resolvePorts(problems, props, targetPorts, true);
    }
    const extraSpec = renderSpecProps(props, specProps);
    checkUnderChart(problems, this);
    problems.throwIfAny();

    this.type = props.type;
    this.target = target;
    this.externalName = props.externalName;
    this.portList = ports;
    this.apiObject = new k8s.KubeService(this, 'Resource', {
      metadata: definedOnly({
        name: props.name,
        namespace: props.namespace ?? (target ? namespaceOf(target.apiObject) : undefined),
        labels: props.labels ? { ...props.labels } : undefined,
        annotations: props.annotations ? { ...props.annotations } : undefined,
      }),
      spec: definedOnly({
        type: props.type,
        externalName: props.externalName,
        selector: target ? { ...target.selectorLabels } : undefined,
        ports: ports.length > 0 ? ports.map(p => definedOnly({
          name: p.name,
          protocol: p.protocol,
          port: p.port,
          targetPort: p.targetPort === undefined ? undefined
            : typeof p.targetPort === 'number' ? k8s.IntOrString.fromNumber(p.targetPort) : k8s.IntOrString.fromString(p.targetPort),
          nodePort: p.nodePort,
        })) : undefined,
        ...extraSpec,
      }),
    });
    // (a name cdk8s generates from the construct path, e.g. in a chart "02-cluster-ip", is
    // judged at synth like a given one: rule object-name)
    this.name = this.apiObject.name;
    checkedAtSynth(this.apiObject);
    // "sempre nessa ordem": the Service first, then the pods it selects.
    if (target) {
      target.apiObject.node.addDependency(this.apiObject);
      recordService(target, this);
    }
  }

  /**
   * Exposes the Service through an Ingress (an {@link ExposedIngress} child named `Ingress`):
   * requests for `host` and `path` go to `port`.
   */
  public exposeViaIngress(options: Omit<ExposedIngressProps, 'paths'> & Omit<IngressPathProps, 'service'> = {}): ExposedIngress {
    if (!isPlainObject(options)) {
      const problems = new ProblemCollector(this.node.path);
      problems.add('props', 'exposeViaIngress()', options, 'an object of options { host?, path?, pathType?, port?, tlsSecret?, ingressClassName?, name? }');
      problems.throwIfAny();
    }
    if (this.node.tryFindChild('Ingress') !== undefined) {
      const problems = new ProblemCollector(this.node.path);
      problems.add('props', 'exposeViaIngress()', 'Ingress', 'one Ingress per Service through exposeViaIngress(): it has one already',
        'use new ExposedIngress(scope, id, { paths }) for more paths or hosts');
      problems.throwIfAny();
    }
    const { port, path, pathType, ...rest } = options;
    return new ExposedIngress(this, 'Ingress', { ...rest, paths: [{ service: this, port, path, pathType }] });
  }

  /**
   * Exposes the Service through a Gateway API route (an {@link ExposedRoute} child named
   * `Route`, an HTTPRoute unless `kind` says GRPCRoute): the requests it matches go to `port`,
   * through the app's Gateway unless `parents` names others.
   */
  public exposeViaRoute(options: ExposeViaRouteOptions = {}): ExposedRoute {
    if (!isPlainObject(options)) {
      const problems = new ProblemCollector(this.node.path);
      problems.add('props', 'exposeViaRoute()', options, 'an object of options { port?, matches?, filters?, timeouts?, kind?, parents?, hostnames?, name?, … }');
      problems.throwIfAny();
    }
    if (this.node.tryFindChild('Route') !== undefined) {
      const problems = new ProblemCollector(this.node.path);
      problems.add('props', 'exposeViaRoute()', 'Route', 'one route per Service through exposeViaRoute(): it has one already',
        'use new ExposedRoute(scope, id, { rules }) for more rules or backends');
      problems.throwIfAny();
    }
    const { port, matches, filters, timeouts, ...rest } = options;
    return new ExposedRoute(this, 'Route', { ...rest, rules: [{ backends: [{ service: this, port }], matches, filters, timeouts }] });
  }

  /** The Service's ports after defaults (copies). */
  public get ports(): readonly ResolvedServicePort[] {
    return this.portList.map(p => ({ ...p }));
  }
}

const ARRAY_PROPS = ['loadBalancerSourceRanges', 'externalIPs', 'ipFamilies'] as const;
const FLAG_PROPS = ['allocateLoadBalancerNodePorts', 'publishNotReadyAddresses'] as const;
const TEXT_PROPS = ['clusterIP', 'loadBalancerClass', 'trafficDistribution'] as const;
const NAME_FIELDS = ['name', 'namespace', 'externalName'] as const;

/**
 * The shapes only a JavaScript caller can get wrong, and the clusterIP rules of the type.
 * @returns whether the spec fields are well-formed enough to render
 */
function checkSpecProps(problems: ProblemCollector, props: AnyServiceProps): boolean {
  let ok = true;
  for (const list of ARRAY_PROPS) {
    const v = props[list];
    if (v !== undefined && !(Array.isArray(v) && v.every(x => typeof x === 'string'))) {
      problems.add('props', list, v, 'an array of strings');
      ok = false;
    }
  }
  if (props.sessionAffinity !== undefined && !SessionAffinity.isSessionAffinity(props.sessionAffinity)) {
    problems.add('props', 'sessionAffinity', props.sessionAffinity, 'a SessionAffinity: SessionAffinity.NONE or SessionAffinity.clientIp()');
    ok = false;
  }
  for (const flag of FLAG_PROPS) {
    if (props[flag] !== undefined && typeof props[flag] !== 'boolean') {
      problems.add('props', flag, props[flag], 'true or false');
      ok = false;
    }
  }
  for (const text of TEXT_PROPS) {
    if (props[text] !== undefined && typeof props[text] !== 'string') {
      problems.add('props', text, props[text], 'a string');
      ok = false;
    }
  }
  // (a headless NodePort Service, a clusterIP on an ExternalName one: rule cluster-ip, at synth)
  return ok;
}

/** The spec fields beyond type, selector and ports, as the L1 takes them (none when their shape is wrong: that is reported already). */
function renderSpecProps(props: AnyServiceProps, ok: boolean): Partial<k8s.ServiceSpec> {
  const spec: { -readonly [K in keyof k8s.ServiceSpec]?: k8s.ServiceSpec[K] } = {};
  if (!ok) return spec;
  // Only the fields given, in this order (what definedOnly of them all gave, without the copy of
  // thirteen mostly undefined fields for every Service)
  if (props.allocateLoadBalancerNodePorts !== undefined) spec.allocateLoadBalancerNodePorts = props.allocateLoadBalancerNodePorts;
  if (props.externalIPs !== undefined) spec.externalIPs = [...props.externalIPs];
  if (props.externalTrafficPolicy !== undefined) spec.externalTrafficPolicy = props.externalTrafficPolicy;
  if (props.internalTrafficPolicy !== undefined) spec.internalTrafficPolicy = props.internalTrafficPolicy;
  if (props.ipFamilies !== undefined) spec.ipFamilies = [...props.ipFamilies];
  if (props.ipFamilyPolicy !== undefined) spec.ipFamilyPolicy = props.ipFamilyPolicy;
  if (props.loadBalancerClass !== undefined) spec.loadBalancerClass = props.loadBalancerClass;
  if (props.loadBalancerSourceRanges !== undefined) spec.loadBalancerSourceRanges = [...props.loadBalancerSourceRanges];
  if (props.publishNotReadyAddresses !== undefined) spec.publishNotReadyAddresses = props.publishNotReadyAddresses;
  if (props.trafficDistribution !== undefined) spec.trafficDistribution = props.trafficDistribution;
  const affinity = props.sessionAffinity;
  // None is Kubernetes' default: written only when it was given
  if (affinity?.type !== undefined) spec.sessionAffinity = affinity.type;
  if (props.clusterIP !== undefined) spec.clusterIp = props.clusterIP;
  const timeout = affinity?.timeoutSeconds;
  if (timeout !== undefined) spec.sessionAffinityConfig = { clientIp: { timeoutSeconds: timeout } };
  return spec;
}

/** An ExternalName Service takes no target (its host name is judged at synth: rule external-name). */
function checkExternalName(problems: ProblemCollector, props: AnyServiceProps): void {
  if (props.target !== undefined) {
    const t = props.target as Partial<IPodTarget> | null;
    problems.add('props', 'target', isPlainObjectLike(t) && typeof t.node?.path === 'string' ? t.node.path : t, 'no target on an ExternalName Service: it is a DNS CNAME, with no selector and no proxy',
      'drop target, or use another type');
  }
}

/**
 * A JavaScript caller may pass anything as `target`: it must look like a pod construct.
 * @returns its exposed ports when it does, else undefined
 */
function checkTarget(problems: ProblemCollector, target: IPodTarget): readonly ExposedPort[] | undefined {
  const t = target as Partial<IPodTarget> | null;
  const exposed: unknown = isPlainObjectLike(t) && ApiObject.isApiObject(t.apiObject) ? t.exposedPorts : undefined;
  if (!isPlainObjectLike(t) || !Array.isArray(exposed)) {
    problems.add('props', 'target', isPlainObjectLike(t) ? t.constructor?.name : t, 'a pod construct (AppPod, NginxPod, FlaskPod or another IPodTarget)');
    return undefined;
  }
  // (one of our pods checked its labels' types when it was built; their values are judged at
  // synth, in the pods and in the Service's selector)
  if (!AppPod.isAppPod(t) && !checkStringMap(problems, 'target.selectorLabels', t.selectorLabels, 'label keys to label values')) return undefined;
  // (an empty selector is written as given, and judged at synth: rule service-selects-a-pod)
  return exposed as readonly ExposedPort[];
}

function isPlainObjectLike(x: unknown): x is { [key: string]: unknown } {
  return x !== null && typeof x === 'object';
}

/**
 * The ports after defaults. `port` and `targetPort` follow the target's container ports where
 * they are left out. Only what cannot be written is refused here (a wrong type, a port with no
 * number to default to, a handle of another pod); the values are written as given and judged at
 * synth (rules service-ports, node-port, type-field).
 */
function resolvePorts(problems: ProblemCollector, props: AnyServiceProps, targetPorts: readonly ExposedPort[] | undefined,
  selecting: boolean): ResolvedServicePort[] {
  const exposed = targetPorts ?? NO_PORTS;
  const containers = [{ ports: exposed }];
  const single = props.port !== undefined || props.targetPort !== undefined || props.nodePort !== undefined;
  if (props.ports !== undefined && single) {
    problems.add('props', 'ports', props.ports, 'either `ports` or `port`/`targetPort`/`nodePort`, not both');
    return [];
  }
  // (an empty list is written as no ports: rule service-ports, at synth)
  if (!selecting && props.ports === undefined && !single) return [];
  const asGiven: readonly ServicePortProps[] = props.ports ?? [{ port: props.port, targetPort: props.targetPort, nodePort: props.nodePort }];
  const resolved: ResolvedServicePort[] = [];
  for (let i = 0; i < asGiven.length; i++) {
    if (!(i in asGiven)) continue; // (a hole of a sparse list, skipped as forEach skips it)
    const ref = PortRef.isPortRef(asGiven[i].targetPort) ? asGiven[i].targetPort as PortRef : undefined;
    // A handle gives its name (else number) as the targetPort, and its protocol as the port's.
    // (a handle of another pod, or with another protocol than the port's, is written as its name
    // or number and judged at synth: rule target-port-is-exposed, over the selected pods)
    const p: ServicePortProps = ref === undefined ? asGiven[i]
      : { ...asGiven[i], targetPort: ref.value, protocol: asGiven[i].protocol ?? (ref.protocol === Protocol.TCP ? undefined : ref.protocol) };
    const field = (name: string) => props.ports ? `ports[${i}].${name}` : name;
    const named = typeof p.targetPort === 'string' ? findContainerPort(containers, p.targetPort, p.protocol ?? Protocol.TCP)?.port.number : undefined;
    const port = p.port ?? ref?.number ?? (typeof p.targetPort === 'number' ? p.targetPort : named ?? (selecting ? defaultTargetPort(containers, exposed, undefined, p.protocol) : undefined));
    // A port with no number, given or defaulted, cannot be written (a Service port requires one):
    // a missing required prop. (With an invalid or missing target, that problem is the target's.)
    if (port === undefined && (!selecting || targetPorts !== undefined)) {
      problems.add('props', field('port'), undefined, selecting ? 'a port: the target exposes no container port to default to' : 'a port', 'set port');
    }
    if (port !== undefined && !(typeof port === 'number' && Number.isFinite(port))) problems.add('props', field('port'), port, 'a port number (1–65535)');
    // (a PortRef is given as its name or number by now)
    const tp = (p.targetPort as number | string | undefined) ?? (selecting ? defaultTargetPort(containers, exposed, port, p.protocol) : undefined);
    if (tp !== undefined && !writablePort(tp)) problems.add('props', field('targetPort'), tp, 'a port number or the name of a container port');
    if (p.nodePort !== undefined && !(typeof p.nodePort === 'number' && Number.isFinite(p.nodePort))) problems.add('props', field('nodePort'), p.nodePort, 'a port number');
    for (const text of NAME_AND_PROTOCOL) {
      if (p[text] !== undefined && typeof p[text] !== 'string') problems.add('props', field(text), p[text], 'a string');
    }
    if (port === undefined) continue;
    resolved.push(definedOnly({ port, targetPort: tp, nodePort: p.nodePort, name: p.name, protocol: p.protocol, targetRef: ref }));
  }
  return resolved;
}

const NO_PORTS: readonly ExposedPort[] = Object.freeze([]);
const NAME_AND_PROTOCOL = ['name', 'protocol'] as const;

/**
 * The container port a Service port goes to when it names none: the one with the same number
 * and protocol, else the target's first port (the tutorial's 4050 → 80).
 */
function defaultTargetPort(containers: readonly { readonly ports: readonly ExposedPort[] }[], exposed: readonly ExposedPort[],
  port: number | undefined, protocol: Protocol | undefined): number | undefined {
  return (port === undefined ? undefined : findContainerPort(containers, port, protocol ?? Protocol.TCP)?.port.number) ?? exposed[0]?.number;
}

/** A port cdk8s can write: a finite number, or a name. */
function writablePort(v: unknown): boolean {
  return (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string';
}

/** The namespace an object is written to: its own, else its chart's. */
function namespaceOf(obj: ApiObject): string | undefined {
  return obj.metadata.namespace ?? Chart.of(obj).namespace;
}
