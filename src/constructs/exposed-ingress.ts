import type { ApiObject } from 'cdk8s';
import * as k8s from '../imports/k8s';
import { Construct } from 'constructs';
import { ProblemCollector } from '../core/problems';
import { definedOnly, isPlainObject } from '../core/util';
import { checkedAtSynth } from '../synth/app-checks';
import { Protocol } from '../values/container';
import { PortRef } from '../values/port-ref';
import type { IExposedService, ResolvedServicePort } from './service-backend';
import { checkStringMap } from '../values/prop-types';
import { checkUnderChart } from './scope';
import { checkedScope } from './construct-args';
import { EXPOSED_INGRESS_SHAPE } from './prop-shapes';


/**
 * How an Ingress path matches a request's path.
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#path-types
 */
export enum PathType {
  /** The path, and every path under it by `/`-separated elements (`/foo` matches `/foo/bar`, not `/foobar`). */
  PREFIX = 'Prefix',
  /** Exactly the path, case-sensitive. */
  EXACT = 'Exact',
  /** As the IngressClass's controller decides (ingress-nginx: a regular expression prefix). */
  IMPLEMENTATION_SPECIFIC = 'ImplementationSpecific',
}

/**
 * One path of an {@link ExposedIngress}: requests that match it go to a Service's port.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/#IngressSpec
 */
export interface IngressPathProps {
  /** The Service requests go to (not an ExternalName one: it has no endpoints a controller can reach). */
  readonly service: IExposedService;
  /**
   * The Service port: its number, its name, or a {@link PortRef} of the container port one of
   * its ports targets.
   * @default - the Service's first port
   */
  readonly port?: number | string | PortRef;
  /**
   * The path (absolute, starting with `/`).
   * @default "/" - with the Prefix path type, every path of the host
   */
  readonly path?: string;
  /**
   * How the path matches.
   * @default PathType.PREFIX - the path and everything under it
   */
  readonly pathType?: PathType;
}

/**
 * Props of {@link ExposedIngress}.
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/
 */
export interface ExposedIngressProps {
  /** The paths and the Services they go to (all in the Ingress's namespace). */
  readonly paths: readonly IngressPathProps[];
  /**
   * The host the paths answer for: a DNS name, a leading `*.` wildcard allowed (`*.example.com`).
   * @default - every host
   */
  readonly host?: string;
  /**
   * The Secret (a `kubernetes.io/tls` Secret in the Ingress's namespace) with the certificate
   * for `host`: HTTPS terminates at the Ingress controller.
   * @default - no TLS: plain HTTP
   */
  readonly tlsSecret?: string;
  /**
   * The IngressClass that serves this Ingress (`nginx` for minikube's and kind's ingress-nginx).
   * @default - the cluster's default IngressClass, if it has one
   * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-class
   */
  readonly ingressClassName?: string;
  /**
   * `metadata.name` of the Ingress (a DNS-1123 subdomain).
   * @default - a unique name cdk8s derives from the construct path
   */
  readonly name?: string;
  /**
   * Annotations of the Ingress (controllers are configured by them, e.g.
   * `nginx.ingress.kubernetes.io/rewrite-target`).
   * @default - none
   */
  readonly annotations?: { readonly [key: string]: string };
  /**
   * Labels of the Ingress.
   * @default - none
   */
  readonly labels?: { readonly [key: string]: string };
}

/** A path after defaults. */
export interface ResolvedIngressPath {
  /** The Service. */
  readonly service: IExposedService;
  /** The Service port it goes to. */
  readonly servicePort: ResolvedServicePort;
  /** The path. */
  readonly path: string;
  /** How the path matches. */
  readonly pathType: PathType;
}

/**
 * An Ingress (networking.k8s.io/v1) in front of ExposedServices: HTTP(S) requests for a host
 * and paths go to a Service's port, through the cluster's Ingress controller. Judged at synth
 * as the API server judges it, and each backend port against its Service.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/
 */
export class ExposedIngress extends Construct {
  /** The underlying `KubeIngress`. */
  public readonly apiObject: ApiObject;
  /** `metadata.name` of the Ingress. */
  public readonly name: string;
  /** The host, if any. */
  public readonly host?: string;

  private readonly pathList: readonly ResolvedIngressPath[];

