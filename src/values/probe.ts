import * as k8s from '../imports/k8s';
import { ProblemCollector } from '../core/problems';
import { brand, definedOnly, hasBrand, isPlainObject } from '../core/util';
import type { ContainerPort } from './port';
import type { PortRef } from './port-ref';

/** The scheme of an HTTP probe or hook. */
export enum HttpScheme {
  /** Plain HTTP. */
  HTTP = 'HTTP',
  /** HTTPS; the kubelet does not verify the certificate. */
  HTTPS = 'HTTPS',
}

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
  /**
   * Consecutive successes after a failure before the probe counts as passing again. Must be 1
   * for a liveness or startup probe (the API server refuses any other); a readiness probe may
   * ask more, to keep a flapping container out of its Services a little longer.
   * @default - Kubernetes' default (1)
   */
  readonly successThreshold?: number;
}

/** Options of a probe that reaches a port. */
export interface PortProbeOptions extends ProbeOptions {
  /**
   * The port to probe: a number, or the name of a port of the same container (an IANA
   * service name such as `"http"`), which keeps the probe right when the number changes. A
   * name must be one the container declares: the API server accepts any, and the kubelet then
   * fails every probe. It may also be the container port itself, the same `ContainerPort` object
   * the container's `ports` list (declare it once, use it in both: `const http = { number: 8080,
   * name: 'http' }`), or a `PortRef` (`pod.portRef('http')`); either writes the port's name when
   * it has one, else its number, and must be a TCP port (probes connect over TCP).
   * @default - the container's first port
   */
  readonly port?: number | string | ContainerPort | PortRef;
}

/** Options of {@link Probe.httpGet}. */
export interface HttpProbeOptions extends PortProbeOptions {
  /**
   * HTTP or HTTPS.
   * @default - Kubernetes' default (`HttpScheme.HTTP`; not written)
   */
  readonly scheme?: HttpScheme;
  /**
   * Headers sent with the request (`Host`, a token, …), by name.
   * @default - none: the kubelet's own (`User-Agent: kube-probe/<version>`, and `Accept` for any type)
   */
  readonly headers?: { readonly [name: string]: string };
}

/** Options of {@link Probe.grpc}. */
export interface GrpcProbeOptions extends ProbeOptions {
  /**
   * The port of the gRPC server (a number: the API has no named gRPC port).
   * @default - the container's first port
   */
  readonly port?: number;
  /**
   * The service name sent in the health check request (`grpc.health.v1.Health/Check`).
   * @default - none: the server's overall health
   */
  readonly service?: string;
}

const TIMING_FIELDS = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold'] as const;

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
  public static httpGet(path: string = '/', options: HttpProbeOptions = {}): Probe {
    const problems = checkOptions('Probe.httpGet()', options, true);
    if (typeof path !== 'string' || !path.startsWith('/')) problems.add('props', 'path', path, 'a URL path starting with "/", e.g. "/healthz"');
    if (isPlainObject(options)) checkHttpOptions(problems, options);
    problems.throwIfAny();
    return new Probe('httpGet', options, portValue(options.port), { path, scheme: options.scheme, headers: options.headers ? { ...options.headers } : undefined });
  }

  /** Succeeds when a TCP connection to the port opens. */
  public static tcpSocket(options: PortProbeOptions = {}): Probe {
    checkOptions('Probe.tcpSocket()', options, true).throwIfAny();
    return new Probe('tcpSocket', options, portValue(options.port));
  }

  /** Succeeds when the command exits 0 inside the container. */
  public static exec(command: readonly string[], options: ProbeOptions = {}): Probe {
    const problems = checkOptions('Probe.exec()', options, false);
    if (!(Array.isArray(command) && command.length > 0 && command.every(c => typeof c === 'string'))) {
      problems.add('props', 'command', command, 'a non-empty array of strings');
    }
    problems.throwIfAny();
    return new Probe('exec', options, undefined, { command: [...command] });
  }

  /**
   * Succeeds when the container's gRPC server answers the standard health check
   * (`grpc.health.v1`) with `SERVING`. GA since Kubernetes 1.27.
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-a-grpc-liveness-probe
   */
  public static grpc(options: GrpcProbeOptions = {}): Probe {
    const problems = checkOptions('Probe.grpc()', options, false);
    if (isPlainObject(options)) {
      if (options.port !== undefined && !isFiniteNumber(options.port)) problems.add('props', 'port', options.port, 'a port number (1–65535)');
      if (options.service !== undefined && typeof options.service !== 'string') problems.add('props', 'service', options.service, 'a service name string');
    }
    problems.throwIfAny();
    return new Probe('grpc', options, options.port, { service: options.service });
  }

  private constructor(
    /** The mechanism: `httpGet`, `tcpSocket`, `exec` or `grpc`. */
    public readonly kind: 'httpGet' | 'tcpSocket' | 'exec' | 'grpc',
    private readonly options: ProbeOptions,
    /** The port the probe reaches, when one was given: a number, or the name of a container port. */
    public readonly port?: number | string,
    private readonly handler: HandlerDetails = {},
  ) {
    brand(this, 'Probe');
  }

  /** The consecutive successes it asks after a failure, when set. */
  public get successThreshold(): number | undefined {
    return this.options.successThreshold;
  }

  /**
   * The probe as the Kubernetes API spells it.
   * @param containerPort the port used when the probe names none
   * @internal
   */
  public _toKube(containerPort: number | undefined): k8s.Probe {
    const timing: { [key: string]: number } = {};
    for (const f of TIMING_FIELDS) if (this.options[f] !== undefined) timing[f] = this.options[f]!;
    if (this.kind === 'exec') return { exec: { command: this.handler.command }, ...timing };
    // The container's checks make sure there is a port (a probe without one is refused there).
    const port = this.port ?? containerPort ?? 0;
    if (this.kind === 'grpc') return { grpc: definedOnly({ port: port as number, service: this.handler.service }), ...timing };
    if (this.kind === 'tcpSocket') return { tcpSocket: { port: intOrString(port) }, ...timing };
    return { httpGet: httpGetAction(this.handler, port), ...timing };
  }
}

