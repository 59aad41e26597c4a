import * as k8s from '../imports/k8s';
import { ProblemCollector } from '../core/problems';
import { brand, definedOnly, hasBrand, isPlainObject } from '../core/util';
import type { ConfigKind, ConfigMapSource, ResolvedConfig, SecretSource } from './config-refs';
import { configAllowed, resolveConfig } from './config-refs';

/**
 * A field of the pod an environment variable can read (the downward API). Labels and
 * annotations: {@link EnvValue.fromPodLabel}, {@link EnvValue.fromPodAnnotation}.
 *
 * `status.hostIPs` is left out: Kubernetes 1.28 refuses it unless the `PodHostIPs` feature gate
 * (alpha, off) is on.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/downward-api/#downwardapi-fieldRef
 */
export enum EnvFieldPath {
  /** The pod's name (a controller's pods have generated names). */
  POD_NAME = 'metadata.name',
  /** The pod's namespace. */
  POD_NAMESPACE = 'metadata.namespace',
  /** The pod's UID. */
  POD_UID = 'metadata.uid',
  /** The name of the node the pod runs on. */
  NODE_NAME = 'spec.nodeName',
  /** The pod's service account. */
  SERVICE_ACCOUNT_NAME = 'spec.serviceAccountName',
  /** The primary IP address of the node. */
  HOST_IP = 'status.hostIP',
  /** The pod's primary IP address. */
  POD_IP = 'status.podIP',
  /** The pod's IP addresses (IPv4 and IPv6 on a dual-stack cluster), comma-separated. */
  POD_IPS = 'status.podIPs',
}

/**
 * A resource of a container, as an environment variable or a downward API file reads it.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/downward-api/#downwardapi-resourceFieldRef
 */
export enum ResourceFieldPath {
  /** The CPU limit, in cores rounded up (with divisor `1m`, in millicores). */
  CPU_LIMIT = 'limits.cpu',
  /** The CPU request. */
  CPU_REQUEST = 'requests.cpu',
  /** The memory limit, in bytes (or in units of the divisor). */
  MEMORY_LIMIT = 'limits.memory',
  /** The memory request. */
  MEMORY_REQUEST = 'requests.memory',
  /** The ephemeral storage limit. */
  EPHEMERAL_STORAGE_LIMIT = 'limits.ephemeral-storage',
  /** The ephemeral storage request. */
  EPHEMERAL_STORAGE_REQUEST = 'requests.ephemeral-storage',
}

/** Options of {@link EnvValue.fromConfigMap} and {@link EnvValue.fromSecret}. */
export interface KeyRefOptions {
  /**
   * Whether the container may start without the key (or the whole object): the variable is
   * then unset. When false, the kubelet keeps the container in `CreateContainerConfigError`
   * until both exist.
   * @default false - Kubernetes' default (not written): the container waits for the key
   */
  readonly optional?: boolean;
}

/** Options of {@link EnvValue.fromResource}. */
export interface ResourceRefOptions {
  /**
   * The container whose resources are read.
   * @default - the container the variable is in (not written)
   */
  readonly container?: string;
  /**
   * The unit the value is given in: `1m` or `1` for CPU; `1`, `1k`, `1Ki`, `1M`, `1Mi`, … for
   * memory and ephemeral storage. The value is rounded up.
   * @default '1' - Kubernetes' default (not written): cores for CPU, bytes for memory
   */
  readonly divisor?: string;
}

/**
 * The value of an environment variable: a literal, a key of a ConfigMap or Secret, a field of
 * the pod, or a resource of a container. A plain string in `env` is a literal, as before.
 * @see https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/
 */
export class EnvValue {
  /** Whether `x` is an EnvValue of any copy of this package. */
  public static isEnvValue(x: unknown): x is EnvValue {
    return hasBrand(x, 'EnvValue');
  }

  /**
   * A literal value (the same as a plain string in `env`). `$(VAR)` expands to another variable
   * of the container, as the kubelet does.
   */
  public static fromValue(value: string): EnvValue {
    const problems = new ProblemCollector('EnvValue.fromValue()');
    if (typeof value !== 'string') {
      problems.add('props', 'value', value, 'a string: environment variable values are strings',
        typeof value === 'number' || typeof value === 'boolean' ? `quote it: ${JSON.stringify(String(value))}` : undefined);
    }
    problems.throwIfAny();
    return new EnvValue({ value });
  }

  /**
   * The value of one key of a ConfigMap.
   * @param configMap `ConfigMapRef.named(name)` for one that exists, or a cdk8s-plus ConfigMap
   * @param key the key (letters, digits, `-`, `_`, `.`)
   * @see https://kubernetes.io/docs/concepts/configuration/configmap/#configmaps-and-pods
   */
  public static fromConfigMap(configMap: ConfigMapSource, key: string, options: KeyRefOptions = {}): EnvValue {
    return EnvValue.fromKey('EnvValue.fromConfigMap()', 'ConfigMap', configMap, key, options);
  }

