/**
 * The facts the cross-object checks need, as plain data: no constructs, no cdk8s.
 * They come from our constructs (cheaply, without rendering) or from plain manifests
 * (see `from-manifests.ts`), so the same checks run on both.
 */

/** A port a container declares. */
export interface PortFacts {
  /** The port number. */
  readonly number: number;
  /**
   * The port's name, if any (a Service `targetPort` may name it).
   * @default - unnamed
   */
  readonly name?: string;
  /** `TCP`, `UDP` or `SCTP` (`TCP` when the manifest leaves it out). */
  readonly protocol: string;
}

/** One app container of a pod. */
export interface ContainerFacts {
  /** The container's name. */
  readonly name: string;
  /** The ports it declares. */
  readonly ports: readonly PortFacts[];
}

/**
 * Something that creates pods: a bare Pod, or a controller (Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, Job, CronJob) through its pod template.
 */
export interface PodFacts {
  /**
   * The construct path, when the object comes from a cdk8s app.
   * @default - unknown (plain manifests)
   */
  readonly path?: string;
  /** `Pod`, `Deployment`, … */
  readonly kind: string;
  /** `metadata.name` of the object. */
  readonly name: string;
  /**
   * `metadata.namespace`.
   * @default - none: the namespace kubectl applies to
   */
  readonly namespace?: string;
  /** The labels of the pods it creates (a controller's pod template labels). */
  readonly labels: { readonly [key: string]: string };
  /** The app containers of its pods. */
  readonly containers: readonly ContainerFacts[];
  /** Position in the output: objects are applied in this order. */
  readonly index: number;
}

/** One port of a Service. */
export interface ServicePortFacts {
  /** The port the Service listens on. */
  readonly port: number;
  /**
   * A number or a container port name.
   * @default - the same number as `port`
   */
  readonly targetPort?: number | string;
  /**
   * The port on every node.
   * @default - none (or allocated by the cluster)
   */
  readonly nodePort?: number;
  /** `TCP`, `UDP` or `SCTP` (`TCP` when the manifest leaves it out). */
  readonly protocol: string;
  /**
   * The port's name.
   * @default - unnamed
   */
  readonly name?: string;
}

/** A Service. */
export interface ServiceFacts {
  /**
   * The construct path, when the object comes from a cdk8s app.
   * @default - unknown (plain manifests)
   */
  readonly path?: string;
  /** `metadata.name` of the Service. */
  readonly name: string;
  /**
   * `metadata.namespace`.
   * @default - none: the namespace kubectl applies to
   */
  readonly namespace?: string;
  /** `ClusterIP`, `NodePort`, `LoadBalancer` or `ExternalName`. */
  readonly type: string;
  /**
   * The Service's selector; undefined or empty: the Service selects no pods (ExternalName, or endpoints managed by hand).
   * @default - none
   */
  readonly selector?: { readonly [key: string]: string };
  /** The Service's ports. */
  readonly ports: readonly ServicePortFacts[];
  /** Position in the output. */
  readonly index: number;
}

/** Everything the cross-object checks look at. */
export interface Facts {
  /** Every Pod and pod template, in output order. */
  readonly pods: readonly PodFacts[];
  /** Every Service, in output order. */
  readonly services: readonly ServiceFacts[];
}

/** Settings of the cross-object checks. */
export interface CrossCheckOptions {
  /**
   * The cluster's `--service-node-port-range`, lowest and highest port.
   * @default [30000, 32767]
   */
  readonly nodePortRange?: readonly [number, number];
}

/**
 * One problem found across objects: enough to print the object, the field, the bad value,
 * what is allowed and the fix, in the library's single error format.
 */
export interface Finding {
  /**
   * The construct path of the object at fault, when known.
   * @default - unknown (plain manifests)
   */
  readonly path?: string;
  /** The object at fault, as `Kind/name` (or `Kind/namespace/name`). */
  readonly object: string;
  /** The field at fault (`selector`, `ports[1].targetPort`, …). */
  readonly field: string;
  /** The bad value. */
  readonly value: unknown;
  /** What is allowed instead, as a sentence fragment. */
  readonly allowed: string;
  /**
   * How to fix it.
   * @default - none: `allowed` says it all
   */
  readonly fix?: string;
}

/** The lowest and highest port of the default `--service-node-port-range`. */
export const DEFAULT_NODE_PORT_RANGE: readonly [number, number] = Object.freeze([30000, 32767] as [number, number]);

/** `Kind/name` or `Kind/namespace/name`. */
export function objectRef(kind: string, name: string, namespace?: string): string {
  return namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}

/** A finding in the shape of the library's `Problem` (the path is the object when no construct path is known). */
export function findingToProblem(f: Finding): { path: string; field: string; value: unknown; allowed: string; fix?: string } {
  return { path: f.path ?? f.object, field: f.field, value: f.value, allowed: f.allowed, fix: f.fix };
}
