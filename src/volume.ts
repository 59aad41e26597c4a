import { k8s } from 'cdk8s-plus-28';
import { Problem, ValidationError } from './errors';
import * as rules from './validation/rules';

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

/**
 * A Pod volume. Mount one `Volume` into several containers of a Pod to share files
 * between them: every container of a Pod sees the same volumes.
 *
 * @see https://kubernetes.io/docs/concepts/storage/volumes/
 */
export class Volume {
  /**
   * An empty directory created when the Pod starts and deleted with it: the usual
   * way to share files between the containers of a Pod.
   * @see https://kubernetes.io/docs/concepts/storage/volumes/#emptydir
   */
  public static emptyDir(name: string, options: EmptyDirOptions = {}): Volume {
    const fn = 'Volume.emptyDir()';
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw new ValidationError([{ path: fn, field: 'options', value: options, allowed: 'an object { medium?, sizeLimit? }' }]);
    }
    const problems: Problem[] = [];
    if (options.medium !== undefined && !(Object.values(EmptyDirMedium) as unknown[]).includes(options.medium)) {
      problems.push({ path: fn, field: 'medium', value: options.medium, allowed: 'EmptyDirMedium.DEFAULT or EmptyDirMedium.MEMORY' });
    }
    if (options.sizeLimit !== undefined && rules.quantity(options.sizeLimit) !== undefined) {
      problems.push({ path: fn, field: 'sizeLimit', value: options.sizeLimit, allowed: rules.quantity(options.sizeLimit)! });
    }
    if (problems.length > 0) throw new ValidationError(problems);
    const emptyDir: { medium?: string; sizeLimit?: k8s.Quantity } = {};
    if (options.medium) emptyDir.medium = options.medium;
    if (options.sizeLimit !== undefined) emptyDir.sizeLimit = k8s.Quantity.fromString(options.sizeLimit);
    return new Volume(name, { emptyDir });
  }

  /**
   * The keys of a ConfigMap, as files.
   * @see https://kubernetes.io/docs/concepts/storage/volumes/#configmap
   */
  public static configMap(name: string, configMapName: string): Volume {
    const allowed = rules.dns1123Subdomain(configMapName);
    if (allowed !== undefined) throw new ValidationError([{ path: 'Volume.configMap()', field: 'configMapName', value: configMapName, allowed }]);
    return new Volume(name, { configMap: { name: configMapName } });
  }

  private constructor(
    /** The volume's name inside the Pod (a DNS-1123 label). */
    public readonly name: string,
    private readonly source: Omit<k8s.Volume, 'name'>,
  ) {}

  /** @internal */
  public _toKube(): k8s.Volume {
    return { name: this.name, ...this.source };
  }
}

/** Where and how a container sees a {@link Volume}. */
export interface VolumeMount {
  /** The volume to mount; it is added to the Pod automatically. */
  readonly volume: Volume;
  /** Absolute path inside the container. */
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
