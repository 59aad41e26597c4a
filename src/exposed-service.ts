import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Protocol } from './container';
import { ProblemCollector } from './errors';
import { definedOnly } from './util';
import { IPodTarget } from './pod-target';
import { AppPod } from './app-pod';
import { NODE_PORT_RANGE_CONTEXT, nodePortRange, registerFacts } from './validation/app-checks';
import { checkLabels } from './validation/label-checks';
import * as model from './validation/model';
import * as rules from './validation/rules';

const k8s = kplus.k8s;

/** The four Service types, re-exported from cdk8s-plus-28. */
export import ServiceType = kplus.ServiceType;

/**
 * The lowest and highest port of the default `--service-node-port-range`. Widen it for a
 * cluster started with another range through the context value
 * `cdk8s-pods-services:nodePortRange` (see {@link NODE_PORT_RANGE_CONTEXT}).
 */
export const DEFAULT_NODE_PORT_RANGE: readonly [number, number] = model.DEFAULT_NODE_PORT_RANGE;


/**
 * One port of a Service.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceSpec
 */
export interface ServicePortProps {
  /**
   * The port the Service listens on.
   * @default - `targetPort` when it is a number, else the target's first container port
   */
  readonly port?: number;
  /**
   * The container port (number or port name) traffic goes to.
   * @default - the target's container port with the same number and protocol, else its first port
   */
  readonly targetPort?: number | string;
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
   * @default - TCP (Kubernetes' default; not written to the manifest)
   */
  readonly protocol?: Protocol;
}

/**
 * Props of {@link ExposedService}.
 * @see https://kubernetes.io/docs/concepts/services-networking/service/
 */
export interface ExposedServiceProps {
  /**
   * The Service type: ClusterIP (inside the cluster), NodePort (also on every node's
   * port), LoadBalancer (also through the cloud's load balancer) or ExternalName
   * (a DNS CNAME to `externalName`, no proxy).
   * @see https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
   */
  readonly type: ServiceType;
  /**
   * The pods to expose. The selector is exactly their labels. Required for every type
   * but ExternalName, which must have none.
   * @default - none (ExternalName only)
   */
  readonly target?: IPodTarget;
  /**
   * The port the Service listens on.
   * @default - `targetPort` when it is a number, else the target's first container port
   */
  readonly port?: number;
  /**
   * The container port (number or port name) traffic goes to.
   * @default - the target's container port with the same number and protocol as `port`, else its first port
   */
  readonly targetPort?: number | string;
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
   * @default - the target's namespace, when it has one; else none: the namespace `kubectl` applies to
   */
  readonly namespace?: string;
}

/**
 * A Service port after defaults.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceSpec
 */
export interface ResolvedServicePort {
  /** The port the Service listens on. */
  readonly port: number;
  /**
   * The container port (number or name) traffic goes to.
   * @default - `port` (the API server's default)
   */
  readonly targetPort?: number | string;
  /**
   * The port on every node.
   * @default - allocated by the cluster (NodePort and LoadBalancer), none otherwise
   */
  readonly nodePort?: number;
  /**
   * The port's name.
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * The port's protocol.
   * @default - TCP
   */
  readonly protocol?: Protocol;
}

const NODE_PORT_TYPES: readonly ServiceType[] = [ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER];
const SERVICE_TYPES: readonly string[] = Object.values(ServiceType);

/**
 * A Service of any of the four types in front of a pod construct. Its selector is the
 * target's own labels, its `targetPort` follows the target's container port, and it is
 * written before the pods it selects (a Pod only gets a Service's environment variables
 * if the Service existed first).
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/service/
 */
export class ExposedService extends Construct {
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

