import { k8s } from 'cdk8s-plus-28';

/** Timing of a probe. */
export interface ProbeOptions {
  /**
   * Seconds after the container starts before the first probe.
   * @default - Kubernetes' default (0)
   */
  readonly initialDelaySeconds?: number;
  /**
   * Seconds between probes.
   * @default - Kubernetes' default (10)
   */
  readonly periodSeconds?: number;
  /**
   * Seconds after which a probe times out.
   * @default - Kubernetes' default (1)
   */
  readonly timeoutSeconds?: number;
  /**
   * Consecutive failures before the probe counts as failed.
   * @default - Kubernetes' default (3)
   */
  readonly failureThreshold?: number;
}

/** Options of a probe that reaches a port. */
export interface PortProbeOptions extends ProbeOptions {
  /**
   * The port to probe.
   * @default - the container's first port
   */
  readonly port?: number;
}

/**
 * How the kubelet checks a container: readiness (may it get traffic?),
 * liveness (must it be restarted?) or startup.
 *
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
 */
export class Probe {
  /** An HTTP GET that succeeds on a status from 200 to 399. */
  public static httpGet(path: string = '/', options: PortProbeOptions = {}): Probe {
    return new Probe('httpGet', options, options.port, path);
  }

  /** Succeeds when a TCP connection to the port opens. */
  public static tcpSocket(options: PortProbeOptions = {}): Probe {
    return new Probe('tcpSocket', options, options.port);
  }

  /** Succeeds when the command exits 0 inside the container. */
  public static exec(command: readonly string[], options: ProbeOptions = {}): Probe {
    return new Probe('exec', options, undefined, undefined, [...command]);
  }

  private constructor(
    /** The mechanism: `httpGet`, `tcpSocket` or `exec`. */
    public readonly kind: 'httpGet' | 'tcpSocket' | 'exec',
    private readonly options: ProbeOptions,
    /** The port the probe reaches, when one was given. */
    public readonly port?: number,
    private readonly path?: string,
    private readonly command?: string[],
  ) {}

  /**
   * @param containerPort the port used when the probe names none
   * @internal
   */
  public _toKube(containerPort: number | undefined): k8s.Probe {
    const timing = {
      initialDelaySeconds: this.options.initialDelaySeconds,
      periodSeconds: this.options.periodSeconds,
      timeoutSeconds: this.options.timeoutSeconds,
      failureThreshold: this.options.failureThreshold,
    };
    if (this.kind === 'exec') return { exec: { command: this.command }, ...timing };
    const port = this.port ?? containerPort;
    if (port === undefined) {
      throw new Error(`a ${this.kind} probe needs a port: give the probe a port or the container one`);
    }
    if (this.kind === 'tcpSocket') return { tcpSocket: { port: k8s.IntOrString.fromNumber(port) }, ...timing };
    return { httpGet: { path: this.path, port: k8s.IntOrString.fromNumber(port) }, ...timing };
  }
}
