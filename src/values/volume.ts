import { Duration } from 'cdk8s';
import * as k8s from '../imports/k8s';
import { ProblemCollector } from '../core/problems';
import { brand, definedOnly, hasBrand, isPlainObject } from '../core/util';
import type { ConfigKind, ConfigMapSource, ResolvedConfig, SecretSource } from './config-refs';
import type { ImagePullPolicy } from './container';
import type { ResourceFieldPath } from './env';
import { checkConfigRef, resourceFieldRef } from './env';

/** Options for {@link Volume.emptyDir}. */
export interface EmptyDirOptions {
  /**
   * Where the directory lives: on the node's disk, or in memory (`Memory`, a tmpfs
   * whose size counts against the container's memory).
   * @default - the node's default medium (disk)
   * @see https://kubernetes.io/docs/concepts/storage/volumes/#emptydir
   */
  readonly medium?: EmptyDirMedium;
  /**
   * The most this directory may hold, as a Kubernetes quantity (`64Mi`).
   * @default - no limit beyond the node's
   */
  readonly sizeLimit?: string;
}

/** Storage medium of an `emptyDir` volume. */
export enum EmptyDirMedium {
  /** The node's default storage. */
  DEFAULT = '',
  /** A tmpfs in the node's memory. */
  MEMORY = 'Memory',
}

/** How a PersistentVolume may be mounted. */
export enum AccessMode {
  /** Read-write by one node. */
  READ_WRITE_ONCE = 'ReadWriteOnce',
  /** Read-only by many nodes. */
  READ_ONLY_MANY = 'ReadOnlyMany',
  /** Read-write by many nodes. */
  READ_WRITE_MANY = 'ReadWriteMany',
  /** Read-write by one pod. */
  READ_WRITE_ONCE_POD = 'ReadWriteOncePod',
}

/**
 * Options of {@link Volume.claimTemplate}.
 * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#persistentvolumeclaims
 */
export interface ClaimTemplateOptions {
  /** How much storage each pod's claim asks for, as a Kubernetes quantity (`1Gi`). */
  readonly storage: string;
  /**
   * How the volume may be mounted.
   * @default [AccessMode.READ_WRITE_ONCE] - a claim needs one; one node's pod writes it
   */
  readonly accessModes?: readonly AccessMode[];
  /**
   * The StorageClass that provisions the volumes.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
}

/**
 * Options of {@link Volume.image}.
 * @see https://kubernetes.io/docs/concepts/storage/volumes/#image
 */
export interface ImageVolumeOptions {
  /**
   * When the kubelet pulls the image (as a container's `imagePullPolicy`).
   * @default - Kubernetes' default (`Always` for `:latest` or untagged images, else `IfNotPresent`; not written)
   */
  readonly pullPolicy?: ImagePullPolicy;
}

/**
 * A Pod volume. Mount one `Volume` into several containers of a Pod to share files
 * between them: every container of a Pod sees the same volumes.
 *
 * @see https://kubernetes.io/docs/concepts/storage/volumes/
 */
export class Volume {
  /** Whether `x` is a Volume of any copy of this package. */
  public static isVolume(x: unknown): x is Volume {
    return hasBrand(x, 'Volume');
  }

  /**
   * An empty directory created when the Pod starts and deleted with it: the usual
   * way to share files between the containers of a Pod.
   * @param name the volume's name in the Pod (a DNS-1123 label)
   * @see https://kubernetes.io/docs/concepts/storage/volumes/#emptydir
   */
  public static emptyDir(name: string, options: EmptyDirOptions = {}): Volume {
    const problems = new ProblemCollector('Volume.emptyDir()');
    checkVolumeName(problems, name);
    if (!isPlainObject(options)) {
      problems.add('props', 'options', options, 'an object { medium?, sizeLimit? }');
    } else {
      // (the values are written as given and judged at synth: rules empty-dir-medium, quantities, volumes)
      for (const key of ['medium', 'sizeLimit'] as const) {
        if (options[key] !== undefined && typeof options[key] !== 'string') problems.add('props', key, options[key], key === 'medium' ? 'EmptyDirMedium.DEFAULT or EmptyDirMedium.MEMORY' : 'a string: a Kubernetes quantity, e.g. "64Mi"');
      }
    }
    problems.throwIfAny();
    const emptyDir: { medium?: string; sizeLimit?: k8s.Quantity } = {};
    if (options.medium) emptyDir.medium = options.medium;
    if (options.sizeLimit !== undefined) emptyDir.sizeLimit = k8s.Quantity.fromString(options.sizeLimit);
    return new Volume(name, { emptyDir });
  }

