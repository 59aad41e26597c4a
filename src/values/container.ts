import * as k8s from '../imports/k8s';
import type { ProblemCollector } from '../core/problems';
import { definedOnly, isPlainObject } from '../core/util';
import { AppArmorProfile } from './app-armor-profile';
import type { ResolvedConfig } from './config-refs';
import { EnvFrom, EnvValue } from './env';
import { Hook } from './lifecycle';
import { Probe } from './probe';
import type { VolumeMount } from './volume';
import { MountPropagation, Volume } from './volume';
import type { ContainerPort } from './port';
import { Protocol } from './port';

export { Protocol } from './port';
export type { ContainerPort, ExposedPort } from './port';

/** When the kubelet pulls a container's image. */
export enum ImagePullPolicy {
  ALWAYS = 'Always',
  IF_NOT_PRESENT = 'IfNotPresent',
  NEVER = 'Never',
}

/**
 * A container's own restart policy: only on an init container, which makes it a native
 * sidecar.
 */
export enum ContainerRestartPolicy {
  /** Restarted whenever it exits, and running beside the app containers: a native sidecar. */
  ALWAYS = 'Always',
}

/** A resource whose size a container's `resizePolicy` governs (in-place resize). */
export enum ResizeResource {
  /** The container's CPU requests and limits. */
  CPU = 'cpu',
  /** The container's memory requests and limits. */
  MEMORY = 'memory',
}

/** What the kubelet does to a running container when a resource of it is resized in place. */
export enum ResizeRestartPolicy {
  /** Resize the running container without restarting it (Kubernetes' default for each resource). */
  NOT_REQUIRED = 'NotRequired',
  /** Restart the container to apply the new size (an app that reads its memory size only at start, e.g. a JVM's heap). */
  RESTART_CONTAINER = 'RestartContainer',
}

/**
 * How one resource of a container is resized in place (`resizePolicy` of a container).
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/resize-container-resources/#container-resize-policies
 */
export interface ContainerResizePolicy {
  /** The resource: `ResizeResource.CPU` or `ResizeResource.MEMORY`; each at most once per container. */
  readonly resourceName: ResizeResource;
  /**
   * Whether a resize restarts the container. Only `NOT_REQUIRED` in a pod whose
   * `restartPolicy` is `Never`.
   */
  readonly restartPolicy: ResizeRestartPolicy;
}

