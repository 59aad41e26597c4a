import { k8s } from 'cdk8s-plus-28';
import { ProblemCollector } from '../core/problems';
import * as rules from '../core/rules';
import { brand, hasBrand, isPlainObject } from '../core/util';

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
    problems.check('volumes', 'name', name, rules.dns1123Label(name));
    if (!isPlainObject(options)) {
      problems.add('props', 'options', options, 'an object { medium?, sizeLimit? }');
    } else {
      if (options.medium !== undefined && !(Object.values(EmptyDirMedium) as unknown[]).includes(options.medium)) {
        problems.add('volumes', 'medium', options.medium, 'EmptyDirMedium.DEFAULT or EmptyDirMedium.MEMORY');
      }
      if (options.sizeLimit !== undefined) problems.check('volumes', 'sizeLimit', options.sizeLimit, rules.quantity(options.sizeLimit));
    }
    problems.throwIfAny();
    const emptyDir: { medium?: string; sizeLimit?: k8s.Quantity } = {};
    if (options.medium) emptyDir.medium = options.medium;
    if (options.sizeLimit !== undefined) emptyDir.sizeLimit = k8s.Quantity.fromString(options.sizeLimit);
    return new Volume(name, { emptyDir });
  }

  /**
   * The keys of a ConfigMap, as files.
   * @param name the volume's name in the Pod (a DNS-1123 label)
   * @param configMapName the ConfigMap's name (a DNS-1123 subdomain)
   * @see https://kubernetes.io/docs/concepts/storage/volumes/#configmap
   */
  public static configMap(name: string, configMapName: string): Volume {
    const problems = new ProblemCollector('Volume.configMap()');
    problems.check('volumes', 'name', name, rules.dns1123Label(name));
    problems.check('volumes', 'configMapName', configMapName, rules.dns1123Subdomain(configMapName));
    problems.throwIfAny();
    return new Volume(name, { configMap: { name: configMapName } });
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
    problems.check('volumes', 'name', name, rules.dns1123Label(name));
    if (!isPlainObject(options)) {
      problems.add('props', 'options', options, 'an object { storage, accessModes?, storageClassName? }');
      problems.throwIfAny();
    }
    const storage = rules.parseQuantity(options.storage);
    if (typeof options.storage !== 'string' || storage === undefined || storage <= 0) {
      problems.add('volumes', 'storage', options.storage, 'a positive quantity, e.g. "1Gi"');
    }
    const modes = options.accessModes ?? [AccessMode.READ_WRITE_ONCE];
    if (!Array.isArray(modes) || modes.length === 0 || modes.some(m => !(Object.values(AccessMode) as unknown[]).includes(m))) {
      problems.add('volumes', 'accessModes', options.accessModes, `one or more of ${Object.values(AccessMode).join(', ')}`);
    }
    if (options.storageClassName !== undefined) {
      problems.check('volumes', 'storageClassName', options.storageClassName, rules.dns1123Subdomain(options.storageClassName));
    }
    problems.throwIfAny();
    const spec: k8s.PersistentVolumeClaimSpec = {
      accessModes: [...modes],
      resources: { requests: { storage: k8s.Quantity.fromString(options.storage) } },
      ...(options.storageClassName !== undefined ? { storageClassName: options.storageClassName } : {}),
    };
    return new Volume(name, {}, spec);
  }

  private constructor(
    /** The volume's name inside the Pod (a DNS-1123 label). */
    public readonly name: string,
    private readonly source: Omit<k8s.Volume, 'name'>,
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
   * @default false
   */
  readonly readOnly?: boolean;
  /**
   * Mount only this path inside the volume.
   * @default - the volume's root
   */
  readonly subPath?: string;
}
