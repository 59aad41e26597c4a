/**
 * What an Ingress path routes to: an `ExposedService`, seen through the members an Ingress
 * reads. (An interface, so that `ExposedIngress` does not import `ExposedService`, which imports
 * it for `exposeViaIngress`.)
 */
import type { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import type { IPodTarget, Protocol } from '../values/port';
import type { PortRef } from '../values/port-ref';

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
  /**
   * The container port handle the port was given as its `targetPort`.
   * @default - none: a number or a name was given, or the default
   */
  readonly targetRef?: PortRef;
}

/** An `ExposedService`, as an `ExposedIngress` routes to it. */
export interface IExposedService extends IConstruct {
  /** The underlying `KubeService`. */
  readonly apiObject: ApiObject;
  /** `metadata.name` of the Service. */
  readonly name: string;
  /** The Service type (`ServiceType`). */
  readonly type: string;
  /**
   * The pods it exposes.
   * @default - none: an ExternalName Service, or one whose endpoints are managed elsewhere
   */
  readonly target?: IPodTarget;
  /** Its ports, after defaults, in declaration order. */
  readonly ports: readonly ResolvedServicePort[];
}