  constructor(scope: Construct, id: string, props: ExposedIngressProps) {
    super(checkedScope('ExposedIngress', scope, id, props, EXPOSED_INGRESS_SHAPE, true), id);
    const problems = new ProblemCollector(this.node.path);
    if (!isPlainObject(props) || !Array.isArray(props.paths)) {
      problems.add('props', 'paths', isPlainObject(props) ? props.paths : props, 'an array of { service, port?, path?, pathType? }');
      problems.throwIfAny();
    }
    // The values (the name, the labels, the host, the paths, the ports) are written as given and
    // judged at synth by the engine's rules; only what cannot be written, or what the written
    // Ingress no longer shows, is refused here.
    for (const key of ['name', 'host', 'tlsSecret', 'ingressClassName'] as const) {
      if (props[key] !== undefined && typeof props[key] !== 'string') problems.add('props', key, props[key], 'a string');
    }
    checkStringMap(problems, 'labels', props.labels, 'label keys to label values');
    checkStringMap(problems, 'annotations', props.annotations, 'annotation keys to string values');
    const resolved: ResolvedIngressPath[] = [];
    let namespace: string | undefined;
    props.paths.forEach((p, i) => {
      const at = `paths[${i}]`;
      if (!isPlainObject(p) || !isService(p.service)) {
        problems.add('props', `${at}.service`, isPlainObject(p) ? p.service : p, 'an ExposedService');
        return;
      }
      const service = p.service;
      if (service.type === 'ExternalName') {
        problems.add('ingress-backend', `${at}.service`, service.node.path, 'a Service with endpoints: an ExternalName Service is a DNS CNAME the controller cannot send requests to',
          'route to a ClusterIP, NodePort or LoadBalancer Service');
        return;
      }
      const ns = service.apiObject.metadata.namespace;
      if (i === 0) namespace = ns;
      else if (ns !== namespace) {
        problems.add('ingress-backend', `${at}.service`, service.node.path, `a Service in the Ingress's namespace (${namespace ?? 'the default namespace'}): an Ingress reaches Services of its own namespace only`,
          'make one Ingress per namespace');
      }
      const servicePort = findServicePort(problems, `${at}.port`, service, p.port);
      const pathType = p.pathType ?? PathType.PREFIX;
      const path = p.path ?? '/';
      const given: { readonly [key: string]: unknown } = { pathType, path };
      for (const [key, value] of Object.entries(given)) {
        if (typeof value !== 'string') problems.add('props', `${at}.${key}`, value, 'a string');
      }
      if (servicePort) resolved.push({ service, servicePort, path, pathType });
    });
    checkUnderChart(problems, this);
    problems.throwIfAny();

    this.host = props.host;
    this.pathList = resolved;
    const spec = definedOnly({
      ingressClassName: props.ingressClassName,
      tls: props.tlsSecret !== undefined ? [definedOnly({ hosts: props.host !== undefined ? [props.host] : undefined, secretName: props.tlsSecret })] : undefined,
      rules: [definedOnly({
        host: props.host,
        http: {
          paths: resolved.map(p => ({
            path: p.path,
            pathType: p.pathType,
            backend: {
              service: {
                name: p.service.name,
                port: p.servicePort.name !== undefined ? { name: p.servicePort.name } : { number: p.servicePort.port },
              },
            },
          })),
        },
      })],
    });
    this.apiObject = new k8s.KubeIngress(this, 'Resource', {
      metadata: definedOnly({
        name: props.name, namespace,
        labels: props.labels ? { ...props.labels } : undefined,
        annotations: props.annotations ? { ...props.annotations } : undefined,
      }),
      spec,
    });
    this.name = this.apiObject.name;
    checkedAtSynth(this.apiObject);
    // The Services first: a controller that sees an Ingress before its Service reports a missing backend.
    for (const p of resolved) this.apiObject.node.addDependency(p.service.apiObject);
  }

  /** The paths after defaults (copies). */
  public get paths(): readonly ResolvedIngressPath[] {
    return this.pathList.map(p => ({ ...p }));
  }
}

function isService(x: unknown): x is IExposedService {
  return x !== null && typeof x === 'object' && Symbol.for('cdk8s-pods-services.ExposedService') in (x);
}

/**
 * The Service port a path names: by number, by name, or the one that targets a container port
 * handle. One the Service does not have is refused here (the path's `servicePort` is one of the
 * Service's); a port that is not TCP is written, and judged at synth (rule ingress-backend).
 */
function findServicePort(problems: ProblemCollector, field: string, service: IExposedService, port: number | string | PortRef | undefined): ResolvedServicePort | undefined {
  const ports = service.ports;
  const declared = ports.map(p => `${p.port}/${p.protocol ?? Protocol.TCP}${p.name ? ` ("${p.name}")` : ''}`).join(', ') || 'none';
  let found: ResolvedServicePort | undefined;
  if (port === undefined) found = ports[0];
  else if (PortRef.isPortRef(port)) {
    found = ports.find(p => p.targetRef === port || (port.target === service.target && (p.targetPort === port.value || p.targetPort === port.number)
      && (p.protocol ?? Protocol.TCP) === port.protocol));
  } else if (typeof port === 'number' || typeof port === 'string') {
    found = ports.find(p => (typeof port === 'number' ? p.port === port : p.name === port));
  } else {
    problems.add('props', field, port, 'a Service port number or name, or a PortRef');
    return undefined;
  }
  if (found === undefined) {
    problems.add('ingress-backend', field, PortRef.isPortRef(port) ? port.toString() : port, `a port of the Service ${service.node.path}: it has ${declared}`,
      PortRef.isPortRef(port) ? 'give the Service a port whose targetPort is this handle' : 'name a port the Service has (its number or its name)');
  }
  return found;
}