  /**
   * The value of one key of a Secret. Reference a Secret that exists (`SecretRef.named`) to
   * keep its data out of the repository and the manifests.
   * @param secret `SecretRef.named(name)` for one that exists, or a cdk8s-plus Secret
   * @param key the key (letters, digits, `-`, `_`, `.`)
   * @see https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables
   */
  public static fromSecret(secret: SecretSource, key: string, options: KeyRefOptions = {}): EnvValue {
    return EnvValue.fromKey('EnvValue.fromSecret()', 'Secret', secret, key, options);
  }

  /**
   * A field of the pod (its name, namespace, IP, node, …).
   * @see https://kubernetes.io/docs/concepts/workloads/pods/downward-api/
   */
  public static fromField(path: EnvFieldPath): EnvValue {
    const problems = new ProblemCollector('EnvValue.fromField()');
    // (written as given, e.g. from JavaScript; judged at synth: rule env-sources)
    if (typeof path !== 'string') problems.add('props', 'path', path, 'an EnvFieldPath');
    problems.throwIfAny();
    return new EnvValue({ valueFrom: { fieldRef: { fieldPath: path } } });
  }

  /**
   * The value of one label of the pod (`metadata.labels['<key>']`); empty when it has none.
   * @see https://kubernetes.io/docs/concepts/workloads/pods/downward-api/
   */
  public static fromPodLabel(key: string): EnvValue {
    return EnvValue.fromSubscript('EnvValue.fromPodLabel()', 'metadata.labels', key);
  }

  /**
   * The value of one annotation of the pod (`metadata.annotations['<key>']`); empty when it has none.
   * @see https://kubernetes.io/docs/concepts/workloads/pods/downward-api/
   */
  public static fromPodAnnotation(key: string): EnvValue {
    return EnvValue.fromSubscript('EnvValue.fromPodAnnotation()', 'metadata.annotations', key);
  }

  /**
   * A resource request or limit of a container, as an integer rounded up in units of the divisor.
   * Without a limit set, a limit reads as the node's allocatable capacity.
   * @see https://kubernetes.io/docs/concepts/workloads/pods/downward-api/#downwardapi-resourceFieldRef
   */
  public static fromResource(resource: ResourceFieldPath, options: ResourceRefOptions = {}): EnvValue {
    const problems = new ProblemCollector('EnvValue.fromResource()');
    const ref = resourceFieldRef(problems, resource, options);
    problems.throwIfAny();
    return new EnvValue({ valueFrom: { resourceFieldRef: ref } });
  }

  private static fromKey(path: string, kind: ConfigKind, source: unknown, key: string, options: KeyRefOptions): EnvValue {
    const problems = new ProblemCollector(path);
    const ref = checkConfigRef(problems, kind === 'ConfigMap' ? 'configMap' : 'secret', source, kind);
    if (typeof key !== 'string') problems.add('props', 'key', key, 'a string: a key of the ConfigMap or Secret');
    const optional = checkOptional(problems, options);
    problems.throwIfAny();
    const selector = definedOnly({ name: ref!.name, key, optional });
    return new EnvValue(kind === 'ConfigMap' ? { valueFrom: { configMapKeyRef: selector } } : { valueFrom: { secretKeyRef: selector } }, [ref!]);
  }

  private static fromSubscript(path: string, field: 'metadata.labels' | 'metadata.annotations', key: string): EnvValue {
    const problems = new ProblemCollector(path);
    const fieldPath = `${field}['${String(key)}']`;
    if (typeof key !== 'string') problems.add('props', 'key', key, 'a label or annotation key');
    problems.throwIfAny();
    return new EnvValue({ valueFrom: { fieldRef: { fieldPath } } });
  }

  private constructor(private readonly spec: Omit<k8s.EnvVar, 'name'>, private readonly reads: readonly ResolvedConfig[] = []) {
    brand(this, 'EnvValue');
  }

  /**
   * The variable as the Kubernetes API spells it.
   * @internal
   */
  public _toKube(name: string): k8s.EnvVar {
    return { name, ...this.spec };
  }

  /**
   * The ConfigMaps and Secrets it reads.
   * @internal
   */
  public _reads(): readonly ResolvedConfig[] {
    return this.reads;
  }
}

/** Options of {@link EnvFrom.configMap} and {@link EnvFrom.secret}. */
export interface EnvFromOptions {
  /**
   * A prefix for every variable's name (the keys become `<prefix><key>`); a valid variable name itself.
   * @default - none: the keys are the names
   */
  readonly prefix?: string;
  /**
   * Whether the container may start without the object. When false, the kubelet keeps the
   * container in `CreateContainerConfigError` until it exists.
   * @default false - Kubernetes' default (not written): the container waits for the object
   */
  readonly optional?: boolean;
}

/**
 * Every key of a ConfigMap or Secret as an environment variable (`envFrom`). Keys that are no
 * valid variable names are skipped by the kubelet (it records an event); variables in `env`
 * win over these.
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/#configure-all-key-value-pairs-in-a-configmap-as-container-environment-variables
 */