  /**
   * The keys of a ConfigMap, as files (one per key, or those of `items`). The kubelet updates
   * the files when the ConfigMap changes (not under a `subPath` mount).
   * @param name the volume's name in the Pod (a DNS-1123 label)
   * @param configMap the ConfigMap's name, `ConfigMapRef.named(name)`, or a cdk8s-plus ConfigMap
   * @see https://kubernetes.io/docs/concepts/storage/volumes/#configmap
   */
  public static configMap(name: string, configMap: string | ConfigMapSource, options: KeyVolumeOptions = {}): Volume {
    const problems = new ProblemCollector('Volume.configMap()');
    checkVolumeName(problems, name);
    const ref = typeof configMap === 'string' ? { kind: 'ConfigMap' as const, name: configMap } : checkConfigRef(problems, 'configMap', configMap, 'ConfigMap');
    const source = keyVolumeSource(problems, options);
    problems.throwIfAny();
    return new Volume(name, { configMap: { name: ref!.name, ...source } }, [ref!]);
  }

  /**
   * The keys of a Secret, as files (one per key, or those of `items`), on a tmpfs. Reference a
   * Secret that exists (`SecretRef.named`) to keep its data out of the repository.
   * @param name the volume's name in the Pod (a DNS-1123 label)
   * @param secret `SecretRef.named(name)`, or a cdk8s-plus Secret
   * @see https://kubernetes.io/docs/concepts/storage/volumes/#secret
   */
  public static secret(name: string, secret: SecretSource, options: KeyVolumeOptions = {}): Volume {
    const problems = new ProblemCollector('Volume.secret()');
    checkVolumeName(problems, name);
    const ref = checkConfigRef(problems, 'secret', secret, 'Secret');
    const source = keyVolumeSource(problems, options);
    problems.throwIfAny();
    return new Volume(name, { secret: { secretName: ref!.name, ...source } }, [ref!]);
  }

  /**
   * A PersistentVolumeClaim's volume: storage that outlives the Pod.
   * @param name the volume's name in the Pod (a DNS-1123 label)
   * @param claimName the claim's name (a DNS-1123 subdomain), in the pod's namespace
   * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#claims-as-volumes
   */
  public static persistentVolumeClaim(name: string, claimName: string, options: ClaimVolumeOptions = {}): Volume {
    const problems = new ProblemCollector('Volume.persistentVolumeClaim()');
    checkVolumeName(problems, name);
    if (typeof claimName !== 'string') problems.add('props', 'claimName', claimName, 'a string: the name of a PersistentVolumeClaim');
    let readOnly: boolean | undefined;
    if (!isPlainObject(options)) problems.add('props', 'options', options, 'an object { readOnly? }');
    else if (options.readOnly !== undefined && typeof options.readOnly !== 'boolean') problems.add('props', 'options.readOnly', options.readOnly, 'true or false');
    else readOnly = options.readOnly;
    problems.throwIfAny();
    return new Volume(name, { persistentVolumeClaim: definedOnly({ claimName, readOnly }) });
  }