/** What a handler needs beyond its port. */
interface HandlerDetails {
  readonly path?: string;
  readonly scheme?: HttpScheme;
  readonly headers?: { readonly [name: string]: string };
  readonly command?: string[];
  readonly service?: string;
}

function intOrString(port: number | string): k8s.IntOrString {
  return typeof port === 'string' ? k8s.IntOrString.fromString(port) : k8s.IntOrString.fromNumber(port);
}

/**
 * An HTTP GET action (of a probe or a hook) as the Kubernetes API spells it.
 * @internal
 */
export function httpGetAction(h: { readonly path?: string; readonly scheme?: HttpScheme; readonly headers?: { readonly [name: string]: string } }, port: number | string): k8s.HttpGetAction {
  const headers = Object.entries(h.headers ?? {}).map(([name, value]) => ({ name, value }));
  return definedOnly({ path: h.path, port: intOrString(port), scheme: h.scheme, httpHeaders: headers.length > 0 ? headers : undefined });
}

/**
 * That the scheme and headers of an HTTP GET (a probe's or a hook's) can be written, into
 * `problems`; their values are judged at synth (rules probes, lifecycle).
 * @internal
 */
export function checkHttpOptions(problems: ProblemCollector, options: { readonly scheme?: unknown; readonly headers?: unknown }): void {
  if (options.scheme !== undefined && typeof options.scheme !== 'string') {
    problems.add('props', 'scheme', options.scheme, 'HttpScheme.HTTP or HttpScheme.HTTPS');
  }
  if (options.headers === undefined) return;
  if (!isPlainObject(options.headers)) {
    problems.add('props', 'headers', options.headers, 'an object of header names to string values');
    return;
  }
  for (const [name, value] of Object.entries(options.headers)) {
    if (typeof value !== 'string') problems.add('props', `headers[${JSON.stringify(name)}]`, value, 'a string');
  }
}

/** A number cdk8s can write (JSON has no NaN or Infinity). */
const isFiniteNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);

/** A JavaScript caller may pass anything: every mistake of the options, reported together. */
function checkOptions(fn: string, options: unknown, withPort: boolean): ProblemCollector {
  const problems = new ProblemCollector(fn);
  if (!isPlainObject(options)) {
    problems.add('props', 'options', options, 'an object of probe options');
    return problems;
  }
  const o = options as PortProbeOptions;
  // (the values are written as given, and judged at synth: rule probes)
  for (const f of TIMING_FIELDS) {
    if (o[f] !== undefined && !isFiniteNumber(o[f])) problems.add('props', f, o[f], 'a whole number');
  }
  if (withPort && o.port !== undefined) checkPortOption(problems, o.port);
  return problems;
}

/**
 * The port of a probe or an HTTP hook (a number, a name, a `ContainerPort` or a `PortRef`), into
 * `problems`: one that can be written. Its number or name is judged at synth (rules probes and
 * lifecycle), and a handle's protocol with it: the written port is the container's, whose
 * protocol the container declares (rule probe-port-name: probes and hooks connect over TCP).
 * @internal
 */
export function checkPortOption(problems: ProblemCollector, port: unknown): void {
  const handle = portHandle(port);
  const writable = (v: unknown) => isFiniteNumber(v) || typeof v === 'string';
  if (handle === undefined) {
    if (!writable(port)) problems.add('props', 'port', port, 'a port number (1–65535), a port name, a ContainerPort or a PortRef');
  } else if (!writable(handle.value)) {
    problems.add('props', 'port', port, 'a container port { number, name?, protocol? } with a number, or a name');
  }
}

/**
 * A port given as a handle (a `PortRef`, or a `ContainerPort` object): what it writes and its
 * protocol, or what is wrong with it; undefined for a number or a name.
 */
function portHandle(port: unknown): { value: number | string; protocol: string } | undefined {
  if (hasBrand(port, 'PortRef')) {
    const ref = port as PortRef;
    return { value: ref.value, protocol: ref.protocol };
  }
  if (!isPlainObject(port)) return undefined;
  const p = port as { number?: unknown; name?: unknown; protocol?: unknown };
  const value = p.name ?? p.number;
  return { value: value as number | string, protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP' };
}

/**
 * What a probe or a hook writes for the port it was given (the name or number of a handle).
 * @internal
 */
export function portValue(port: PortProbeOptions['port']): number | string | undefined {
  return portHandle(port)?.value ?? (port as number | string | undefined);
}
