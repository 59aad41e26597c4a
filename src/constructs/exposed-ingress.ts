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
    const written: { service: IExposedService; port: { number: number } | { name: string }; path: string; pathType: PathType }[] = [];
    let namespace: string | undefined;
    props.paths.forEach((p, i) => {
      const at = `paths[${i}]`;
      if (!isPlainObject(p) || !isService(p.service)) {
        problems.add('props', `${at}.service`, isPlainObject(p) ? p.service : p, 'an ExposedService');
        return;
      }
      // The Ingress is written to the first Service's namespace; a Service of another namespace,
      // or an ExternalName Service, is written as named and judged at synth (rule ingress-backend).
      const service = p.service;
      if (i === 0) namespace = service.apiObject.metadata.namespace;
      const servicePort = findServicePort(problems, `${at}.port`, service, p.port);
      const pathType = p.pathType ?? PathType.PREFIX;
      const path = p.path ?? '/';
      const given: { readonly [key: string]: unknown } = { pathType, path };
      for (const [key, value] of Object.entries(given)) {
        if (typeof value !== 'string') problems.add('props', `${at}.${key}`, value, 'a string');
      }
      if (servicePort === undefined) return;
      if ('found' in servicePort) resolved.push({ service, servicePort: servicePort.found, path, pathType });
      written.push({ service, port: servicePort.written, path, pathType });
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
          paths: written.map(p => ({ path: p.path, pathType: p.pathType, backend: { service: { name: p.service.name, port: p.port } } })),
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
    for (const p of written) this.apiObject.node.addDependency(p.service.apiObject);
  }

  /** The paths after defaults (copies), with the Service port each goes to (one whose port the Service lacks, an error at synth, is left out). */
  public get paths(): readonly ResolvedIngressPath[] {
    return this.pathList.map(p => ({ ...p }));
  }
}

function isService(x: unknown): x is IExposedService {
  return x !== null && typeof x === 'object' && Symbol.for('cdk8s-pods-services.ExposedService') in (x);
}

/**
 * The Service port a path names: by number, by name, or the one that targets a container port
 * handle, as it is written (by its name when it has one, else its number), and the Service's
 * port when it has it. A number or a name the Service lacks is written as given, and judged at
 * synth with a port that is not TCP (rule ingress-backend); a handle that no port of the Service
 * targets cannot be written: there is no Service port to name.
 */
function findServicePort(problems: ProblemCollector, field: string, service: IExposedService, port: number | string | PortRef | undefined):
  { found: ResolvedServicePort; written: { number: number } | { name: string } } | { written: { number: number } | { name: string } } | undefined {
  const ports = service.ports;
  const write = (p: ResolvedServicePort) => ({ found: p, written: p.name !== undefined ? { name: p.name } : { number: p.port } });
  if (port === undefined) {
    if (ports[0] !== undefined) return write(ports[0]);
    problems.add('props', field, undefined, `a port: the Service ${service.node.path} has none to default to`, 'give the Service a port, and name it here');
    return undefined;
  }
  if (PortRef.isPortRef(port)) {
    const found = ports.find(p => p.targetRef === port || (port.target === service.target && (p.targetPort === port.value || p.targetPort === port.number)
      && (p.protocol ?? Protocol.TCP) === port.protocol));
    if (found !== undefined) return write(found);
    const declared = ports.map(p => `${p.port}/${p.protocol ?? Protocol.TCP}${p.name ? ` ("${p.name}")` : ''}`).join(', ') || 'none';
    problems.add('props', field, port.toString(), `a handle that a port of the Service ${service.node.path} targets, to name that port: it has ${declared}`,
      'give the Service a port whose targetPort is this handle, or name the Service port');
    return undefined;
  }
  if (typeof port === 'number') {
    const found = ports.find(p => p.port === port);
    return found !== undefined ? write(found) : { written: { number: port } };
  }
  if (typeof port === 'string') {
    const found = ports.find(p => p.name === port);
    return found !== undefined ? write(found) : { written: { name: port } };
  }
  problems.add('props', field, port, 'a Service port number or name, or a PortRef');
  return undefined;
}