  /**
   * Fields of the pod (name, namespace, labels, annotations, uid) and resources of its
   * containers, as files. The kubelet updates the labels and annotations files when they change.
   * @param name the volume's name in the Pod (a DNS-1123 label)
   * @see https://kubernetes.io/docs/concepts/workloads/pods/downward-api/
   */
  public static downwardApi(name: string, options: DownwardApiVolumeOptions): Volume {
    const problems = new ProblemCollector('Volume.downwardApi()');
    checkVolumeName(problems, name);
    const source: { defaultMode?: number; items?: k8s.DownwardApiVolumeFile[] } = {};
    if (!isPlainObject(options)) {
      problems.add('props', 'options', options, 'an object { files, defaultMode? }');
    } else {
      source.items = downwardApiItems(problems, 'options.files', options.files);
      checkNumber(problems, 'options.defaultMode', options.defaultMode);
      source.defaultMode = options.defaultMode;
    }
    problems.throwIfAny();
    return new Volume(name, { downwardApi: definedOnly(source) });
  }

  /**
   * Several sources in one directory: keys of ConfigMaps and Secrets, downward API files and a
   * service account token. No two files may have the same path.
   * @param name the volume's name in the Pod (a DNS-1123 label)
   * @see https://kubernetes.io/docs/concepts/storage/projected-volumes/
   */
  public static projected(name: string, options: ProjectedVolumeOptions): Volume {
    const problems = new ProblemCollector('Volume.projected()');
    checkVolumeName(problems, name);
    const reads: ResolvedConfig[] = [];
    const sources: k8s.VolumeProjection[] = [];
    let defaultMode: number | undefined;
    if (!isPlainObject(options) || !Array.isArray(options.sources)) {
      problems.add('props', 'options', options, 'an object { sources: VolumeProjection[], defaultMode? }');
    } else {
      // (two files at one path: rule volume-sources, at synth)
      options.sources.forEach((p, i) => {
        if (!VolumeProjection.isVolumeProjection(p)) {
          problems.add('props', `options.sources[${i}]`, p, 'a VolumeProjection (VolumeProjection.configMap(), .secret(), .downwardApi() or .serviceAccountToken())');
          return;
        }
        sources.push(p._toKube());
        reads.push(...p._reads());
      });
      checkNumber(problems, 'options.defaultMode', options.defaultMode);
      defaultMode = options.defaultMode;
    }
    problems.throwIfAny();
    return new Volume(name, { projected: definedOnly({ sources, defaultMode }) }, reads);
  }

  /**
   * The files of an OCI image or artifact (`image: { reference, pullPolicy }`), pulled by the
   * kubelet like a container's image and mounted read-only and non-executable: data, models or
   * configuration shipped as an image, without an init container that copies them. Its mounts
   * are written `readOnly: true` unless they say otherwise (the kubelet mounts it read-only
   * whatever they say). On by default from Kubernetes 1.35 (the target's API server drops the
   * volume before; rule `field-version`); the node's runtime must support it (containerd 2.1,
   * CRI-O 1.31 or later).
   * @param name the volume's name in the Pod (a DNS-1123 label)
   * @param reference the image, as a container's `image` (`registry.example.com/models:1.2`); required (judged at synth, rule `image-volume`)
   * @see https://kubernetes.io/docs/concepts/storage/volumes/#image
   */
  public static image(name: string, reference: string, options: ImageVolumeOptions = {}): Volume {
    const problems = new ProblemCollector('Volume.image()');
    checkVolumeName(problems, name);
    if (typeof reference !== 'string') problems.add('props', 'reference', reference, 'a string: an image reference, e.g. "registry.example.com/models:1.2"');
    if (!isPlainObject(options)) problems.add('props', 'options', options, 'an object { pullPolicy? }');
    else if (options.pullPolicy !== undefined && typeof options.pullPolicy !== 'string') problems.add('props', 'pullPolicy', options.pullPolicy, 'an ImagePullPolicy');
    problems.throwIfAny();
    // (the values are written as given and judged at synth: rule image-volume)
    return new Volume(name, { image: definedOnly({ reference, pullPolicy: options.pullPolicy }) });
  }

