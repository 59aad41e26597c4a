import { k8s } from 'cdk8s-plus-28';
import { ProblemCollector } from './errors';
import { definedOnly } from './util';
import { Probe } from './probe';
import * as rules from './validation/rules';
import { Volume, VolumeMount } from './volume';

/** Network protocol of a port. */
export enum Protocol {
  TCP = 'TCP',
  UDP = 'UDP',
  SCTP = 'SCTP',
}

/** When the kubelet pulls a container's image. */
export enum ImagePullPolicy {
  ALWAYS = 'Always',
  IF_NOT_PRESENT = 'IfNotPresent',
  NEVER = 'Never',
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

/** CPU and memory as Kubernetes quantities (`250m`, `64Mi`). */
export interface ResourceQuantities {
  /**
   * CPU, in cores or millicores (`0.5`, `100m`).
   * @default - none
   */
  readonly cpu?: string;
  /**
   * Memory, in bytes with a suffix (`64Mi`, `1Gi`).
   * @default - none
   */
  readonly memory?: string;
}

/**
 * What a container asks the scheduler for and the most it may use.
 * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
 */
export interface ContainerResources {
  /**
   * Reserved for the container when the Pod is scheduled.
   * @default - none
   */
  readonly requests?: ResourceQuantities;
  /**
   * The most the container may use (over the memory limit it is killed).
   * @default - none
   */
  readonly limits?: ResourceQuantities;
}

/**
 * Requests and limits given to a container that sets none.
 *
 * Small on purpose: cdk8s-plus asks 1 CPU and 512Mi per container, so the tutorial's pods
 * would not fit a default minikube (2 CPUs, 2 GiB). 50m CPU and 64Mi is what nginx and a
 * small Flask app need at rest; the 128Mi memory limit stops a leak from taking the node.
 * No CPU limit: a limit throttles a container even when the node is idle.
 */
export const DEFAULT_RESOURCES: ContainerResources = Object.freeze({
  requests: Object.freeze({ cpu: '50m', memory: '64Mi' }),
  limits: Object.freeze({ memory: '128Mi' }),
});

/**
 * One container of a Pod.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Container
 */
export interface ContainerProps {
  /** The container's name, a DNS-1123 label unique within the Pod. */
  readonly name: string;
  /** The image to run (`nginx`, `sposigor/app-flask-teste:1`). */
  readonly image: string;
  /**
   * The port the container listens on; shorthand for `ports: [{ number: port }]`.
   * @default - no port (or those in `ports`)
   */
  readonly port?: number;
  /**
   * Every port the container listens on. `port`, when given, comes first.
   * @default - none
   */
  readonly ports?: readonly ContainerPort[];
  /**
   * Overrides the image's ENTRYPOINT.
   * @default - the image's entrypoint
   */
  readonly command?: readonly string[];
  /**
   * Overrides the image's CMD.
   * @default - the image's command
   */
  readonly args?: readonly string[];
  /**
   * Environment variables.
   * @default - none
   */
  readonly env?: { readonly [name: string]: string };
  /**
   * CPU and memory requests and limits.
   * @default DEFAULT_RESOURCES - requests 50m CPU and 64Mi, limit 128Mi memory
   */
  readonly resources?: ContainerResources;
  /**
   * Volumes mounted into the container; each is added to the Pod.
   * @default - none
   */
  readonly mounts?: readonly VolumeMount[];
  /**
   * Whether the container is ready for traffic.
   * @default - none
   */
  readonly readiness?: Probe;
  /**
   * Whether the container must be restarted.
   * @default - none
   */
  readonly liveness?: Probe;
  /**
   * Whether the container has started (holds the other probes back until it succeeds).
   * @default - none
   */
  readonly startup?: Probe;
  /**
   * When the kubelet pulls the image.
   * @default - Kubernetes' default (`Always` for `:latest` or untagged images, else `IfNotPresent`)
   * @see https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * The container's security context, as the Kubernetes API spells it.
   * @default - none: the image runs as it was built (the stock nginx and flask images run as root)
   */
  readonly securityContext?: k8s.SecurityContext;
  /**
   * The directory the container's command runs in.
   * @default - the image's working directory
   */
  readonly workingDir?: string;
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
 * The ports of a container, `port` first.
 * @internal
 */
export function containerPorts(c: ContainerProps): ContainerPort[] {
  const ports: ContainerPort[] = c.port !== undefined ? [{ number: c.port }] : [];
  return ports.concat(c.ports ?? []);
}

const isObject = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v);
const isStringArray = (v: unknown): boolean => Array.isArray(v) && v.every(x => typeof x === 'string');

/**
 * Checks the shape of a container's props (the types a JavaScript caller could get wrong),
 * so the rules after it never meet a value of the wrong type.
 * @internal
 */
export function checkContainerShape(problems: ProblemCollector, field: string, c: ContainerProps): void {
  if (!isObject(c)) {
    problems.add(field, c, 'an object with at least `name` and `image`');
    return;
  }
  if (c.ports !== undefined) {
    if (!Array.isArray(c.ports)) problems.add(`${field}.ports`, c.ports, 'an array of { number, name?, protocol? }');
    else {
      c.ports.forEach((p, i) => {
        if (!isObject(p)) problems.add(`${field}.ports[${i}]`, p, 'an object { number, name?, protocol? }');
        else if (p.protocol !== undefined && !(Object.values(Protocol) as unknown[]).includes(p.protocol)) {
          problems.add(`${field}.ports[${i}].protocol`, p.protocol, `one of ${Object.values(Protocol).join(', ')}`);
        }
      });
    }
  }
  for (const list of ['command', 'args'] as const) {
    if (c[list] !== undefined && !isStringArray(c[list])) problems.add(`${field}.${list}`, c[list], 'an array of strings');
  }
  if (c.env !== undefined && (!isObject(c.env) || Object.values(c.env).some(v => typeof v !== 'string'))) {
    problems.add(`${field}.env`, c.env, 'an object of variable names to string values');
  }
  if (c.resources !== undefined) {
    if (!isObject(c.resources)) problems.add(`${field}.resources`, c.resources, 'an object { requests?, limits? }');
    else {
      for (const kind of ['requests', 'limits'] as const) {
        const q = c.resources[kind];
        if (q !== undefined && !isObject(q)) problems.add(`${field}.resources.${kind}`, q, 'an object { cpu?, memory? } of quantity strings');
      }
    }
  }
  if (c.mounts !== undefined && (!Array.isArray(c.mounts) || c.mounts.some(m => !isObject(m) || !(m.volume instanceof Volume)))) {
    problems.add(`${field}.mounts`, c.mounts, 'an array of { volume: Volume, path } (a Volume from Volume.emptyDir() or Volume.configMap())');
  }
  if (Array.isArray(c.mounts)) {
    c.mounts.forEach((m, i) => {
      if (isObject(m) && m.readOnly !== undefined && typeof m.readOnly !== 'boolean') problems.add(`${field}.mounts[${i}].readOnly`, m.readOnly, 'true or false');
    });
  }
  if (c.workingDir !== undefined && typeof c.workingDir !== 'string') problems.add(`${field}.workingDir`, c.workingDir, 'a path inside the container');
  if (c.securityContext !== undefined && !isObject(c.securityContext)) {
    problems.add(`${field}.securityContext`, c.securityContext, 'an object, as the Kubernetes API spells a SecurityContext');
  }
  if (c.imagePullPolicy !== undefined && !(Object.values(ImagePullPolicy) as unknown[]).includes(c.imagePullPolicy)) {
    problems.add(`${field}.imagePullPolicy`, c.imagePullPolicy, `one of ${Object.values(ImagePullPolicy).join(', ')}`);
  }
  for (const probe of ['readiness', 'liveness', 'startup'] as const) {
    if (c[probe] !== undefined && !(c[probe] instanceof Probe)) {
      problems.add(`${field}.${probe}`, c[probe], 'a Probe (Probe.httpGet(), Probe.tcpSocket() or Probe.exec())');
    }
  }
}

/**
 * Checks one container's own fields; cross-container rules are the Pod's.
 * @internal
 */
export function checkContainer(problems: ProblemCollector, field: string, c: ContainerProps, init: boolean): void {
  problems.check(`${field}.name`, c.name, rules.dns1123Label(c.name));
  problems.check(`${field}.image`, c.image, rules.imageReference(c.image));
  if (c.port !== undefined) problems.check(`${field}.port`, c.port, rules.portNumber(c.port));
  const portNames = new Set<string>();
  (c.ports ?? []).forEach((p, i) => {
    problems.check(`${field}.ports[${i}].number`, p.number, rules.portNumber(p.number));
    if (p.name === undefined) return;
    problems.check(`${field}.ports[${i}].name`, p.name, rules.ianaServiceName(p.name));
    if (portNames.has(p.name)) problems.add(`${field}.ports[${i}].name`, p.name, 'a name no other port of the container has');
    portNames.add(p.name);
  });
  for (const name of Object.keys(c.env ?? {})) problems.check(`${field}.env`, name, rules.envVarName(name));
  checkResources(problems, `${field}.resources`, c.resources);
  const paths = new Set<string>();
  (c.mounts ?? []).forEach((m, i) => {
    problems.check(`${field}.mounts[${i}].volume.name`, m.volume.name, rules.dns1123Label(m.volume.name));
    problems.check(`${field}.mounts[${i}].path`, m.path, rules.mountPath(m.path));
    if (m.subPath !== undefined && !(typeof m.subPath === 'string' && !m.subPath.startsWith('/') && !m.subPath.split('/').includes('..'))) {
      problems.add(`${field}.mounts[${i}].subPath`, m.subPath, 'a relative path inside the volume, without ".."');
    }
    if (paths.has(m.path)) problems.add(`${field}.mounts[${i}].path`, m.path, 'a path no other mount of the container has', 'mount each volume at its own path');
    paths.add(m.path);
  });
  const ports = containerPorts(c);
  if (init) {
    if (ports.length > 0) {
      problems.add(`${field}.ports`, ports.map(p => p.number), 'no ports on an init container: it runs to completion before the app starts',
        'move the port to an app container');
    }
    for (const probe of ['readiness', 'liveness', 'startup'] as const) {
      if (c[probe] !== undefined) {
        problems.add(`${field}.${probe}`, c[probe]!.kind, 'no probes on an init container: it runs to completion before the app starts');
      }
    }
    return;
  }
  for (const probe of ['readiness', 'liveness', 'startup'] as const) {
    const p = c[probe];
    if (p === undefined) continue;
    for (const [timing, value] of p._badTiming()) problems.add(`${field}.${probe}.${timing}`, value, 'an integer of 0 or more (seconds, or a count)');
    if (p.port !== undefined) problems.check(`${field}.${probe}.port`, p.port, rules.portNumber(p.port));
    else if (p.kind !== 'exec' && ports.length === 0) {
      problems.add(`${field}.${probe}`, p.kind, 'a port: the probe names none and the container has none', 'give the probe or the container a port');
    }
  }
}

/** Each quantity valid, and no request above its limit (the API server refuses that). */
function checkResources(problems: ProblemCollector, field: string, resources: ContainerResources | undefined): void {
  for (const kind of ['requests', 'limits'] as const) {
    for (const resource of ['cpu', 'memory'] as const) {
      const value = resources?.[kind]?.[resource];
      if (value !== undefined) problems.check(`${field}.${kind}.${resource}`, value, rules.quantity(value));
    }
  }
  for (const resource of ['cpu', 'memory'] as const) {
    const request = rules.parseQuantity(resources?.requests?.[resource]);
    const limit = rules.parseQuantity(resources?.limits?.[resource]);
    if (request !== undefined && limit !== undefined && request > limit) {
      problems.add(`${field}.requests.${resource}`, resources!.requests![resource],
        `at most the ${resource} limit (${resources!.limits![resource]})`, `lower the request or raise the limit`);
    }
  }
}

function quantities(q: ResourceQuantities | undefined): { [key: string]: k8s.Quantity } | undefined {
  if (!q) return undefined;
  const out: { [key: string]: k8s.Quantity } = {};
  if (q.cpu !== undefined) out.cpu = k8s.Quantity.fromString(q.cpu);
  if (q.memory !== undefined) out.memory = k8s.Quantity.fromString(q.memory);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The container as the Kubernetes API spells it, with only the fields that are set. */
export function renderContainer(c: ContainerProps): k8s.Container {
  const ports = containerPorts(c);
  const primary = ports[0]?.number;
  const env = c.env ? Object.entries(c.env).map(([name, value]) => ({ name, value })) : undefined;
  const resources = c.resources ?? DEFAULT_RESOURCES;
  // Only set fields: every key, even an undefined one, costs cdk8s a resolve and a sanitize
  // step per object at synth.
  return definedOnly({
    name: c.name,
    image: c.image,
    imagePullPolicy: c.imagePullPolicy,
    command: c.command ? [...c.command] : undefined,
    args: c.args ? [...c.args] : undefined,
    workingDir: c.workingDir,
    env: env && env.length > 0 ? env : undefined,
    ports: ports.length > 0
      ? ports.map(p => definedOnly({ containerPort: p.number, name: p.name, protocol: p.protocol }))
      : undefined,
    resources: definedOnly({ requests: quantities(resources.requests), limits: quantities(resources.limits) }),
    volumeMounts: c.mounts && c.mounts.length > 0
      ? c.mounts.map(m => definedOnly({ name: m.volume.name, mountPath: m.path, readOnly: m.readOnly, subPath: m.subPath }))
      : undefined,
    readinessProbe: c.readiness?._toKube(primary),
    livenessProbe: c.liveness?._toKube(primary),
    startupProbe: c.startup?._toKube(primary),
    securityContext: c.securityContext,
  });
}