/** CPU, memory and local ephemeral storage as Kubernetes quantities (`250m`, `64Mi`, `1Gi`). */
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
  /**
   * Local ephemeral storage (`ephemeral-storage`), in bytes with a suffix (`64Mi`, `1Gi`): the
   * container's writable layer, its logs, and the pod's disk-backed `emptyDir`s count against
   * it. Over the pod's total limit the kubelet evicts the pod; the request is what the
   * scheduler reserves on the node's disk.
   * @default - none (under `SecurityProfile.RESTRICTED`: `RESTRICTED_EPHEMERAL_STORAGE`)
   * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage
   */
  readonly ephemeralStorage?: string;
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
   * Environment variables, in order: a string is a literal value; an {@link EnvValue} reads a
   * ConfigMap or Secret key, a field of the pod or a resource of a container.
   * @default - none
   * @see https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/
   */
  readonly env?: { readonly [name: string]: string | EnvValue };
  /**
   * Every key of these ConfigMaps and Secrets as environment variables (`env` wins on a clash;
   * a later source wins over an earlier one).
   * @default - none
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/#configure-all-key-value-pairs-in-a-configmap-as-container-environment-variables
   */
  readonly envFrom?: readonly EnvFrom[];
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
  /**
   * Runs right after the container is created (beside its entrypoint, not before it); the
   * container is not `Running` until it completes, and a failing hook kills it.
   * @default - none
   * @see https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/
   */
  readonly postStart?: Hook;
  /**
   * Runs before the kubelet stops the container (inside the pod's termination grace period):
   * e.g. `Hook.exec(['sleep', '5'])` to keep serving while the pod leaves its Services'
   * endpoints.
   * @default - none
   * @see https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/
   */
  readonly preStop?: Hook;
  /**
   * `ContainerRestartPolicy.ALWAYS` on an init container makes it a native sidecar
   * (Kubernetes 1.28 "sidecar containers"): it starts before the app containers, in its init
   * order, does not hold them back once started (or once its startup probe passes), runs
   * beside them, is restarted when it exits, may have probes and hooks, and is stopped after
   * them. Only for init containers.
   *
   * Which clusters run it: 1.29 and later (the `SidecarContainers` feature gate is on by
   * default from 1.29, beta). On 1.28 only with that gate on (alpha) on the API server and
   * every kubelet. On a 1.28 API server without it the field is silently dropped: the
   * container becomes a plain init container, a pod whose sidecar also has probes is refused,
   * and a pod whose sidecar never exits (a log follower) never starts its app containers.
   * @default - none: an init container runs to completion; an app container follows the pod's `restartPolicy`
   * @see https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/
   */
  readonly restartPolicy?: ContainerRestartPolicy;
  /**
   * The container's AppArmor profile (`securityContext.appArmorProfile`), over the pod's
   * (`podSecurity.appArmorProfile`). A field from Kubernetes 1.30. Not beside a
   * `securityContext` that sets `appArmorProfile` itself.
   * @default - the pod's profile, if any (none written)
   * @see https://kubernetes.io/docs/tutorials/security/apparmor/
   */
  readonly appArmorProfile?: AppArmorProfile;
  /**
   * How the kubelet applies a change of the container's CPU or memory in place (`kubectl
   * patch --subresource resize`), per resource: without a restart, or by restarting the
   * container. In-place resize is on by default from Kubernetes 1.33 (the target's API server
   * drops the field before; rule `field-version`).
   * @default - Kubernetes' default (every resource `NotRequired`; not written)
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/resize-container-resources/
   */
  readonly resizePolicy?: readonly ContainerResizePolicy[];
}


/**
 * The ports of a container, `port` first.
 * @internal
 */
export function containerPorts(c: ContainerProps): ContainerPort[] {
  const ports: ContainerPort[] = c.port !== undefined ? [{ number: c.port }] : [];
  return ports.concat(c.ports ?? []);
}

const PROBES = ['readiness', 'liveness', 'startup'] as const;
const COMMAND_LISTS = ['command', 'args'] as const;
const HOOKS = ['postStart', 'preStop'] as const;
const isStringArray = (v: unknown): boolean => Array.isArray(v) && v.every(x => typeof x === 'string');
const oneOf = (values: readonly string[]) => `one of ${values.join(', ')}`;

/** A number cdk8s can write (JSON has no NaN or Infinity). */
const isFiniteNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);

/**
 * Checks that one container's props can be rendered: the JavaScript types a caller could get
 * wrong, and the required props. Their values (names, images, ports, quantities, paths, probes,
 * hooks, restart policies) are written as given and judged at synth by the engine's rules, over
 * the written manifest. A field of the wrong type is reported once and not looked into further.
 * @returns whether the container is well-formed enough to be rendered and admitted to the pod
 * @internal
 */