  /**
   * A StatefulSet's claim template: each pod gets its own PersistentVolumeClaim
   * (`<name>-<pod>`), provisioned on first start and kept across restarts and rescheduling. Mount
   * it like any volume; the pod construct writes it to `volumeClaimTemplates` instead of the
   * pod's volumes. Only under `Workload.statefulSet()`.
   * @param name the template's name, which the mounts use (a DNS-1123 label)
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#volume-claim-templates
   */
  public static claimTemplate(name: string, options: ClaimTemplateOptions): Volume {
    const problems = new ProblemCollector('Volume.claimTemplate()');
    checkVolumeName(problems, name);
    if (!isPlainObject(options)) {
      problems.add('props', 'options', options, 'an object { storage, accessModes?, storageClassName? }');
      problems.throwIfAny();
    }
    // (the values are written as given and judged at synth: rules volume-claim-templates, quantities)
    if (typeof options.storage !== 'string') problems.add('props', 'storage', options.storage, 'a string: a Kubernetes quantity, e.g. "1Gi"');
    const modes = options.accessModes ?? [AccessMode.READ_WRITE_ONCE];
    if (!Array.isArray(modes)) problems.add('props', 'accessModes', options.accessModes, `an array of AccessMode (${Object.values(AccessMode).join(', ')})`);
    if (options.storageClassName !== undefined && typeof options.storageClassName !== 'string') {
      problems.add('props', 'storageClassName', options.storageClassName, 'a string: the name of a StorageClass');
    }
    problems.throwIfAny();
    const spec: k8s.PersistentVolumeClaimSpec = {
      accessModes: [...modes],
      resources: { requests: { storage: k8s.Quantity.fromString(options.storage) } },
      ...(options.storageClassName !== undefined ? { storageClassName: options.storageClassName } : {}),
    };
    return new Volume(name, {}, [], spec);
  }

  private constructor(
    /** The volume's name inside the Pod (a DNS-1123 label). */
    public readonly name: string,
    private readonly source: Omit<k8s.Volume, 'name'>,
    private readonly reads: readonly ResolvedConfig[] = [],
    /** The claim template's spec, for a StatefulSet's claim template. */
    private readonly claim?: k8s.PersistentVolumeClaimSpec,
  ) {
    brand(this, 'Volume');
  }

  /** Whether this is a StatefulSet's claim template ({@link Volume.claimTemplate}), not a volume of the pod. */
  public get isClaimTemplate(): boolean {
    return this.claim !== undefined;
  }

  /**
   * The claim template as a StatefulSet's `volumeClaimTemplates` spells it.
   * @internal
   */
  public _toClaimTemplate(): k8s.KubePersistentVolumeClaimProps {
    return { metadata: { name: this.name }, spec: this.claim };
  }

  /**
   * The ConfigMaps and Secrets whose data it holds.
   * @internal
   */
  public _reads(): readonly ResolvedConfig[] {
    return this.reads;
  }

  /**
   * Whether the kubelet mounts it read-only whatever its mounts say (an image volume): its
   * mounts are then written `readOnly: true` by default.
   * @internal
   */
  public _mountsReadOnly(): boolean {
    return this.source.image !== undefined;
  }

