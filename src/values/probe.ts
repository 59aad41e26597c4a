import { k8s } from 'cdk8s-plus-28';
import { ProblemCollector } from '../core/problems';
import * as rules from '../core/rules';
import { brand, hasBrand, isPlainObject } from '../core/util';

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

const TIMING_FIELDS = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold'] as const;

/**
 * How the kubelet checks a container: readiness (may it get traffic?),
 * liveness (must it be restarted?) or startup.
 *
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
 */
export class Probe {
  /** Whether `x` is a Probe of any copy of this package. */
  public static isProbe(x: unknown): x is Probe {
    return hasBrand(x, 'Probe');
  }

  /** An HTTP GET that succeeds on a status from 200 to 399. */
  public static httpGet(path: string = '/', options: PortProbeOptions = {}): Probe {
    const problems = checkOptions('Probe.httpGet()', options, true);
    if (typeof path !== 'string' || !path.startsWith('/')) problems.add('props', 'path', path, 'a URL path starting with "/", e.g. "/healthz"');
    problems.throwIfAny();
    return new Probe('httpGet', options, options.port, path);
  }

  /** Succeeds when a TCP connection to the port opens. */
  public static tcpSocket(options: PortProbeOptions = {}): Probe {
    checkOptions('Probe.tcpSocket()', options, true).throwIfAny();
    return new Probe('tcpSocket', options, options.port);
  }

  /** Succeeds when the command exits 0 inside the container. */
  public static exec(command: readonly string[], options: ProbeOptions = {}): Probe {
    const problems = checkOptions('Probe.exec()', options, false);
    if (!(Array.isArray(command) && command.length > 0 && command.every(c => typeof c === 'string'))) {
      problems.add('props', 'command', command, 'a non-empty array of strings');
    }
    problems.throwIfAny();
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
  ) {
    brand(this, 'Probe');
  }

  /**
   * The probe as the Kubernetes API spells it.
   * @param containerPort the port used when the probe names none
   * @internal
   */
  public _toKube(containerPort: number | undefined): k8s.Probe {
    const timing: { [key: string]: number } = {};
    for (const f of TIMING_FIELDS) if (this.options[f] !== undefined) timing[f] = this.options[f]!;
    if (this.kind === 'exec') return { exec: { command: this.command }, ...timing };
    // The container's checks make sure there is a port (a probe without one is refused there).
    const port = k8s.IntOrString.fromNumber(this.port ?? containerPort ?? 0);
    if (this.kind === 'tcpSocket') return { tcpSocket: { port }, ...timing };
    return { httpGet: { path: this.path, port }, ...timing };
  }
}

/** A JavaScript caller may pass anything: every mistake of the options, reported together. */
function checkOptions(fn: string, options: unknown, withPort: boolean): ProblemCollector {
  const problems = new ProblemCollector(fn);
  if (!isPlainObject(options)) {
    problems.add('props', 'options', options, 'an object of probe options');
    return problems;
  }
  const o = options as PortProbeOptions;
  for (const f of TIMING_FIELDS) {
    // periodSeconds and failureThreshold of 0 are defaulted by the API server (to 10 and 3).
    if (o[f] !== undefined) problems.check('probes', f, o[f], rules.integer(o[f]));
  }
  if (withPort && o.port !== undefined) problems.check('probes', 'port', o.port, rules.portNumber(o.port));
  return problems;
}
