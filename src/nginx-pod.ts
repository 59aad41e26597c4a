import { Construct } from 'constructs';
import { AppPod } from './app-pod';
import { presetPodProps, PresetPodProps } from './preset-pod';

/**
 * Props of {@link NginxPod}.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/
 */
export interface NginxPodProps extends PresetPodProps {
  /**
   * Image of the main container.
   * @default 'nginx' - the stock image, as in the tutorial
   */
  readonly image?: string;
  /**
   * Port the main container listens on.
   * @default 80 - where the stock image listens
   */
  readonly port?: number;
  /**
   * Name of the main container.
   * @default 'nginx'
   */
  readonly containerName?: string;
}

/**
 * The tutorial's web server: a Pod running `nginx` on port 80.
 *
 * The stock image runs as root, writes `/var/cache/nginx` and `/var/run/nginx.pid` at start
 * and binds port 80, so the Pod sets no security context that forbids it
 * (cdk8s-plus's `runAsNonRoot` and read-only root filesystem defaults would stop it).
 *
 * @see https://kubernetes.io/docs/concepts/workloads/pods/
 * @see https://hub.docker.com/_/nginx
 */
export class NginxPod extends AppPod {
  /** The image the tutorial runs. */
  public static readonly DEFAULT_IMAGE = 'nginx';
  /** The port the stock image listens on. */
  public static readonly DEFAULT_PORT = 80;
  /** The main container's name. */
  public static readonly DEFAULT_CONTAINER_NAME = 'nginx';

  constructor(scope: Construct, id: string, props: NginxPodProps = {}) {
    super(scope, id, presetPodProps(props, {
      image: NginxPod.DEFAULT_IMAGE,
      port: NginxPod.DEFAULT_PORT,
      containerName: NginxPod.DEFAULT_CONTAINER_NAME,
    }));
  }
}