export class EnvFrom {
  /** Whether `x` is an EnvFrom of any copy of this package. */
  public static isEnvFrom(x: unknown): x is EnvFrom {
    return hasBrand(x, 'EnvFrom');
  }

  /**
   * Every key of a ConfigMap.
   * @param configMap `ConfigMapRef.named(name)` for one that exists, or a cdk8s-plus ConfigMap
   */
  public static configMap(configMap: ConfigMapSource, options: EnvFromOptions = {}): EnvFrom {
    return EnvFrom.of('EnvFrom.configMap()', 'ConfigMap', configMap, options);
  }

  /**
   * Every key of a Secret.
   * @param secret `SecretRef.named(name)` for one that exists, or a cdk8s-plus Secret
   */
  public static secret(secret: SecretSource, options: EnvFromOptions = {}): EnvFrom {
    return EnvFrom.of('EnvFrom.secret()', 'Secret', secret, options);
  }

  private static of(path: string, kind: ConfigKind, source: unknown, options: EnvFromOptions): EnvFrom {
    const problems = new ProblemCollector(path);
    const ref = checkConfigRef(problems, kind === 'ConfigMap' ? 'configMap' : 'secret', source, kind);
    const optional = checkOptional(problems, options);
    const prefix = isPlainObject(options) && typeof options.prefix === 'string' ? options.prefix : undefined;
    if (isPlainObject(options) && options.prefix !== undefined && typeof options.prefix !== 'string') problems.add('props', 'options.prefix', options.prefix, 'a string');
    problems.throwIfAny();
    const named = definedOnly({ name: ref!.name, optional });
    return new EnvFrom(definedOnly(kind === 'ConfigMap' ? { prefix, configMapRef: named } : { prefix, secretRef: named }), ref!);
  }

  private constructor(private readonly spec: k8s.EnvFromSource, private readonly ref: ResolvedConfig) {
    brand(this, 'EnvFrom');
  }

  /**
   * The source as the Kubernetes API spells it.
   * @internal
   */
  public _toKube(): k8s.EnvFromSource {
    return this.spec;
  }

  /**
   * The ConfigMap or Secret it reads.
   * @internal
   */
  public _reads(): readonly ResolvedConfig[] {
    return [this.ref];
  }
}

/**
 * A ConfigMap or Secret reference, resolved; undefined (and a problem) when it is none. Its name
 * is written as given and judged at synth (rules env-sources, volume-refs).
 * @internal
 */
export function checkConfigRef(problems: ProblemCollector, field: string, source: unknown, kind: ConfigKind): ResolvedConfig | undefined {
  const ref = resolveConfig(source, kind);
  if (ref === undefined) {
    problems.add('props', field, source, configAllowed(kind),
      typeof source === 'string' ? `write ${kind === 'ConfigMap' ? 'ConfigMapRef' : 'SecretRef'}.named(${JSON.stringify(source)})` : undefined);
    return undefined;
  }
  if (typeof ref.name !== 'string') problems.add('props', `${field}.name`, ref.name, 'a string: the name of the ConfigMap or Secret');
  return ref;
}

/** `options.optional`, checked: a boolean or nothing. */
function checkOptional(problems: ProblemCollector, options: unknown): boolean | undefined {
  if (!isPlainObject(options)) {
    problems.add('props', 'options', options, 'an object of options');
    return undefined;
  }
  const optional = options.optional;
  if (optional !== undefined && typeof optional !== 'boolean') problems.add('props', 'options.optional', optional, 'true or false');
  return typeof optional === 'boolean' ? optional : undefined;
}

/**
 * A `resourceFieldRef`, as it can be written; its resource, container and divisor are judged at
 * synth (rules env-sources, volume-sources: e.g. a downward API file must name its container).
 * @internal
 */
export function resourceFieldRef(problems: ProblemCollector, resource: unknown, options: ResourceRefOptions, prefix = ''): k8s.ResourceFieldSelector {
  if (typeof resource !== 'string') problems.add('props', `${prefix}resource`, resource, `a ResourceFieldPath: ${Object.values(ResourceFieldPath).join(', ')}`);
  if (!isPlainObject(options)) {
    problems.add('props', `${prefix}options`, options, 'an object { container?, divisor? }');
    return { resource: String(resource) };
  }
  const container = options.container;
  if (container !== undefined && typeof container !== 'string') problems.add('props', `${prefix}container`, container, 'a container name');
  if (options.divisor !== undefined && typeof options.divisor !== 'string') problems.add('props', `${prefix}divisor`, options.divisor, 'a quantity string, e.g. "1Mi"');
  return definedOnly({
    resource: resource as string,
    containerName: typeof container === 'string' ? container : undefined,
    divisor: typeof options.divisor === 'string' ? k8s.Quantity.fromString(options.divisor) : undefined,
  });
}