  constructor(scope: Construct, id: string, props: ExposedServiceProps) {
    super(scope, id);
    const problems = new ProblemCollector(this);
    if (props === null || typeof props !== 'object') {
      problems.add('props', props, 'an object with at least `type`');
      problems.throwIfAny();
    }
    problems.check('type', props.type, SERVICE_TYPES.includes(props.type) ? undefined : `one of ${SERVICE_TYPES.join(', ')}`);
    if (props.name !== undefined) problems.check('name', props.name, rules.dns1035Label(props.name));
    if (props.namespace !== undefined) problems.check('namespace', props.namespace, rules.dns1123Label(props.namespace));
    checkLabels(problems, 'labels', props.labels);
    if (props.target !== undefined) checkTarget(problems, props.target);
    if (props.ports !== undefined && (!Array.isArray(props.ports) || props.ports.some(p => p === null || typeof p !== 'object'))) {
      problems.add('ports', props.ports, 'an array of { port?, targetPort?, nodePort?, name?, protocol? }');
    }
    problems.throwIfAny();

    let ports: ResolvedServicePort[] = [];
    if (props.type === ServiceType.EXTERNAL_NAME) {
      checkExternalName(problems, props);
    } else {
      if (props.externalName !== undefined) {
        problems.add('externalName', props.externalName, `no externalName on a ${props.type} Service`, 'use ServiceType.EXTERNAL_NAME, or drop externalName');
      }
      if (props.target === undefined) {
        problems.add('target', undefined, `a pod construct to expose: a ${props.type} Service selects the target's pods`);
      }
      ports = resolvePorts(problems, props, nodePortRange(this));
    }
    problems.throwIfAny();

    this.type = props.type;
    this.target = props.target;
    this.externalName = props.externalName;
    this.portList = ports.slice(); // exact size: resolvePorts grew it by push (room for 16 more)
    const selector = props.target ? { ...props.target.selectorLabels } : undefined;
    this.apiObject = new k8s.KubeService(this, 'Resource', {
      metadata: definedOnly({
        name: props.name,
        namespace: props.namespace ?? props.target?.apiObject.metadata.namespace,
        labels: props.labels ? { ...props.labels } : undefined,
      }),
      // Only set fields: each key, even an undefined one, costs a resolve step at synth.
      spec: definedOnly({
        type: props.type,
        externalName: props.externalName,
        selector,
        ports: ports.length > 0 ? ports.map(p => definedOnly({
          name: p.name,
          protocol: p.protocol,
          port: p.port,
          targetPort: p.targetPort === undefined ? undefined
            : typeof p.targetPort === 'number' ? k8s.IntOrString.fromNumber(p.targetPort) : k8s.IntOrString.fromString(p.targetPort),
          nodePort: p.nodePort,
        })) : undefined,
      }),
    });
    this.name = this.apiObject.name;
    registerFacts(this.apiObject, this);
    // "sempre nessa ordem": the Service first, then the pods it selects.
    if (props.target) props.target.apiObject.node.addDependency(this.apiObject);
  }

  /** The Service's ports after defaults (copies). */
  public get ports(): readonly ResolvedServicePort[] {
    return this.portList.map(p => ({ ...p }));
  }

  /**
   * Tracked when the selector is fixed: no target, or one of our pods (whose labels never change).
   * @internal
   */
  public get _factsTracked(): boolean {
    return this.target === undefined || this.target instanceof AppPod;
  }

  /** @internal */
  public _facts(index: number): { service: model.ServiceFacts } {
    return { service: this._serviceFacts(index) };
  }

