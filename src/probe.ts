import { k8s } from 'cdk8s-plus-28';
import { ValidationError } from './errors';

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
    checkArguments('Probe.httpGet()', options, [['path', path, typeof path === 'string', 'a URL path, e.g. "/healthz"']]);
    return new Probe('httpGet', options, options.port, path);
  }

  /** Succeeds when a TCP connection to the port opens. */
  public static tcpSocket(options: PortProbeOptions = {}): Probe {
    checkArguments('Probe.tcpSocket()', options, []);
    return new Probe('tcpSocket', options, options.port);
  }

  /** Succeeds when the command exits 0 inside the container. */
  public static exec(command: readonly string[], options: ProbeOptions = {}): Probe {
    checkArguments('Probe.exec()', options, [['command', command,
      Array.isArray(command) && command.length > 0 && command.every(c => typeof c === 'string'), 'a non-empty array of strings']]);
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
   * The timing fields that are not a non-negative integer, as `[field, value]`.
   * @internal
   */
  public _badTiming(): Array<[string, unknown]> {
    return TIMING_FIELDS
      .filter(f => this.options[f] !== undefined && !(Number.isInteger(this.options[f]) && this.options[f]! >= 0))
      .map(f => [f, this.options[f]]);
  }

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

const TIMING_FIELDS = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold'] as const;

/** A JavaScript caller may pass anything: report it like every other input mistake. */
function checkArguments(fn: string, options: unknown, checks: Array<[string, unknown, boolean, string]>): void {
  const problems = checks.filter(([, , ok]) => !ok).map(([field, value, , allowed]) => ({ path: fn, field, value, allowed }));
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    problems.push({ path: fn, field: 'options', value: options, allowed: 'an object of probe options' });
  }
  if (problems.length > 0) throw new ValidationError(problems);
}
