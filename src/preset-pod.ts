import { IConstruct } from 'constructs';
import { AppPodProps } from './app-pod';
import { ContainerProps, ContainerResources, ImagePullPolicy } from './container';
import { Problem, ValidationError } from './errors';
import { Probe } from './probe';
import { SecurityProfile } from './security-profile';
import { Volume, VolumeMount } from './volume';

/**
 * Props shared by the preset pods ({@link NginxPod}, {@link FlaskPod}): the Pod's props,
 * plus the fields of its main container.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/
 */
export interface PresetPodProps extends AppPodProps {
  /**
   * Image of the main container.
   * @default - the preset's image
   */
  readonly image?: string;
  /**
   * Port the main container listens on.
   * @default - the preset's port
   */
  readonly port?: number;
  /**
   * Name of the main container.
   * @default - the preset's container name
   */
  readonly containerName?: string;
  /**
   * Environment variables of the main container.
   * @default - none
   */
  readonly env?: { readonly [name: string]: string };
  /**
   * CPU and memory of the main container.
   * @default DEFAULT_RESOURCES - requests 50m CPU and 64Mi, limit 128Mi memory
   */
  readonly resources?: ContainerResources;
  /**
   * Volumes mounted into the main container.
   * @default - none
   */
  readonly mounts?: readonly VolumeMount[];
  /**
   * Readiness probe of the main container (may it get traffic?); `false` for none.
   * @default - the preset's probe (see `NginxPod` and `FlaskPod`)
   */
  readonly readiness?: Probe | false;
  /**
   * Liveness probe of the main container (must it be restarted?); `false` for none.
   * @default - the preset's probe (see `NginxPod` and `FlaskPod`)
   */
  readonly liveness?: Probe | false;
  /**
   * When the kubelet pulls the main container's image.
   * @default - Kubernetes' default
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * More app containers after the main one (sidecars). They share the Pod's network and volumes.
   * @default - none
   */
  readonly containers?: readonly ContainerProps[];
}

/**
 * What a preset changes under `SecurityProfile.RESTRICTED`.
 * @internal
 */
export interface RestrictedDefaults {
  /** The image's numeric non-root user (and group). */
  readonly runAsUser: number;
  /**
   * An image that runs as that user, when the preset's default image cannot.
   * @default - the preset's image
   */
  readonly image?: string;
  /**
   * Where that image listens.
   * @default - the preset's port
   */
  readonly port?: number;
  /**
   * Directories the image writes to, each mounted as an `emptyDir` named like its last segment.
   * @default - none: the image writes nothing at runtime
   */
  readonly writablePaths?: readonly string[];
}

/**
 * The defaults a preset applies to its main container.
 * @internal
 */
export interface PresetDefaults {
  /** The main container's image. */
  readonly image: string;
  /** The port the main container listens on. */
  readonly port: number;
  /** The main container's name. */
  readonly containerName: string;
  /**
   * The main container's readiness probe.
   * @default - none
   */
  readonly readiness?: Probe;
  /**
   * The main container's liveness probe.
   * @default - none
   */
  readonly liveness?: Probe;
  /** How the preset runs under `SecurityProfile.RESTRICTED`. */
  readonly restricted: RestrictedDefaults;
}

/**
 * Checks the shape of a preset's props before the preset reads them (a preset builds its
 * props before its construct exists, so the path is spelled out here).
 * @internal
 */
export function checkPresetProps(scope: IConstruct, id: string, props: PresetPodProps): void {
  const path = scope.node.path ? `${scope.node.path}/${id}` : id;
  if (props === null || typeof props !== 'object' || Array.isArray(props)) {
    throw new ValidationError([{ path, field: 'props', value: props, allowed: 'an object of preset pod props' }]);
  }
  const lists = ['mounts', 'containers', 'initContainers', 'volumes'] as const;
  const problems: Problem[] = lists
    .filter(list => props[list] !== undefined && !Array.isArray(props[list]))
    .map(list => ({ path, field: list, value: props[list], allowed: 'an array' }));
  if (props.securityProfile !== undefined && !(props.securityProfile instanceof SecurityProfile)) {
    problems.push({ path, field: 'securityProfile', value: props.securityProfile, allowed: 'a SecurityProfile: SecurityProfile.NONE, SecurityProfile.RESTRICTED or SecurityProfile.restricted()' });
  }
  if (problems.length > 0) throw new ValidationError(problems);
}

/**
 * The AppPod props of a preset: its main container first, then the user's containers.
 * @internal
 */
export function presetPodProps(props: PresetPodProps, defaults: PresetDefaults): AppPodProps {
  const restricted = props.securityProfile?.isRestricted === true;
  const hardened = restricted ? defaults.restricted : undefined;
  const writable = (hardened?.writablePaths ?? []).map(path => ({
    volume: Volume.emptyDir(path.split('/').filter(Boolean).pop() ?? 'root'), path,
  }));
  const mounts = [...(props.mounts ?? []), ...writable];
  const main: ContainerProps = {
    name: props.containerName ?? defaults.containerName,
    image: props.image ?? hardened?.image ?? defaults.image,
    port: props.port ?? hardened?.port ?? defaults.port,
    env: props.env,
    resources: props.resources,
    mounts: mounts.length > 0 ? mounts : undefined,
    readiness: props.readiness === false ? undefined : props.readiness ?? defaults.readiness,
    liveness: props.liveness === false ? undefined : props.liveness ?? defaults.liveness,
    imagePullPolicy: props.imagePullPolicy,
  };
  return {
    ...props,
    securityProfile: props.securityProfile?._withDefaultUser(defaults.restricted.runAsUser),
    containers: [main, ...(props.containers ?? [])],
  };
}