  /**
   * What the cross-object checks need to know about the Service.
   * @internal
   */
  public _serviceFacts(index: number): model.ServiceFacts {
    return {
      path: this.node.path,
      name: this.name,
      namespace: this.apiObject.metadata.namespace,
      type: this.type,
      selector: this.target ? { ...this.target.selectorLabels } : undefined,
      ports: this.portList.map(p => ({ ...p, protocol: p.protocol ?? Protocol.TCP })),
      index,
    };
  }
}

function checkExternalName(problems: ProblemCollector, props: ExposedServiceProps): void {
  if (props.externalName === undefined) {
    problems.add('externalName', undefined, 'a host name for an ExternalName Service (e.g. "foo.bar.example.com")');
  } else {
    problems.check('externalName', props.externalName, rules.dns1123Subdomain(props.externalName));
  }
  const noneAllowed = 'nothing on an ExternalName Service: it is a DNS CNAME, with no selector, no ports and no proxy';
  if (props.target !== undefined) problems.add('target', props.target.node.path, noneAllowed, 'drop target, or use another type');
  for (const field of ['port', 'targetPort', 'nodePort', 'ports'] as const) {
    if (props[field] !== undefined) problems.add(field, props[field], noneAllowed);
  }
}

/** A JavaScript caller may pass anything as `target`: it must look like a pod construct. */
function checkTarget(problems: ProblemCollector, target: IPodTarget): void {
  const t = target as Partial<IPodTarget> | null;
  if (t === null || typeof t !== 'object' || !(t.apiObject instanceof ApiObject) || !Array.isArray(t.exposedPorts)) {
    problems.add('target', t === null || typeof t !== 'object' ? t : t.constructor?.name, 'a pod construct (AppPod, NginxPod, FlaskPod or another IPodTarget)');
    return;
  }
  const labels = t.selectorLabels;
  // One of our pods checked its labels when it was built, and they never change.
  if (!(t instanceof AppPod)) checkLabels(problems, 'target.selectorLabels', labels);
  if (labels && typeof labels === 'object' && Object.keys(labels).length === 0) {
    problems.add('target.selectorLabels', {}, 'at least one label: an empty selector selects no pods', 'give the pod construct labels');
  }
}

function resolvePorts(problems: ProblemCollector, props: ExposedServiceProps, nodePorts: readonly [number, number]): ResolvedServicePort[] {
  const exposed = props.target?.exposedPorts ?? [];
  // The container port a Service port goes to when it names none: the one with the same
  // number and protocol, else the target's first port (the tutorial's 4050 → 80).
  const defaultTargetPort = (port: number | undefined, protocol: Protocol | undefined) =>
    exposed.find(e => e.number === port && e.protocol === (protocol ?? Protocol.TCP))?.number ?? exposed[0]?.number;
  const single = props.port !== undefined || props.targetPort !== undefined || props.nodePort !== undefined;
  if (props.ports !== undefined && single) {
    problems.add('ports', props.ports, 'either `ports` or `port`/`targetPort`/`nodePort`, not both');
    return [];
  }
  if (props.ports !== undefined && props.ports.length === 0) {
    problems.add('ports', [], `at least one port: the API server refuses a ${props.type} Service without one`, 'list a port, or leave `ports` out for the target\'s port');
    return [];
  }
  const given: readonly ServicePortProps[] = props.ports ?? [{ port: props.port, targetPort: props.targetPort, nodePort: props.nodePort }];
  const many = given.length > 1;
  const resolved: ResolvedServicePort[] = [];
  given.forEach((p, i) => {
    const field = (name: string) => props.ports ? `ports[${i}].${name}` : name;
    const port = p.port ?? (typeof p.targetPort === 'number' ? p.targetPort : defaultTargetPort(undefined, p.protocol));
    if (port === undefined) {
      problems.add(field('port'), undefined, 'a port: the target exposes no container port to default to', 'set port');
      return;
    }
    problems.check(field('port'), port, rules.portNumber(port));
    const tp = p.targetPort ?? defaultTargetPort(port, p.protocol);
    if (typeof tp === 'number') problems.check(field('targetPort'), tp, rules.portNumber(tp));
    else if (tp !== undefined) problems.check(field('targetPort'), tp, rules.ianaServiceName(tp));
    if (p.nodePort !== undefined) {
      if (!NODE_PORT_TYPES.includes(props.type)) {
        problems.add(field('nodePort'), p.nodePort, `no nodePort on a ${props.type} Service: only NodePort and LoadBalancer Services have one`,
          'use ServiceType.NODE_PORT, or drop nodePort');
      } else {
        const [lo, hi] = nodePorts;
        const widen = lo === DEFAULT_NODE_PORT_RANGE[0] && hi === DEFAULT_NODE_PORT_RANGE[1] ? ' (the default --service-node-port-range)' : ` (the "${NODE_PORT_RANGE_CONTEXT}" context value)`;
        problems.check(field('nodePort'), p.nodePort,
          Number.isInteger(p.nodePort) && p.nodePort >= lo && p.nodePort <= hi ? undefined : `an integer from ${lo} to ${hi}${widen}`,
          `pick a port in the range, or leave nodePort out and let the cluster pick one; a cluster with another --service-node-port-range: app.node.setContext("${NODE_PORT_RANGE_CONTEXT}", "lo-hi")`);
      }
    }
    if (p.protocol !== undefined && !(Object.values(Protocol) as unknown[]).includes(p.protocol)) {
      problems.add(field('protocol'), p.protocol, `one of ${Object.values(Protocol).join(', ')}`);
    }
    if (p.name !== undefined) problems.check(field('name'), p.name, rules.dns1123Label(p.name));
    else if (many) problems.add(field('name'), undefined, 'a name: every port of a Service with more than one port needs one');
    resolved.push({ port, targetPort: tp, nodePort: p.nodePort, name: p.name, protocol: p.protocol });
  });
  const seen = new Set<string>();
  resolved.forEach((p, i) => {
    const key = `${p.port}/${p.protocol ?? Protocol.TCP}`;
    if (seen.has(key)) problems.add(props.ports ? `ports[${i}].port` : 'port', p.port, 'a (port, protocol) pair no other port of the Service has');
    seen.add(key);
  });
  return resolved;
}
