import { AppPodProps } from './app-pod';
import { ContainerProps, ContainerResources, ImagePullPolicy } from './container';
import { Probe } from './probe';
import { VolumeMount } from './volume';

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
   * Readiness probe of the main container.
   * @default - none
   */
  readonly readiness?: Probe;
  /**
   * Liveness probe of the main container.
   * @default - none
   */
  readonly liveness?: Probe;
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

/** The defaults a preset applies to its main container. */
export interface PresetDefaults {
  /** The main container's image. */
  readonly image: string;
  /** The port the main container listens on. */
  readonly port: number;
  /** The main container's name. */
  readonly containerName: string;
}

/** The AppPod props of a preset: its main container first, then the user's containers. */
export function presetPodProps(props: PresetPodProps, defaults: PresetDefaults): AppPodProps {
  const main: ContainerProps = {
    name: props.containerName ?? defaults.containerName,
    image: props.image ?? defaults.image,
    port: props.port ?? defaults.port,
    env: props.env,
    resources: props.resources,
    mounts: props.mounts,
    readiness: props.readiness,
    liveness: props.liveness,
    imagePullPolicy: props.imagePullPolicy,
  };
  return { ...props, containers: [main, ...(props.containers ?? [])] };
}
