/**
 * The checks of a container's probes, lifecycle hooks and own restart policy, over the
 * container as written: what the API server refuses (validateProbe, validateLifecycle,
 * validateInitContainers), and a named port the container does not declare, which the API
 * server accepts and the kubelet then fails on.
 */
import { Reporter } from '../problems';
import * as rules from '../rules';
import { array, Json, record, str } from '../manifest';
import { atLeast, KubernetesVersion } from '../versions';

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
/**
 * Hook handlers of the target's API: `sleep` is a field from 1.29 (kept by default from 1.30:
 * rule `field-version` says so at 1.29); a 1.28 API server's strict decoding refuses it.
 */
const hookHandlers = (target: KubernetesVersion) => (atLeast(target, '1.29') ? ['exec', 'httpGet', 'tcpSocket', 'sleep'] : ['exec', 'httpGet', 'tcpSocket']);
const SCHEMES = ['HTTP', 'HTTPS'];

/** The probes, hooks and restart policy of one container (`init`: of `initContainers`). */
export function checkProbesAndHooks(r: Reporter, field: string, c: Json, init: boolean, target: KubernetesVersion): void {
  if (c.restartPolicy === undefined && c.lifecycle === undefined && c.readinessProbe === undefined && c.livenessProbe === undefined && c.startupProbe === undefined) return;
  const policy = c.restartPolicy;
  if (policy !== undefined && !init) {
    r.add('container-restart-policy', `${field}.restartPolicy`, policy, 'no restartPolicy on an app container: only an init container has its own (a native sidecar)');
  } else if (policy !== undefined && policy !== 'Always') {
    r.add('init-restart-policy', `${field}.restartPolicy`, policy, 'Always (the only restart policy of an init container: it makes it a native sidecar)');
  }
  const sidecar = init && policy === 'Always';
  const portNames = array(c.ports).map(p => str(record(p).name)).filter((n): n is string => n !== undefined && n !== '');
  for (const probeField of PROBES) {
    if (c[probeField] === undefined) continue;
    if (init && !sidecar) {
      r.add('probes', `${field}.${probeField}`, Object.keys(record(c[probeField])),
        'no probes on an init container: it runs to completion before the app starts (only a native sidecar, restartPolicy Always, has probes)');
      continue;
    }
    checkProbe(r, `${field}.${probeField}`, record(c[probeField]), probeField === 'readinessProbe', portNames);
  }
  const lifecycle = record(c.lifecycle);
  for (const hook of ['postStart', 'preStop']) {
    if (lifecycle[hook] === undefined) continue;
    if (init && !sidecar) {
      r.add('lifecycle', `${field}.lifecycle.${hook}`, Object.keys(record(lifecycle[hook])),
        'no lifecycle hooks on an init container (only a native sidecar, restartPolicy Always, has them)');
      continue;
    }
    checkHandler(r, 'lifecycle', `${field}.lifecycle.${hook}`, record(lifecycle[hook]), hookHandlers(target), portNames);
  }
}

function checkProbe(r: Reporter, field: string, probe: Json, readiness: boolean, portNames: readonly string[]): void {
  checkHandler(r, 'probes', field, probe, PROBE_HANDLERS, portNames);
  for (const timing of ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold']) {
    if (probe[timing] !== undefined) r.check('probes', `${field}.${timing}`, probe[timing], rules.integer(probe[timing]));
  }
  // A probe's own grace period replaces the pod's when the probe kills the container: a
  // readiness probe kills nothing (validateReadinessProbe), and 0 would kill at once (validateProbe).
  const grace = probe.terminationGracePeriodSeconds;
  if (grace !== undefined && grace !== null) {
    if (readiness) {
      r.add('probes', `${field}.terminationGracePeriodSeconds`, grace, 'none on a readiness probe: it never stops the container, so it has no grace period',
        'drop it, or set it on the liveness or startup probe');
    } else {
      r.check('probes', `${field}.terminationGracePeriodSeconds`, grace, rules.integer(grace, 1, Number.MAX_SAFE_INTEGER)); // (an int64)
    }
  }
  // (0 is defaulted to 1 before validation: SetDefaults_Probe)
  if (!readiness && probe.successThreshold !== undefined && probe.successThreshold !== 1 && probe.successThreshold !== 0) {
    r.add('probes', `${field}.successThreshold`, probe.successThreshold, '1 (a liveness or startup probe succeeds once)');
  }
}

/** One handler of the kinds allowed, and its fields (validateHandler). */
function checkHandler(r: Reporter, rule: 'probes' | 'lifecycle', field: string, h: Json, allowed: readonly string[], portNames: readonly string[]): void {
  const handlers = Object.keys(h).filter(k => PROBE_HANDLERS.includes(k) || k === 'sleep');
  // A handler this kind of object does not have is a field the API server cannot decode.
  const unknown = handlers.filter(k => !allowed.includes(k));
  for (const k of unknown) {
    r.add('unknown-field', `${field}.${k}`, h[k], `a handler the target's Kubernetes has here: ${allowed.join(', ')}${k === 'sleep' ? ' (sleep is a field from 1.29, kept from 1.30)' : ''}`,
      `use one of ${allowed.join(', ')}`);
  }
  if (unknown.length === 0 && handlers.length !== 1) r.add(rule, field, handlers, `exactly one handler: ${allowed.join(', ')}`);
  // (validateSleepAction: whole seconds, at least 1 on every supported minor; 0 only with 1.33's PodLifecycleSleepActionAllowZero)
  if (h.sleep !== undefined) r.check(rule, `${field}.sleep.seconds`, record(h.sleep).seconds, rules.integer(record(h.sleep).seconds, 1, Number.MAX_SAFE_INTEGER));
  const exec = record(h.exec);
  if (h.exec !== undefined && array(exec.command).length === 0) r.add(rule, `${field}.exec.command`, exec.command, 'a command');
  for (const handler of ['httpGet', 'tcpSocket', 'grpc']) {
    if (h[handler] === undefined) continue;
    const port = record(h[handler]).port;
    // (a gRPC port has no name in the API)
    const problem = handler === 'grpc' ? rules.portNumber(port) : rules.portNumberOrName(port);
    r.check(rule, `${field}.${handler}.port`, port, problem);
    if (typeof port === 'string' && problem === undefined && !portNames.includes(port)) {
      r.add('probe-port-name', `${field}.${handler}.port`, port,
        `the name of a port of this container (${portNames.length > 0 ? portNames.map(n => JSON.stringify(n)).join(', ') : 'it names none'}): the kubelet looks the name up there, and fails otherwise`,
        'name the container port, or give the number');
    }
  }
  const http = record(h.httpGet);
  if (h.httpGet === undefined) return;
  // (no path or scheme, or an empty one, is defaulted to "/" and HTTP before validation: SetDefaults_HTTPGetAction)
  if (http.scheme !== undefined && http.scheme !== '' && !SCHEMES.includes(http.scheme as string)) r.add(rule, `${field}.httpGet.scheme`, http.scheme, 'HTTP or HTTPS');
  array(http.httpHeaders).forEach((header, i) => {
    const name = record(header).name;
    r.check(rule, `${field}.httpGet.httpHeaders[${i}].name`, name, rules.httpHeaderName(name));
  });
}