  /**
   * The volume as the Kubernetes API spells it.
   * @internal
   */
  public _toKube(): k8s.Volume {
    return { name: this.name, ...this.source };
  }
}

/** Where and how a container sees a {@link Volume}. */
export interface VolumeMount {
  /** The volume to mount; it is added to the Pod automatically. */
  readonly volume: Volume;
  /**
   * The path inside the container, absolute as container runtimes expect (the API server
   * takes any non-empty path).
   */
  readonly path: string;
  /**
   * Mount the volume read-only.
   * @default false - Kubernetes' default (not written): the container may write, as an emptyDir's users expect; for an image volume (`Volume.image`), true (written), as the kubelet mounts it
   */
  readonly readOnly?: boolean;
  /**
   * Mount only this path inside the volume (relative, without `..`). A file mounted by
   * `subPath` is not updated when its ConfigMap or Secret changes.
   * @default - the volume's root
   */
  readonly subPath?: string;
  /**
   * Like `subPath`, with `$(VAR)` expanded from the container's environment (e.g.
   * `$(POD_NAME)` with `EnvValue.fromField(EnvFieldPath.POD_NAME)`); not beside `subPath`.
   * @default - none
   */
  readonly subPathExpr?: string;
  /**
   * How mounts made under the path propagate between the host and the container.
   * `BIDIRECTIONAL` needs a privileged container.
   * @default - Kubernetes' default, `None` (not written)
   * @see https://kubernetes.io/docs/concepts/storage/volumes/#mount-propagation
   */
  readonly propagation?: MountPropagation;
}

/**
 * How mounts propagate between the host and a container.
 * @see https://kubernetes.io/docs/concepts/storage/volumes/#mount-propagation
 */
export enum MountPropagation {
  /** No propagation either way (Kubernetes' default). */
  NONE = 'None',
  /** Mounts the host makes under the volume later appear in the container. */
  HOST_TO_CONTAINER = 'HostToContainer',
  /** Both ways: mounts the container makes appear on the host. Privileged containers only. */
  BIDIRECTIONAL = 'Bidirectional',
}

/**
 * One key of a ConfigMap or Secret as a file.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/volume/#projections
 */
export interface VolumeItem {
  /** The key. */
  readonly key: string;
  /** The file's path in the volume: relative, without `..`, not starting with `..`. */
  readonly path: string;
  /**
   * The file's mode, 0 to 0o777 (write it in octal).
   * @default - the volume's `defaultMode`
   */
  readonly mode?: number;
}

/** Options of {@link Volume.configMap} and {@link Volume.secret}. */
export interface KeyVolumeOptions {
  /**
   * Only these keys, each at its path. A key not in the object fails the mount unless `optional`.
   * @default - every key, each as a file named after it
   */
  readonly items?: readonly VolumeItem[];
  /**
   * The mode of the files, 0 to 0o777 (write it in octal).
   * @default - Kubernetes' default, 0o644 (not written)
   */
  readonly defaultMode?: number;
  /**
   * Whether the pod may start without the object (or a key of `items`): the volume is then
   * empty (or lacks the file). When false the pod waits in `ContainerCreating` until it exists.
   * @default false - Kubernetes' default (not written)
   */
  readonly optional?: boolean;
}

/** Options of {@link Volume.persistentVolumeClaim}. */
export interface ClaimVolumeOptions {
  /**
   * Mount the claim read-only in every container.
   * @default false - Kubernetes' default (not written)
   */
  readonly readOnly?: boolean;
}

/** Options of {@link Volume.downwardApi}. */
export interface DownwardApiVolumeOptions {
  /** The files. */
  readonly files: readonly DownwardApiFile[];
  /**
   * The mode of the files, 0 to 0o777 (write it in octal).
   * @default - Kubernetes' default, 0o644 (not written)
   */
  readonly defaultMode?: number;
}

/** Options of {@link Volume.projected}. */
export interface ProjectedVolumeOptions {
  /** What the volume holds. */
  readonly sources: readonly VolumeProjection[];
  /**
   * The mode of the files, 0 to 0o777 (write it in octal).
   * @default - Kubernetes' default, 0o644 (not written)
   */
  readonly defaultMode?: number;
}

/**
 * A field of the pod a downward API file can hold.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/downward-api/#downwardapi-fieldRef
 */
export enum VolumeFieldPath {
  /** The pod's name. */
  POD_NAME = 'metadata.name',
  /** The pod's namespace. */
  POD_NAMESPACE = 'metadata.namespace',
  /** The pod's UID. */
  POD_UID = 'metadata.uid',
  /** Every label of the pod, one `key="value"` a line. */
  POD_LABELS = 'metadata.labels',
  /** Every annotation of the pod, one `key="value"` a line. */
  POD_ANNOTATIONS = 'metadata.annotations',
}

/** Options of a {@link DownwardApiFile}. */
export interface DownwardApiFileOptions {
  /**
   * The file's mode, 0 to 0o777 (write it in octal).
   * @default - the volume's `defaultMode`
   */
  readonly mode?: number;
}

/** Options of {@link DownwardApiFile.resource}. */
export interface DownwardApiResourceOptions extends DownwardApiFileOptions {
  /**
   * The unit: `1m` or `1` for CPU; `1`, `1k`, `1Ki`, `1M`, `1Mi`, … for memory and storage.
   * @default '1' - Kubernetes' default (not written)
   */
  readonly divisor?: string;
}

/**
 * One file of a downward API volume or projection: a field of the pod, or a resource of one
 * of its containers.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/downward-api/
 */
export class DownwardApiFile {
  /** Whether `x` is a DownwardApiFile of any copy of this package. */
  public static isDownwardApiFile(x: unknown): x is DownwardApiFile {
    return hasBrand(x, 'DownwardApiFile');
  }

