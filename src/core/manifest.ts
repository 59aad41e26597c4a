/**
 * The manifest model: the objects as written (what `toJson()` gives in an app, what a YAML file
 * holds for the plugin), read once into the views the checks and the topology picture need.
 * Plain data: no cdk8s. Reading is defensive: a field of the wrong type reads as absent (the
 * object checks report it), never as a thrown error.
 */
import { isArray } from './util';

/** What the construct that wrote an object promises about it, checked at synth. */
export interface ObjectIntent {
  /**
   * The Pod Security level its pods are meant to meet (`SecurityProfile.RESTRICTED`).
   * @default - none promised
   */
  readonly podSecurity?: 'restricted';
}

/** One object to judge, with what is known of where it came from. */
export interface ManifestEntry {
  /** The object, as the Kubernetes API spells it. */
  readonly manifest: unknown;
  /**
   * The construct path of what wrote it (in a cdk8s app).
   * @default - unknown: the object is named by its kind and name
   */
  readonly path?: string;
  /**
   * The manifest file it is in.
   * @default - unknown
   */
  readonly file?: string;
  /**
   * What the construct that wrote it promises.
   * @default - nothing
   */
  readonly intent?: ObjectIntent;
}

/** A plain JSON object. */
export type Json = { readonly [key: string]: unknown };

/** An object of the output. */
export interface KubeObject {
  /** Its position in the output (objects are applied in this order). */
  readonly index: number;
  /** The object as written. */
  readonly raw: Json;
  /** `apiVersion`, when it is a string. */
  readonly apiVersion?: string;
  /** `kind`, when it is a string. */
  readonly kind?: string;
  /**
   * The kind, when the object is one of the built-in kinds the checks look into (`Pod`,
   * `Service`, `Deployment`, `Namespace`, …) of the kind's own API group, or has no
   * `apiVersion` to tell; undefined for any other object (a Knative `serving.knative.dev/v1`
   * Service is not a Service, a Volcano `Job` not a Job).
   */
  readonly builtinKind?: string;
  /** `metadata.name`, or `''`. */
  readonly name: string;
  /** `metadata.namespace`, when set. */
  readonly namespace?: string;
  /** `Kind/name` or `Kind/namespace/name`. */
  readonly ref: string;
  /** Where to report it: the construct path when known, else `ref`. */
  readonly where: string;
  /** The manifest file, when known. */
  readonly file?: string;
  /** What its construct promises. */
  readonly intent: ObjectIntent;
}

/** A port a container declares. */
export interface PortView {
  /** `containerPort`. */
  readonly number: number;
  /** `name`, when set. */
  readonly name?: string;
  /** `protocol`, `TCP` when left out. */
  readonly protocol: string;
}

/** A container (or init container) of a pod spec. */
export interface ContainerView {
  /** Its position in `containers` (or `initContainers`). */
  readonly index: number;
  /** `name`, or `''`. */
  readonly name: string;
  /** `image`, when a string. */
  readonly image?: string;
  /** The ports it declares that have a numeric `containerPort`. */
  readonly ports: readonly PortView[];
}

/** Something that makes pods: a Pod, or a controller through its pod template. */
export interface PodSource {
  /** The object. */
  readonly object: KubeObject;
  /** Where its pod template's `metadata` and `spec` are: `''` for a Pod, `spec.template.` for a Deployment, … */
  readonly template: string;
  /** The pods' labels. */
  readonly labels: { readonly [key: string]: string };
  /** The pod spec as written. */
  readonly spec: Json;
  /** The app containers. */
  readonly containers: readonly ContainerView[];
  /** The init containers. */
  readonly initContainers: readonly ContainerView[];
  /** `spec.replicas` of a controller, when a number. */
  readonly replicas?: number;
}

/** One port of a Service. */
export interface ServicePortView {
  /** Its position in `spec.ports`. */
  readonly index: number;
  /** `port`. */
  readonly port: number;
  /** `targetPort` as written (the API server defaults it to `port`). */
  readonly targetPort?: number | string;
  /** `nodePort`, when a number. */
  readonly nodePort?: number;
  /** `protocol`, `TCP` when left out. */
  readonly protocol: string;
  /** `name`, when set. */
  readonly name?: string;
}

