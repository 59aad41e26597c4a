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

  private constructor(
    /** The volume's name inside the Pod (a DNS-1123 label). */
    public readonly name: string,
    private readonly source: Omit<k8s.Volume, 'name'>,
  ) {
    brand(this, 'Volume');
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