export function checkContainer(problems: ProblemCollector, field: string, c: ContainerProps): boolean {
  if (!isPlainObject(c)) {
    problems.add('props', field, c, 'an object with at least `name` and `image`');
    return false;
  }
  const before = problems.problems.length;
  if (typeof c.name !== 'string') problems.add('props', `${field}.name`, c.name, 'a string: the container\'s name, a DNS-1123 label');
  if (typeof c.image !== 'string') problems.add('props', `${field}.image`, c.image, 'a string: the image to run, e.g. "nginx:1.25"');
  if (c.port !== undefined && !isFiniteNumber(c.port)) problems.add('props', `${field}.port`, c.port, 'a port number (1–65535)');
  if (c.ports !== undefined && !Array.isArray(c.ports)) {
    problems.add('props', `${field}.ports`, c.ports, 'an array of { number, name?, protocol? }');
  }
  if (Array.isArray(c.ports)) checkPorts(problems, field, c.ports);
  for (const list of COMMAND_LISTS) {
    if (c[list] !== undefined && !isStringArray(c[list])) problems.add('props', `${field}.${list}`, c[list], 'an array of strings');
  }
  // (each checks nothing when the prop is left out: its field's name is built only when it is given)
  if (c.env !== undefined) checkEnv(problems, `${field}.env`, c.env);
  if (c.envFrom !== undefined) checkEnvFrom(problems, `${field}.envFrom`, c.envFrom);
  if (c.resources !== undefined) checkResources(problems, `${field}.resources`, c.resources);
  if (c.mounts !== undefined) checkMounts(problems, `${field}.mounts`, c.mounts);
  if (c.workingDir !== undefined && typeof c.workingDir !== 'string') problems.add('props', `${field}.workingDir`, c.workingDir, 'a path inside the container');
  if (c.securityContext !== undefined && !isPlainObject(c.securityContext)) {
    problems.add('props', `${field}.securityContext`, c.securityContext, 'an object, as the Kubernetes API spells a SecurityContext');
  }
  if (c.imagePullPolicy !== undefined && !(Object.values(ImagePullPolicy) as unknown[]).includes(c.imagePullPolicy)) {
    problems.add('props', `${field}.imagePullPolicy`, c.imagePullPolicy, oneOf(Object.values(ImagePullPolicy)));
  }
  if (c.restartPolicy !== undefined && typeof c.restartPolicy !== 'string') {
    problems.add('props', `${field}.restartPolicy`, c.restartPolicy, 'ContainerRestartPolicy.ALWAYS, on an init container');
  }
  if (c.appArmorProfile !== undefined) {
    if (!AppArmorProfile.isAppArmorProfile(c.appArmorProfile)) {
      problems.add('props', `${field}.appArmorProfile`, c.appArmorProfile, 'an AppArmorProfile: AppArmorProfile.RUNTIME_DEFAULT, AppArmorProfile.UNCONFINED or AppArmorProfile.localhost(name)');
    } else if (isPlainObject(c.securityContext) && c.securityContext.appArmorProfile !== undefined) {
      // (two profiles for one field: there is nothing to write)
      problems.add('props', `${field}.appArmorProfile`, c.appArmorProfile._toKube(), 'either appArmorProfile or securityContext.appArmorProfile, not both',
        'drop securityContext.appArmorProfile and keep appArmorProfile');
    }
  }
  // (the resources and policies are written as given and judged at synth: rule resize-policy)
  if (c.resizePolicy !== undefined && !(Array.isArray(c.resizePolicy) && c.resizePolicy.every(r => isPlainObject(r) && typeof r.resourceName === 'string' && typeof r.restartPolicy === 'string'))) {
    problems.add('props', `${field}.resizePolicy`, c.resizePolicy, 'an array of { resourceName: ResizeResource, restartPolicy: ResizeRestartPolicy }');
  }
  for (const probe of PROBES) {
    const p = c[probe];
    if (p !== undefined && !Probe.isProbe(p)) {
      problems.add('props', `${field}.${probe}`, p, 'a Probe (Probe.httpGet(), Probe.tcpSocket(), Probe.exec() or Probe.grpc())');
    }
  }
  for (const hook of HOOKS) {
    const h = c[hook];
    if (h !== undefined && !Hook.isHook(h)) problems.add('props', `${field}.${hook}`, h, 'a Hook (Hook.exec(), Hook.httpGet() or Hook.sleep())');
  }
  return problems.problems.length === before;
}

function checkPorts(problems: ProblemCollector, field: string, ports: readonly unknown[]): void {
  ports.forEach((p, i) => {
    const at = `${field}.ports[${i}]`;
    if (!isPlainObject(p)) {
      problems.add('props', at, p, 'an object { number, name?, protocol? }');
      return;
    }
    if (!isFiniteNumber(p.number)) problems.add('props', `${at}.number`, p.number, 'a port number (1–65535)');
    if (p.name !== undefined && typeof p.name !== 'string') problems.add('props', `${at}.name`, p.name, 'a string: an IANA service name');
    if (p.protocol !== undefined && typeof p.protocol !== 'string') problems.add('props', `${at}.protocol`, p.protocol, oneOf(Object.values(Protocol)));
  });
}