/** A Service. */
export interface ServiceView {
  /** The object. */
  readonly object: KubeObject;
  /** `spec.type`, `ClusterIP` when left out. */
  readonly type: string;
  /** `spec.selector`; none or empty: the Service selects no pods (its endpoints are managed by hand). */
  readonly selector?: { readonly [key: string]: string };
  /** The ports that have a numeric `port`. */
  readonly ports: readonly ServicePortView[];
  /** `spec.externalName`, when a string. */
  readonly externalName?: string;
  /** `spec.clusterIP`, when a string. */
  readonly clusterIP?: string;
}

/** Every object of an output, and the views of those the checks look into. */
export interface ManifestModel {
  /** Every object, in output order. */
  readonly objects: readonly KubeObject[];
  /** Every Pod and pod template, in output order. */
  readonly pods: readonly PodSource[];
  /** Every Service, in output order. */
  readonly services: readonly ServiceView[];
  /** Every PodDisruptionBudget (`policy`), in output order. */
  readonly disruptionBudgets: readonly KubeObject[];
  /** Every HorizontalPodAutoscaler (`autoscaling`), in output order. */
  readonly autoscalers: readonly KubeObject[];
}

/** Where the pod template sits, for the kinds that make pods. */
const TEMPLATES: { readonly [kind: string]: string } = {
  Pod: '',
  Deployment: 'spec.template.',
  StatefulSet: 'spec.template.',
  DaemonSet: 'spec.template.',
  ReplicaSet: 'spec.template.',
  ReplicationController: 'spec.template.',
  Job: 'spec.template.',
  CronJob: 'spec.jobTemplate.spec.template.',
};

/** The API groups of the built-in kinds the checks look into (`''` is the core group, `apiVersion: v1`). */
const GROUPS: { readonly [kind: string]: readonly string[] } = {
  Pod: [''],
  Service: [''],
  ReplicationController: [''],
  Namespace: [''],
  ConfigMap: [''],
  ResourceQuota: [''],
  LimitRange: [''],
  Secret: [''],
  Deployment: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  DaemonSet: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  Job: ['batch'],
  CronJob: ['batch'],
  PodDisruptionBudget: ['policy'],
  HorizontalPodAutoscaler: ['autoscaling'],
  NetworkPolicy: ['networking.k8s.io', 'extensions'],
  Ingress: ['networking.k8s.io', 'extensions'],
};

/**
 * `kind` when an object of this `apiVersion` and `kind` is that built-in kind of Kubernetes (an
 * object without an `apiVersion` is taken at its kind), else undefined.
 */
export function builtinKind(apiVersion: unknown, kind: unknown): string | undefined {
  if (typeof kind !== 'string' || !Object.prototype.hasOwnProperty.call(GROUPS, kind)) return undefined;
  if (apiVersion === undefined) return kind;
  if (typeof apiVersion !== 'string') return undefined;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  return GROUPS[kind].includes(group) ? kind : undefined;
}

/** Whether objects of this built-in kind make pods (see {@link KubeObject.builtinKind}). */
export function makesPods(kind: unknown): boolean {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(TEMPLATES, kind);
}

/** Where the pod template of a kind that makes pods sits: `''` for a Pod, `spec.template.` for a Deployment, … */
export function templateOf(kind: string): string {
  return TEMPLATES[kind];
}

/** Reads the objects of an output, in order, into the model. */
export function readManifests(entries: readonly ManifestEntry[]): ManifestModel {
  const objects: KubeObject[] = [];
  const pods: PodSource[] = [];
  const services: ServiceView[] = [];
  const disruptionBudgets: KubeObject[] = [];
  const autoscalers: KubeObject[] = [];
  for (const entry of expandLists(entries)) {
    const object = readObject(entry, objects.length);
    objects.push(object);
    if (object.builtinKind === 'Service') services.push(readService(object));
    else if (makesPods(object.builtinKind)) pods.push(readPodSource(object));
    else if (object.builtinKind === 'PodDisruptionBudget') disruptionBudgets.push(object);
    else if (object.builtinKind === 'HorizontalPodAutoscaler') autoscalers.push(object);
  }
  return { objects, pods, services, disruptionBudgets, autoscalers };
}

