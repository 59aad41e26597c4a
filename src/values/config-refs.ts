import { createHash } from 'crypto';
import type { IPlusConfigMap, IPlusSecret } from './foreign-shapes';
import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { brand, hasBrand } from '../core/util';

/**
 * A ConfigMap that exists in the cluster, by name: its data is not in the app. To read a
 * ConfigMap the app writes, pass the `kplus.ConfigMap` itself (its data then counts for
 * `AppPodProps.rollOnConfigChange`).
 * @see https://kubernetes.io/docs/concepts/configuration/configmap/
 */
export class ConfigMapRef {
  /** Whether `x` is a ConfigMapRef of any copy of this package. */
  public static isConfigMapRef(x: unknown): x is ConfigMapRef {
    return hasBrand(x, 'ConfigMapRef');
  }

  /**
   * The ConfigMap of this name, in the pod's namespace.
   * @param name the ConfigMap's `metadata.name` (a DNS-1123 subdomain, checked where it is used)
   */
  public static named(name: string): ConfigMapRef {
    return new ConfigMapRef(name);
  }

  private constructor(
    /** The ConfigMap's name. */
    public readonly name: string,
  ) {
    brand(this, 'ConfigMapRef');
  }
}

/**
 * A Secret that exists in the cluster, by name (created with `kubectl create secret`, by an
 * operator, …): its data is never in the app or in the written manifests.
 * @see https://kubernetes.io/docs/concepts/configuration/secret/
 */
export class SecretRef {
  /** Whether `x` is a SecretRef of any copy of this package. */
  public static isSecretRef(x: unknown): x is SecretRef {
    return hasBrand(x, 'SecretRef');
  }

  /**
   * The Secret of this name, in the pod's namespace.
   * @param name the Secret's `metadata.name` (a DNS-1123 subdomain, checked where it is used)
   */
  public static named(name: string): SecretRef {
    return new SecretRef(name);
  }

  private constructor(
    /** The Secret's name. */
    public readonly name: string,
  ) {
    brand(this, 'SecretRef');
  }
}

/** A ConfigMap to read: one that exists ({@link ConfigMapRef}), or a cdk8s-plus ConfigMap (written by the app, or imported). */
export type ConfigMapSource = ConfigMapRef | IPlusConfigMap;

/** A Secret to read: one that exists ({@link SecretRef}), or a cdk8s-plus Secret (written by the app, or imported). */
export type SecretSource = SecretRef | IPlusSecret;

/** The kind of object a reference names. */
export type ConfigKind = 'ConfigMap' | 'Secret';

/**
 * A reference, resolved: the object's kind and name, and the construct that writes it when the
 * app does (its data is then known at synth).
 * @internal
 */
export interface ResolvedConfig {
  readonly kind: ConfigKind;
  readonly name: string;
  /** The app's own object, when it writes one (a kplus.ConfigMap or kplus.Secret), else undefined. */
  readonly writer?: IConstruct;
}

const RESOURCE_TYPES: { readonly [kind in ConfigKind]: string } = { ConfigMap: 'configmaps', Secret: 'secrets' };

/**
 * A reference of the expected kind, resolved, or undefined when `x` is none (a wrong kind, a
 * plain string, anything else: the caller reports it).
 * @internal
 */
export function resolveConfig(x: unknown, kind: ConfigKind): ResolvedConfig | undefined {
  if (kind === 'ConfigMap' ? ConfigMapRef.isConfigMapRef(x) : SecretRef.isSecretRef(x)) {
    return { kind, name: (x as ConfigMapRef | SecretRef).name };
  }
  // a cdk8s-plus resource: a construct with a resourceType and a name
  const r = x as Partial<IPlusConfigMap> | null | undefined;
  if (r === null || typeof r !== 'object' || r.resourceType !== RESOURCE_TYPES[kind] || typeof r.name !== 'string' || r.node === undefined) return undefined;
  const child = r.node.defaultChild;
  return { kind, name: r.name, writer: child !== undefined && ApiObject.isApiObject(child) ? r as IConstruct : undefined };
}

/**
 * What a reference of `kind` may be, for messages.
 * @internal
 */
export function configAllowed(kind: ConfigKind): string {
  return kind === 'ConfigMap'
    ? 'a ConfigMap: ConfigMapRef.named(name) for one that exists, or a cdk8s-plus ConfigMap'
    : 'a Secret: SecretRef.named(name) for one that exists, or a cdk8s-plus Secret';
}

/**
 * The data an app-written ConfigMap or Secret holds, as written (`data`, `binaryData`,
 * `stringData`), read at synth; undefined for a reference to an object the app does not write.
 * @internal
 */
export function writtenData(ref: ResolvedConfig): { readonly [field: string]: unknown } | undefined {
  if (ref.writer === undefined) return undefined;
  const object = ref.writer.node.defaultChild as ApiObject;
  const json = object.toJson() as { [field: string]: unknown };
  const out: { [field: string]: unknown } = {};
  for (const field of ['data', 'binaryData', 'stringData']) if (json[field] !== undefined) out[field] = json[field];
  return out;
}

/** The pod template annotation `AppPodProps.rollOnConfigChange` writes: the sha256 of the configuration data the app writes. */
export const CHECKSUM_ANNOTATION = 'checksum/config';

/**
 * The sha256 (hex) of the data of the ConfigMaps and Secrets among `refs` that the app writes,
 * each once, in a fixed order and with sorted keys (the same data gives the same sum, whatever
 * the order it was added in); undefined when the app writes none of them.
 * @internal
 */
export function configChecksum(refs: readonly ResolvedConfig[]): string | undefined {
  const written = new Map<string, { readonly [field: string]: unknown }>();
  for (const ref of refs) {
    const key = `${ref.kind}/${ref.name}`;
    if (written.has(key)) continue;
    const data = writtenData(ref);
    if (data !== undefined) written.set(key, data);
  }
  if (written.size === 0) return undefined;
  const entries = [...written.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(canonicalJson(entries)).digest('hex');
}

/** JSON with the keys of every object sorted. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map(k => `${JSON.stringify(k)}:${canonicalJson((value as { [k: string]: unknown })[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