  /**
   * A field of the pod, at `path` in the volume.
   * @param path relative, without `..`, not starting with `..`
   */
  public static field(path: string, field: VolumeFieldPath, options: DownwardApiFileOptions = {}): DownwardApiFile {
    const problems = new ProblemCollector('DownwardApiFile.field()');
    if (typeof field !== 'string') problems.add('props', 'field', field, `a VolumeFieldPath: ${Object.values(VolumeFieldPath).join(', ')}`);
    const mode = fileOptions(problems, path, options);
    problems.throwIfAny();
    return new DownwardApiFile(definedOnly({ path, fieldRef: { fieldPath: field }, mode }));
  }

  /**
   * A resource request or limit of one container of the pod, at `path` in the volume.
   * @param path relative, without `..`, not starting with `..`
   * @param container the container's name (a downward API file must name it)
   */
  public static resource(path: string, container: string, resource: ResourceFieldPath, options: DownwardApiResourceOptions = {}): DownwardApiFile {
    const problems = new ProblemCollector('DownwardApiFile.resource()');
    const mode = fileOptions(problems, path, options);
    const ref = resourceFieldRef(problems, resource, { container, divisor: isPlainObject(options) ? options.divisor as string | undefined : undefined });
    problems.throwIfAny();
    return new DownwardApiFile(definedOnly({ path, resourceFieldRef: ref, mode }));
  }

  private constructor(private readonly spec: k8s.DownwardApiVolumeFile) {
    brand(this, 'DownwardApiFile');
  }

  /** The file's path in the volume. */
  public get path(): string {
    return this.spec.path;
  }

  /**
   * The file as the Kubernetes API spells it.
   * @internal
   */
  public _toKube(): k8s.DownwardApiVolumeFile {
    return this.spec;
  }
}

/** Options of {@link VolumeProjection.configMap} and {@link VolumeProjection.secret}. */
export interface KeyProjectionOptions {
  /**
   * Only these keys, each at its path.
   * @default - every key, each as a file named after it
   */
  readonly items?: readonly VolumeItem[];
  /**
   * Whether the pod may start without the object (or a key of `items`).
   * @default false - Kubernetes' default (not written)
   */
  readonly optional?: boolean;
}

/** Options of {@link VolumeProjection.serviceAccountToken}. */
export interface TokenProjectionOptions {
  /** The token file's path in the volume. */
  readonly path: string;
  /**
   * Who the token is for (its `aud` claim); the recipient must check it.
   * @default - the API server's own audience
   */
  readonly audience?: string;
  /**
   * How long the token is valid, from 10 minutes to 2^32 seconds; the kubelet renews it at 80%.
   * @default - Kubernetes' default, 1 hour (not written)
   */
  readonly expiration?: Duration;
}

/**
 * One source of a projected volume.
 * @see https://kubernetes.io/docs/concepts/storage/projected-volumes/
 */
export class VolumeProjection {
  /** Whether `x` is a VolumeProjection of any copy of this package. */
  public static isVolumeProjection(x: unknown): x is VolumeProjection {
    return hasBrand(x, 'VolumeProjection');
  }

