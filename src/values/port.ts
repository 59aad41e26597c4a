/**
 * Ports as containers declare them and Services see them, and what runs pods a Service can
 * select: the values a `PortRef` points into (kept apart from the container's other values so
 * that probes, hooks and port handles need not import the container module).
 */
import type { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';

/** Network protocol of a port. */
export enum Protocol {
  TCP = 'TCP',
  UDP = 'UDP',
  SCTP = 'SCTP',
}

/**
 * A port a container listens on.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports
 */
export interface ContainerPort {
  /** The port number (1–65535). */
  readonly number: number;
  /**
   * A name Services can use as `targetPort` (an IANA service name, at most 15 characters).
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * The port's protocol.
   * @default - TCP (Kubernetes' default; not written to the manifest)
   */
  readonly protocol?: Protocol;
}

/** A port of a Pod's container, as Services see it. */
export interface ExposedPort {
  /** The container that listens. */
  readonly container: string;
  /** The port number (1–65535). */
  readonly number: number;
  /**
   * The port's name, which a Service can use as `targetPort`.
   * @default - unnamed
   */
  readonly name?: string;
  /** The protocol, TCP when the container port names none. */
  readonly protocol: Protocol;
}

/**
 * Something that runs pods a Service can select: an `AppPod` and its presets,
 * whether it renders a bare Pod or a controller.
 */
export interface IPodTarget extends IConstruct {
  /** The labels every pod of the target carries; a Service's selector is exactly these. */
  readonly selectorLabels: { readonly [key: string]: string };
  /** Every port the target's app containers listen on, in declaration order. */
  readonly exposedPorts: readonly ExposedPort[];
  /** The object that creates the pods. A Service that selects them is written before it. */
  readonly apiObject: ApiObject;
}
