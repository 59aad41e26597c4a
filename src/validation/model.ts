/**
 * The facts the cross-object checks need, as plain data: no constructs, no cdk8s.
 * They come from our constructs (cheaply, without rendering) or from plain manifests
 * (see `from-manifests.ts`), so the same checks run on both.
 */

/** A port a container declares. */
export interface PortFacts {
  readonly number: number;
  /** The port's name, if any (a Service `targetPort` may name it). */
  readonly name?: string;
  /** `TCP`, `UDP` or `SCTP` (`TCP` when the manifest leaves it out). */
  readonly protocol: string;
}

/** One app container of a pod. */
export interface ContainerFacts {
  readonly name: string;
  readonly ports: readonly PortFacts[];
}

/**
 * Something that creates pods: a bare Pod, or a controller (Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, Job, CronJob) through its pod template.
 */
export interface PodFacts {
  /** The construct path, when the object comes from a cdk8s app. */
  readonly path?: string;
  /** `Pod`, `Deployment`, … */
  readonly kind: string;
  /** `metadata.name` of the object. */
  readonly name: string;
  /** `metadata.namespace`; undefined is the namespace kubectl applies to. */
  readonly namespace?: string;
  /** The labels of the pods it creates (a controller's pod template labels). */
  readonly labels: { readonly [key: string]: string };
  readonly containers: readonly ContainerFacts[];
  /** Position in the output: objects are applied in this order. */
  readonly index: number;
}

/** One port of a Service. */
export interface ServicePortFacts {
  readonly port: number;
  /** A number or a container port name; undefined means the same number as `port`. */
  readonly targetPort?: number | string;
  readonly nodePort?: number;
  readonly protocol: string;
  readonly name?: string;
}

/** A Service. */
export interface ServiceFacts {
  readonly path?: string;
  readonly name: string;
  readonly namespace?: string;
  /** `ClusterIP`, `NodePort`, `LoadBalancer` or `ExternalName`. */
  readonly type: string;
  /** undefined or empty: the Service selects no pods (ExternalName, or endpoints managed by hand). */
  readonly selector?: { readonly [key: string]: string };
  readonly ports: readonly ServicePortFacts[];
  /** Position in the output. */
  readonly index: number;
}

/** Everything the cross-object checks look at. */
export interface Facts {
  readonly pods: readonly PodFacts[];
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
  /** The construct path of the object at fault, when known. */
  readonly path?: string;
  /** The object at fault, as `Kind/name` (or `Kind/namespace/name`). */
  readonly object: string;
  readonly field: string;
  readonly value: unknown;
  readonly allowed: string;
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
