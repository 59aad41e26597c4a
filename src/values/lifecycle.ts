import type * as k8s from '../imports/k8s';
import { ProblemCollector } from '../core/problems';
import { brand, hasBrand, isPlainObject } from '../core/util';
import type { ContainerPort } from './port';
import type { PortRef } from './port-ref';
import type { HttpScheme } from './probe';
import { checkHttpOptions, checkPortOption, httpGetAction, portValue } from './probe';

/** Options of {@link Hook.httpGet}. */
export interface HttpHookOptions {
  /**
   * The port: a number, the name of a port of the same container, the container port itself
   * (the same `ContainerPort` object the container's `ports` list) or a `PortRef`
   * (`pod.portRef('http')`); a handle writes the port's name when it has one, else its number,
   * and must be a TCP port.
   * @default - the container's first port
   */
  readonly port?: number | string | ContainerPort | PortRef;
  /**
   * HTTP or HTTPS.
   * @default - Kubernetes' default (`HttpScheme.HTTP`; not written)
   */
  readonly scheme?: HttpScheme;
  /**
   * Headers sent with the request, by name.
   * @default - none
   */
  readonly headers?: { readonly [name: string]: string };
}

/**
 * A container lifecycle hook: what the kubelet runs right after a container starts
 * (`postStart`) or before it stops it (`preStop`): `exec`, `httpGet`, and from Kubernetes 1.30
 * `sleep` (`tcpSocket` is accepted but never run by the kubelet).
 *
 * A preStop hook runs within the pod's `terminationGracePeriodSeconds` (30 by default),
 * before the stop signal: `Hook.exec(['sleep', '5'])` keeps a server answering while the
 * endpoints controller takes the pod out of its Services, so no request reaches a stopped
 * server (the image needs a `sleep`); `Hook.sleep(5)` does the same with no command in the
 * image, from Kubernetes 1.30 (rule `field-version` refuses it below the target 1.30).
 *
 * @see https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/
 */
export class Hook {
  /** Whether `x` is a Hook of any copy of this package. */
  public static isHook(x: unknown): x is Hook {
    return hasBrand(x, 'Hook');
  }

  /** Runs a command inside the container (no shell unless you call one). */
  public static exec(command: readonly string[]): Hook {
    const problems = new ProblemCollector('Hook.exec()');
    if (!(Array.isArray(command) && command.length > 0 && command.every(c => typeof c === 'string'))) {
      problems.add('props', 'command', command, 'a non-empty array of strings');
    }
    problems.throwIfAny();
    return new Hook('exec', { command: [...command] });
  }

  /** Sends an HTTP GET to the container (a status from 200 to 399 is success). */
  public static httpGet(path: string = '/', options: HttpHookOptions = {}): Hook {
    const problems = new ProblemCollector('Hook.httpGet()');
    if (typeof path !== 'string' || !path.startsWith('/')) problems.add('props', 'path', path, 'a URL path starting with "/", e.g. "/shutdown"');
    if (!isPlainObject(options)) {
      problems.add('props', 'options', options, 'an object { port?, scheme?, headers? }');
      problems.throwIfAny();
    }
    if (options.port !== undefined) checkPortOption(problems, options.port);
    checkHttpOptions(problems, options);
    problems.throwIfAny();
    return new Hook('httpGet', { path, scheme: options.scheme, headers: options.headers ? { ...options.headers } : undefined }, portValue(options.port));
  }

  /**
   * Waits `seconds` before the container goes on (a drain delay as a `preStop` hook), run by the
   * kubelet itself: the image needs no `sleep` command. Kubernetes 1.30 and later (the
   * `PodLifecycleSleepAction` feature, GA in 1.34).
   * @see https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#hook-handler-implementations
   */
  public static sleep(seconds: number): Hook {
    const problems = new ProblemCollector('Hook.sleep()');
    if (!Number.isInteger(seconds) || seconds < 1) problems.add('props', 'seconds', seconds, 'a whole number of seconds, at least 1');
    problems.throwIfAny();
    return new Hook('sleep', { seconds });
  }

  private constructor(
    /** The mechanism: `exec`, `httpGet` or `sleep`. */
    public readonly kind: 'exec' | 'httpGet' | 'sleep',
    private readonly details: { readonly seconds?: number; readonly command?: string[]; readonly path?: string; readonly scheme?: HttpScheme; readonly headers?: { readonly [name: string]: string } },
    /** The port an HTTP hook reaches, when one was given. */
    public readonly port?: number | string,
  ) {
    brand(this, 'Hook');
  }

  /**
   * The hook as the Kubernetes API spells it (a `LifecycleHandler`).
   * @param containerPort the port used when the hook names none
   * @internal
   */
  public _toKube(containerPort: number | undefined): k8s.LifecycleHandler {
    if (this.kind === 'exec') return { exec: { command: [...this.details.command!] } };
    if (this.kind === 'sleep') return { sleep: { seconds: this.details.seconds! } };
    return { httpGet: httpGetAction(this.details, this.port ?? containerPort ?? 0) };
  }
}