function checkEnv(problems: ProblemCollector, field: string, env: unknown): void {
  if (env === undefined) return;
  if (!isPlainObject(env)) {
    problems.add('props', field, env, 'an object of variable names to values (strings or EnvValues)');
    return;
  }
  // (the names are written as given: rule env judges them)
  for (const [name, value] of Object.entries(env)) {
    if (typeof value !== 'string' && !EnvValue.isEnvValue(value)) {
      problems.add('props', `${field}.${name}`, value, 'a string or an EnvValue: environment variable values are strings',
        typeof value === 'number' || typeof value === 'boolean' ? `quote it: ${JSON.stringify(String(value))}` : undefined);
    }
  }
}

function checkEnvFrom(problems: ProblemCollector, field: string, envFrom: unknown): void {
  if (envFrom === undefined) return;
  if (!Array.isArray(envFrom)) {
    problems.add('props', field, envFrom, 'an array of EnvFrom (EnvFrom.configMap() or EnvFrom.secret())');
    return;
  }
  envFrom.forEach((e, i) => {
    if (!EnvFrom.isEnvFrom(e)) problems.add('props', `${field}[${i}]`, e, 'an EnvFrom (EnvFrom.configMap() or EnvFrom.secret())');
  });
}

/** The resources a container's props may request and limit. */
const RESOURCE_NAMES = ['cpu', 'memory', 'ephemeralStorage'] as const;

/**
 * Requests and limits that can be written: objects of quantity strings. The quantities
 * themselves, and a request above its limit, are judged at synth (rules quantities, resources).
 */
export function checkResources(problems: ProblemCollector, field: string, resources: unknown): void {
  if (resources === undefined) return;
  if (!isPlainObject(resources)) {
    problems.add('props', field, resources, 'an object { requests?, limits? }');
    return;
  }
  for (const kind of ['requests', 'limits'] as const) {
    const q = resources[kind];
    if (q === undefined) continue;
    if (!isPlainObject(q)) {
      problems.add('props', `${field}.${kind}`, q, 'an object { cpu?, memory?, ephemeralStorage? } of quantity strings',
        `write ${kind} as an object, e.g. { cpu: "100m", memory: "64Mi" }`);
      continue;
    }
    for (const key of Object.keys(q)) {
      if (!(RESOURCE_NAMES as readonly string[]).includes(key)) {
        problems.add('props', `${field}.${kind}.${key}`, q[key], `one of the resources ${RESOURCE_NAMES.join(', ')}`,
          key === 'ephemeral-storage' ? 'write it in camel case: ephemeralStorage' : `remove ${key}, or name one of ${RESOURCE_NAMES.join(', ')}`);
      }
    }
    for (const resource of RESOURCE_NAMES) {
      const value = q[resource];
      if (value !== undefined && typeof value !== 'string') problems.add('props', `${field}.${kind}.${resource}`, value, 'a quantity string, e.g. "100m" or "64Mi"',
        typeof value === 'number' ? `quote it with its unit: ${resource === 'cpu' ? `"${value}" (cores) or "${value}m"` : `"${value}Mi"`}` : 'write the quantity as a string with its unit, e.g. "64Mi"');
    }
  }
}

/** Mounts that can be written; their paths and options are judged at synth (rule volumes). */
function checkMounts(problems: ProblemCollector, field: string, mounts: unknown): void {
  if (mounts === undefined) return;
  if (!Array.isArray(mounts)) {
    problems.add('props', field, mounts, 'an array of { volume: Volume, path }');
    return;
  }
  mounts.forEach((m: VolumeMount, i) => {
    const at = `${field}[${i}]`;
    if (!isPlainObject(m) || !Volume.isVolume(m.volume)) {
      problems.add('props', at, m, 'an object { volume, path }, the volume a Volume (Volume.emptyDir(), .configMap(), .secret(), …)');
      return;
    }
    if (typeof m.path !== 'string') problems.add('props', `${at}.path`, m.path, 'an absolute path inside the container, e.g. "/data"');
    if (m.readOnly !== undefined && typeof m.readOnly !== 'boolean') problems.add('props', `${at}.readOnly`, m.readOnly, 'true or false');
    for (const key of ['subPath', 'subPathExpr'] as const) {
      if (m[key] !== undefined && typeof m[key] !== 'string') problems.add('props', `${at}.${key}`, m[key], 'a relative path inside the volume');
    }
    if (m.propagation !== undefined && typeof m.propagation !== 'string') {
      problems.add('props', `${at}.propagation`, m.propagation, `one of ${Object.values(MountPropagation).join(', ')}`);
    }
  });
}