  /** Keys of a ConfigMap (`ConfigMapRef.named(name)` or a cdk8s-plus ConfigMap). */
  public static configMap(configMap: ConfigMapSource, options: KeyProjectionOptions = {}): VolumeProjection {
    return VolumeProjection.keys('VolumeProjection.configMap()', 'ConfigMap', configMap, options);
  }

  /** Keys of a Secret (`SecretRef.named(name)` or a cdk8s-plus Secret). */
  public static secret(secret: SecretSource, options: KeyProjectionOptions = {}): VolumeProjection {
    return VolumeProjection.keys('VolumeProjection.secret()', 'Secret', secret, options);
  }

  /** Fields of the pod and resources of its containers. */
  public static downwardApi(files: readonly DownwardApiFile[]): VolumeProjection {
    const problems = new ProblemCollector('VolumeProjection.downwardApi()');
    const items = downwardApiItems(problems, 'files', files);
    problems.throwIfAny();
    return new VolumeProjection({ downwardApi: { items } }, (items ?? []).map(i => i.path));
  }

  /**
   * A token of the pod's service account for `audience`, renewed by the kubelet.
   * @see https://kubernetes.io/docs/concepts/storage/projected-volumes/#serviceaccounttoken
   */
  public static serviceAccountToken(options: TokenProjectionOptions): VolumeProjection {
    const problems = new ProblemCollector('VolumeProjection.serviceAccountToken()');
    if (!isPlainObject(options)) {
      problems.add('props', 'options', options, 'an object { path, audience?, expiration? }');
      problems.throwIfAny();
    }
    if (typeof options.path !== 'string') problems.add('props', 'path', options.path, 'a string: the token file\'s path in the volume');
    if (options.audience !== undefined && typeof options.audience !== 'string') problems.add('props', 'audience', options.audience, 'a string');
    let expirationSeconds: number | undefined;
    if (options.expiration !== undefined) {
      if (!(options.expiration instanceof Duration)) {
        problems.add('props', 'expiration', options.expiration, 'a Duration, e.g. Duration.hours(2)');
      } else {
        // (at least 10 minutes, at most 2^32 seconds: rule volume-sources, at synth)
        expirationSeconds = options.expiration.toSeconds();
      }
    }
    problems.throwIfAny();
    return new VolumeProjection({ serviceAccountToken: definedOnly({ path: options.path, audience: options.audience, expirationSeconds }) }, []);
  }

  private static keys(path: string, kind: ConfigKind, source: unknown, options: KeyProjectionOptions): VolumeProjection {
    const problems = new ProblemCollector(path);
    const ref = checkConfigRef(problems, kind === 'ConfigMap' ? 'configMap' : 'secret', source, kind);
    const spec = keyVolumeSource(problems, { ...(isPlainObject(options) ? options : {}) }, false);
    if (!isPlainObject(options)) problems.add('props', 'options', options, 'an object { items?, optional? }');
    problems.throwIfAny();
    const selector = { name: ref!.name, ...spec };
    return new VolumeProjection(kind === 'ConfigMap' ? { configMap: selector } : { secret: selector }, (spec.items ?? []).map(i => i.path), [ref!]);
  }

  private constructor(private readonly spec: k8s.VolumeProjection, private readonly paths: readonly string[], private readonly reads: readonly ResolvedConfig[] = []) {
    brand(this, 'VolumeProjection');
  }

  /**
   * The source as the Kubernetes API spells it.
   * @internal
   */
  public _toKube(): k8s.VolumeProjection {
    return this.spec;
  }

  /**
   * The paths of its files that the API server compares across sources (items and downward API files).
   * @internal
   */
  public _paths(): readonly string[] {
    return this.paths;
  }