/**
 * The objects as `kubectl apply` takes them: an empty document (null) is no object, and the items
 * of a `List` (`v1`, or any `…List` with `items`) are objects of their own, in place of it.
 */
function expandLists(entries: readonly ManifestEntry[]): ManifestEntry[] {
  return entries.flatMap(entry => {
    if (entry.manifest === null || entry.manifest === undefined) return [];
    const m = record(entry.manifest);
    if (typeof m.kind === 'string' && m.kind.endsWith('List') && isArray(m.items)) {
      return expandLists(m.items.map(item => ({ ...entry, manifest: item })));
    }
    return [entry];
  });
}

/** `Kind/name` or `Kind/namespace/name`. */
export function objectRef(kind: string | undefined, name: string, namespace?: string): string {
  const k = kind ?? '(no kind)';
  return namespace ? `${k}/${namespace}/${name}` : `${k}/${name}`;
}

function readObject(entry: ManifestEntry, index: number): KubeObject {
  const raw = record(entry.manifest);
  const meta = record(raw.metadata);
  const kind = str(raw.kind);
  const name = str(meta.name) ?? '';
  const namespace = str(meta.namespace);
  const ref = objectRef(kind, name, namespace);
  return {
    index, raw, kind, name, namespace, ref,
    apiVersion: str(raw.apiVersion),
    builtinKind: builtinKind(raw.apiVersion, raw.kind),
    where: entry.path ?? ref,
    file: entry.file,
    intent: entry.intent ?? {},
  };
}

/** The value at a dotted path (`spec.template.`), read defensively. */
export function at(root: Json, dotted: string): Json {
  let node: Json = root;
  for (const key of dotted.split('.').filter(Boolean)) node = record(node[key]);
  return node;
}

function readPodSource(object: KubeObject): PodSource {
  const template = templateOf(object.builtinKind!);
  const top = at(object.raw, template);
  const spec = record(top.spec);
  const replicas = object.builtinKind === 'Pod' ? undefined : record(object.raw.spec).replicas;
  return {
    object,
    template,
    labels: stringMap(record(top.metadata).labels) ?? {},
    spec,
    containers: containers(spec.containers),
    initContainers: containers(spec.initContainers),
    replicas: typeof replicas === 'number' ? replicas : undefined,
  };
}

function containers(list: unknown): ContainerView[] {
  return array(list).map((c, index) => {
    const r = record(c);
    return {
      index,
      name: str(r.name) ?? '',
      image: str(r.image),
      ports: array(r.ports).flatMap((p): PortView[] => {
        const port = record(p);
        return typeof port.containerPort === 'number'
          ? [{ number: port.containerPort, name: str(port.name), protocol: str(port.protocol) ?? 'TCP' }]
          : [];
      }),
    };
  });
}

function readService(object: KubeObject): ServiceView {
  const spec = record(object.raw.spec);
  return {
    object,
    type: str(spec.type) ?? 'ClusterIP',
    selector: stringMap(spec.selector),
    externalName: str(spec.externalName),
    clusterIP: str(spec.clusterIP),
    ports: array(spec.ports).flatMap((p, index): ServicePortView[] => {
      const r = record(p);
      if (typeof r.port !== 'number') return [];
      const tp = r.targetPort;
      return [{
        index,
        port: r.port,
        targetPort: typeof tp === 'number' || typeof tp === 'string' ? tp : undefined,
        nodePort: typeof r.nodePort === 'number' ? r.nodePort : undefined,
        protocol: str(r.protocol) ?? 'TCP',
        name: str(r.name),
      }];
    }),
  };
}

/** The value if it is a plain object, else `{}`. */
export function record(v: unknown): Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Json : {};
}

/** The value if it is an array, else `[]`. */
export function array(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The value if it is a string, else undefined. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The string-valued entries of a plain object (labels, selectors), else undefined. */
export function stringMap(v: unknown): { [key: string]: string } | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: { [key: string]: string } = {};
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}
