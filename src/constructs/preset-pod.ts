import type * as k8s from '../imports/k8s';
import { isArray, isPlainObject } from '../core/util';
import type { ContainerProps, ContainerResources, ImagePullPolicy } from '../values/container';
import type { EnvFrom, EnvValue } from '../values/env';
import type { Hook } from '../values/lifecycle';
import type { Probe } from '../values/probe';
import { SecurityProfile } from '../values/security-profile';
import type { VolumeMount } from '../values/volume';
import { Volume } from '../values/volume';
import type { AppPodProps, PresetProblem } from './app-pod';
import { withPresetProblems } from './app-pod';

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
   * How locked down the containers run.
   * @default SecurityProfile.AS_BUILT - the image as it was built, with seccomp `RuntimeDefault`,
   * no privilege escalation and the capabilities the preset's image does not use dropped
   * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
   */
  readonly securityProfile?: SecurityProfile;
  /**
   * Whether the ServiceAccount's API token is mounted into the containers.
   * @default false - the presets' images never call the Kubernetes API; not written (the
   * ServiceAccount's setting) when the pod names a `serviceAccountName`
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
   */
  readonly automountServiceAccountToken?: boolean;
  /**
   * Name of the main container.
   * @default - the preset's container name
   */
  readonly containerName?: string;
  /**
   * Environment variables of the main container: strings, or {@link EnvValue}s that read a
   * ConfigMap or Secret key, a field of the pod or a resource.
   * @default - none
   */
  readonly env?: { readonly [name: string]: string | EnvValue };
  /**
   * Every key of these ConfigMaps and Secrets as environment variables of the main container.
   * @default - none
   */
  readonly envFrom?: readonly EnvFrom[];
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
   * The main container's preStop hook (see `Hook`); `false` for none.
   * @default - the preset's (`NginxPod`: a 5-second sleep under a controller, see `NginxPodProps.preStop`; `FlaskPod`: none)
   */
  readonly preStop?: Hook | false;
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
   * Directories the image writes to, each mounted as an `emptyDir` named after its path (`/var/cache/nginx`: `var-cache-nginx`).
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
  /**
   * The main container's security context under `SecurityProfile.AS_BUILT`, for an image the
   * preset knows; undefined for any other image.
   */
  readonly asBuilt: (image: string) => k8s.SecurityContext | undefined;
}

/**
 * The shape of the props a preset builds on itself, as problems (a JavaScript caller may pass
 * anything): the lists it extends must be arrays. The rest (volumes, the security profile) the
 * pod checks. Undefined when `props` is no object at all (the pod reports that).
 * @internal
 */
export function presetShapeProblems(props: PresetPodProps): PresetProblem[] | undefined {
  if (!isPlainObject(props)) return undefined;
  const problems: PresetProblem[] = [];
  for (const list of EXTENDED_LISTS) {
    if (props[list] !== undefined && !Array.isArray(props[list])) problems.push({ rule: 'props', field: list, value: props[list], allowed: 'an array' });
  }
  return problems;
}

const EXTENDED_LISTS = ['mounts', 'containers', 'initContainers'] as const;

/** A list prop the preset extends: itself when it is an array, else none (its problem is reported). */
export function listOf<T>(list: readonly T[] | undefined): T[] {
  return isArray(list) ? [...list] : [];
}

/**
 * The lists and the preStop hook a preset made of its props (its own containers and mounts
 * added), fresh arrays the preset hands over.
 * @internal
 */
export interface PresetOwnProps {
  /** The main container's mounts. */
  readonly mounts: VolumeMount[];
  /** The app containers after the main one. */
  readonly containers: readonly ContainerProps[];
  /** The init containers. */
  readonly initContainers: readonly ContainerProps[];
  /**
   * The main container's preStop hook.
   * @default - none
   */
  readonly preStop?: Hook | false;
}

/**
 * The AppPod props of a preset: its main container first, then the user's containers, and the
 * problems the preset found, which the pod reports with its own.
 * @param own what the preset made of the props' lists and preStop hook, in their place (without
 * another copy of the props: the pod does not read them)
 * @internal
 */
export function presetPodProps(props: PresetPodProps, defaults: PresetDefaults, problems: readonly PresetProblem[], own?: PresetOwnProps): AppPodProps {
  const profile = presetProfile(props.securityProfile);
  const hardened = profile?.isRestricted === true ? defaults.restricted : undefined;
  const mounts: VolumeMount[] = own !== undefined ? own.mounts : listOf(props.mounts);
  for (const path of hardened?.writablePaths ?? []) {
    mounts.push({ volume: Volume.emptyDir(path.split('/').filter(Boolean).join('-') || 'root'), path });
  }
  const image = props.image ?? hardened?.image ?? defaults.image;
  const main: ContainerProps = {
    name: props.containerName ?? defaults.containerName,
    image,
    securityContext: profile?.isAsBuilt === true && typeof image === 'string' ? defaults.asBuilt(image) : undefined,
    port: props.port ?? hardened?.port ?? defaults.port,
    env: props.env,
    envFrom: props.envFrom,
    resources: props.resources,
    mounts: mounts.length > 0 ? mounts : undefined,
    readiness: props.readiness === false ? undefined : props.readiness ?? defaults.readiness,
    liveness: props.liveness === false ? undefined : props.liveness ?? defaults.liveness,
    imagePullPolicy: props.imagePullPolicy,
    preStop: own !== undefined ? (own.preStop === false ? undefined : own.preStop) : props.preStop === false ? undefined : props.preStop,
  };
  const containers = own !== undefined ? own.containers : isArray(props.containers) ? props.containers : [];
  const initContainers = own !== undefined ? own.initContainers : props.initContainers;
  return withPresetProblems({
    ...props,
    // a list the preset extends, of the wrong shape, is reported by the preset (in `problems`);
    // a profile of the wrong shape goes to the pod as it is, which reports it
    initContainers: Array.isArray(initContainers) ? initContainers : undefined,
    securityProfile: profile ? profile._withDefaultUser(defaults.restricted.runAsUser) : props.securityProfile,
    // The presets' images never call the Kubernetes API: no token, unless the pod runs as a
    // ServiceAccount of its own (which may be there for the API) or says otherwise.
    automountServiceAccountToken: props.automountServiceAccountToken ?? (props.serviceAccountName === undefined ? false : undefined),
    containers: [main, ...containers],
  }, problems);
}

/**
 * A preset's security profile: the one given, `SecurityProfile.AS_BUILT` when none is, and
 * undefined for a value of the wrong type (the pod reports it).
 * @internal
 */
export function presetProfile(given: unknown): SecurityProfile | undefined {
  if (given === undefined) return SecurityProfile.AS_BUILT;
  return SecurityProfile.isSecurityProfile(given) ? given : undefined;
}