  /**
   * The ConfigMaps and Secrets it reads.
   * @internal
   */
  public _reads(): readonly ResolvedConfig[] {
    return this.reads;
  }
}

/** `items`, `defaultMode` and `optional` of a ConfigMap or Secret volume (or projection, without `defaultMode`), checked. */
function keyVolumeSource(problems: ProblemCollector, options: KeyVolumeOptions, withDefaultMode = true): { items?: k8s.KeyToPath[]; defaultMode?: number; optional?: boolean } {
  if (!isPlainObject(options)) {
    problems.add('props', 'options', options, 'an object { items?, defaultMode?, optional? }');
    return {};
  }
  if (options.optional !== undefined && typeof options.optional !== 'boolean') problems.add('props', 'options.optional', options.optional, 'true or false');
  if (withDefaultMode) checkNumber(problems, 'options.defaultMode', options.defaultMode);
  let items: k8s.KeyToPath[] | undefined;
  if (options.items !== undefined && !Array.isArray(options.items)) {
    problems.add('props', 'options.items', options.items, 'an array of { key, path, mode? }');
  } else if (options.items !== undefined) {
    // (what is not a KeyToPath was reported above; it is rendered as given, and the synth stops)
    items = options.items.map((item: unknown, i): k8s.KeyToPath => {
      const at = `options.items[${i}]`;
      if (!isPlainObject(item)) {
        problems.add('props', at, item, 'an object { key, path, mode? }');
        return item as k8s.KeyToPath;
      }
      // (the key, the path and the mode are judged at synth: rules volume-refs, volume-sources)
      for (const key of ['key', 'path'] as const) if (typeof item[key] !== 'string') problems.add('props', `${at}.${key}`, item[key], 'a string');
      checkNumber(problems, `${at}.mode`, item.mode);
      return definedOnly({ key: item.key, path: item.path, mode: item.mode }) as k8s.KeyToPath;
    });
  }
  return definedOnly({
    items: items && items.length > 0 ? items : undefined,
    defaultMode: withDefaultMode ? options.defaultMode as number | undefined : undefined,
    optional: typeof options.optional === 'boolean' ? options.optional : undefined,
  });
}

/**
 * The files of a downward API volume or projection, checked (two files at one path: the API server
 * refuses them in a projected volume, where `Volume.projected` compares the paths of all sources).
 */
function downwardApiItems(problems: ProblemCollector, field: string, files: unknown): k8s.DownwardApiVolumeFile[] | undefined {
  if (!Array.isArray(files)) {
    problems.add('props', field, files, 'an array of DownwardApiFile (DownwardApiFile.field() or .resource())');
    return undefined;
  }
  return files.flatMap((f, i) => {
    if (!DownwardApiFile.isDownwardApiFile(f)) {
      problems.add('props', `${field}[${i}]`, f, 'a DownwardApiFile (DownwardApiFile.field() or .resource())');
      return [];
    }
    return [f._toKube()];
  });
}

/** A downward API file's path and mode, as they can be written (judged at synth: rule volume-sources); the mode. */
function fileOptions(problems: ProblemCollector, path: unknown, options: DownwardApiFileOptions): number | undefined {
  if (typeof path !== 'string') problems.add('props', 'path', path, 'a string: the file\'s path in the volume');
  if (!isPlainObject(options)) {
    problems.add('props', 'options', options, 'an object { mode? }');
    return undefined;
  }
  checkNumber(problems, 'options.mode', options.mode);
  return options.mode as number | undefined;
}

/** A volume's name as it can be written (a string); its value is judged at synth (rule volumes). */
function checkVolumeName(problems: ProblemCollector, name: unknown): void {
  if (typeof name !== 'string') problems.add('props', 'name', name, 'a string: the volume\'s name in the Pod, a DNS-1123 label');
}

/** A number cdk8s can write (no NaN or Infinity), when given; its value is judged at synth. */
function checkNumber(problems: ProblemCollector, field: string, value: unknown): void {
  if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value))) problems.add('props', field, value, 'a number');
}
