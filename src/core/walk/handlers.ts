/**
 * The probes and lifecycle hooks of a pod spec's containers, and the findings of a handler's
 * own shape (`validateHandler` of Kubernetes 1.28) as data: rule `probes` reports a probe's,
 * rule `lifecycle` a hook's.
 */
import type { Json} from '../manifest';
import { array, record, str } from '../manifest';
import { JudgmentCache } from './judgment';
import * as validators from '../validators';
import { containersOf } from './containers';
import type { KubernetesVersion } from '../versions';
import { atLeast, DEFAULT_KUBERNETES_VERSION } from '../versions';

/** The probe fields of a container. */
export const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;
/** The handlers a probe can have. */
export const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
/** The hook handlers of Kubernetes 1.28. */
export const HOOK_HANDLERS = ['exec', 'httpGet', 'tcpSocket'];
/**
 * The hook handlers of the target's API: `sleep` is a field from 1.29 (kept by default from 1.30:
 * rule `field-version` says so at 1.29); a 1.28 API server's strict decoding refuses it.
 */
export function hookHandlers(target: KubernetesVersion): readonly string[] {
  return atLeast(target, '1.29') ? [...HOOK_HANDLERS, 'sleep'] : HOOK_HANDLERS;
}
const SCHEMES = ['HTTP', 'HTTPS'];

/** A probe or a hook of a container. */
export interface HandlerSite {
  /** `probe` or `hook`. */
  readonly kind: 'probe' | 'hook';
  /** Its path (`spec.containers[0].readinessProbe`, `spec.containers[0].lifecycle.preStop`). */
  readonly field: string;
  /** The probe or hook as written. */
  readonly handler: Json;
  /** For a probe, whether it is the readiness probe. */
  readonly readiness: boolean;
  /** Whether its container is an init container that is no native sidecar: it may have none. */
  readonly forbidden: boolean;
  /** The handler kinds it may have. */
  readonly allowed: readonly string[];
  /** The names of its container's ports. */
  readonly portNames: readonly string[];
  /** Its container's ports (`containerPort`, `name`, `protocol`, TCP when left out). */
  readonly ports: readonly { readonly number?: number; readonly name?: string; readonly protocol: string }[];
}

const read = new JudgmentCache<Json, { readonly field: string; readonly target: KubernetesVersion; readonly sites: readonly HandlerSite[] }>();

/** Every probe and hook of the containers of a pod spec at `field`, for the target minor (read once per spec and judgment). */
export function handlersOf(field: string, spec: Json, target: KubernetesVersion = DEFAULT_KUBERNETES_VERSION): readonly HandlerSite[] {
  const known = read.get(spec);
  if (known !== undefined && known.field === field && known.target === target) return known.sites;
  const hooks = hookHandlers(target);
  const out: HandlerSite[] = [];
  for (const c of containersOf(field, spec)) {
    const forbidden = c.init && c.container.restartPolicy !== 'Always';
    const portNames = array(c.container.ports).map(p => str(record(p).name)).filter((n): n is string => n !== undefined && n !== '');
    const ports = array(c.container.ports).map(p => {
      const port = record(p);
      return { number: typeof port.containerPort === 'number' ? port.containerPort : undefined, name: str(port.name), protocol: str(port.protocol) ?? 'TCP' };
    });
    for (const probe of PROBES) {
      if (c.container[probe] === undefined) continue;
      out.push({ kind: 'probe', field: `${c.field}.${probe}`, handler: record(c.container[probe]), readiness: probe === 'readinessProbe', forbidden, allowed: PROBE_HANDLERS, portNames, ports });
    }
    const lifecycle = record(c.container.lifecycle);
    for (const hook of ['postStart', 'preStop']) {
      if (lifecycle[hook] === undefined) continue;
      out.push({ kind: 'hook', field: `${c.field}.lifecycle.${hook}`, handler: record(lifecycle[hook]), readiness: false, forbidden, allowed: hooks, portNames, ports });
    }
  }
  read.set(spec, { field, target, sites: out });
  return out;
}

/** The handler kinds written in a probe or hook. */
export function handlerKinds(h: Json): string[] {
  return Object.keys(h).filter(k => PROBE_HANDLERS.includes(k) || k === 'sleep');
}

/** The handler kinds written that this probe or hook cannot have (a field the API server cannot decode). */
export function unknownHandlers(site: HandlerSite): string[] {
  return handlerKinds(site.handler).filter(k => !site.allowed.includes(k));
}

/** What is wrong with a handler's own shape: one handler, a command, a port, a scheme, header names. */
export function handlerFindings(site: HandlerSite): Array<{ field: string; value: unknown; allowed: string }> {
  const out: Array<{ field: string; value: unknown; allowed: string }> = [];
  const { field, handler: h, allowed } = site;
  const handlers = handlerKinds(h);
  if (unknownHandlers(site).length === 0 && handlers.length !== 1) out.push({ field, value: handlers, allowed: `exactly one handler: ${allowed.join(', ')}` });
  // (validateSleepAction: whole seconds, at least 1 on every supported minor; 0 only with 1.33's PodLifecycleSleepActionAllowZero)
  if (h.sleep !== undefined && allowed.includes('sleep')) {
    const seconds = record(h.sleep).seconds;
    const problem = validators.integer(seconds, 1, Number.MAX_SAFE_INTEGER);
    if (problem !== undefined) out.push({ field: `${field}.sleep.seconds`, value: seconds, allowed: problem });
  }
  const exec = record(h.exec);
  if (h.exec !== undefined && array(exec.command).length === 0) out.push({ field: `${field}.exec.command`, value: exec.command, allowed: 'a command' });
  for (const handler of ['httpGet', 'tcpSocket', 'grpc']) {
    if (h[handler] === undefined) continue;
    const port = record(h[handler]).port;
    // (a gRPC port has no name in the API)
    const problem = handler === 'grpc' ? validators.portNumber(port) : validators.portNumberOrName(port);
    if (problem !== undefined) out.push({ field: `${field}.${handler}.port`, value: port, allowed: problem });
  }
  if (h.httpGet === undefined) return out;
  const http = record(h.httpGet);
  // (no path or scheme, or an empty one, is defaulted to "/" and HTTP before validation: SetDefaults_HTTPGetAction)
  if (http.scheme !== undefined && http.scheme !== '' && !SCHEMES.includes(http.scheme as string)) out.push({ field: `${field}.httpGet.scheme`, value: http.scheme, allowed: 'HTTP or HTTPS' });
  array(http.httpHeaders).forEach((header, i) => {
    const name = record(header).name;
    const problem = validators.httpHeaderName(name);
    if (problem !== undefined) out.push({ field: `${field}.httpGet.httpHeaders[${i}].name`, value: name, allowed: problem });
  });
  return out;
}