function quantities(q: ResourceQuantities | undefined): { [key: string]: k8s.Quantity } | undefined {
  if (!q) return undefined;
  const out: { [key: string]: k8s.Quantity } = {};
  if (q.cpu !== undefined) out.cpu = k8s.Quantity.fromString(q.cpu);
  if (q.memory !== undefined) out.memory = k8s.Quantity.fromString(q.memory);
  if (q.ephemeralStorage !== undefined) out['ephemeral-storage'] = k8s.Quantity.fromString(q.ephemeralStorage);
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The container as the Kubernetes API spells it, with only the fields that are set.
 * @internal
 */
export function renderContainer(c: ContainerProps): k8s.Container {
  const ports = containerPorts(c);
  const primary = ports[0]?.number;
  const env = c.env ? Object.entries(c.env).map(([name, value]) => typeof value === 'string' ? { name, value } : value._toKube(name)) : undefined;
  const resources = c.resources ?? DEFAULT_RESOURCES;
  return definedOnly({
    name: c.name,
    image: c.image,
    imagePullPolicy: c.imagePullPolicy,
    command: c.command ? [...c.command] : undefined,
    args: c.args ? [...c.args] : undefined,
    workingDir: c.workingDir,
    env: env && env.length > 0 ? env : undefined,
    envFrom: c.envFrom && c.envFrom.length > 0 ? c.envFrom.map(e => e._toKube()) : undefined,
    ports: ports.length > 0
      ? ports.map(p => definedOnly({ containerPort: p.number, name: p.name, protocol: p.protocol }))
      : undefined,
    resources: definedOnly({ requests: quantities(resources.requests), limits: quantities(resources.limits) }),
    volumeMounts: c.mounts && c.mounts.length > 0
      ? c.mounts.map(m => definedOnly({
        // (a Volume of another copy of the package may predate _mountsReadOnly)
        name: m.volume.name, mountPath: m.path, readOnly: m.readOnly ?? (typeof m.volume._mountsReadOnly === 'function' && m.volume._mountsReadOnly() ? true : undefined), subPath: m.subPath, subPathExpr: m.subPathExpr, mountPropagation: m.propagation,
      }))
      : undefined,
    readinessProbe: c.readiness?._toKube(primary),
    livenessProbe: c.liveness?._toKube(primary),
    startupProbe: c.startup?._toKube(primary),
    lifecycle: c.postStart || c.preStop ? definedOnly({ postStart: c.postStart?._toKube(primary), preStop: c.preStop?._toKube(primary) }) : undefined,
    securityContext: c.appArmorProfile === undefined ? c.securityContext : { ...c.securityContext, appArmorProfile: c.appArmorProfile._toKube() },
    restartPolicy: c.restartPolicy,
    resizePolicy: c.resizePolicy ? c.resizePolicy.map(r => ({ resourceName: r.resourceName, restartPolicy: r.restartPolicy })) : undefined,
  });
}

/**
 * The ConfigMaps and Secrets a container reads, through env, envFrom and its mounts.
 * @internal
 */
export function containerReads(c: ContainerProps): ResolvedConfig[] {
  return [
    ...Object.values(c.env ?? {}).flatMap(v => typeof v === 'string' ? [] : v._reads()),
    ...(c.envFrom ?? []).flatMap(e => e._reads()),
    // (a Volume of another copy of the package may predate _reads)
    ...(c.mounts ?? []).flatMap(m => typeof m.volume._reads === 'function' ? m.volume._reads() : []),
  ];
}
