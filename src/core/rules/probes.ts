import { defineRule } from '../rule';
import { targetOf } from '../versions';
import * as validators from '../validators';
import { handlerFindings, handlersOf } from '../walk/handlers';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'probes',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'a probe has one handler, a port to reach and non-negative timings; init containers have none',
  fix: 'give the probe one handler (Probe.httpGet(), .tcpSocket(), .exec() or .grpc()) with a port from 1 to 65535 and timings of 0 or more; no probes on a regular init container',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.validateProbe (and validateInitContainers)',
  podSpec({ field, spec }, r, { options }) {
    for (const site of handlersOf(field, spec, targetOf(options))) {
      if (site.kind !== 'probe') continue;
      const probe = site.handler;
      if (site.forbidden) {
        r.add(site.field, Object.keys(probe),
          'no probes on an init container: it runs to completion before the app starts (only a native sidecar, restartPolicy Always, has probes)');
        continue;
      }
      for (const f of handlerFindings(site)) r.add(f.field, f.value, f.allowed);
      for (const timing of ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold']) {
        if (probe[timing] !== undefined) r.check(`${site.field}.${timing}`, probe[timing], validators.integer(probe[timing]));
      }
      // A probe's own grace period replaces the pod's when the probe kills the container: a
      // readiness probe kills nothing (validateReadinessProbe), and 0 would kill at once (validateProbe).
      const grace = probe.terminationGracePeriodSeconds;
      if (grace !== undefined && grace !== null) {
        if (site.readiness) {
          r.add(`${site.field}.terminationGracePeriodSeconds`, grace, 'none on a readiness probe: it never stops the container, so it has no grace period',
            'drop it, or set it on the liveness or startup probe');
        } else {
          r.check(`${site.field}.terminationGracePeriodSeconds`, grace, validators.integer(grace, 1, Number.MAX_SAFE_INTEGER)); // (an int64)
        }
      }
      // (0 is defaulted to 1 before validation: SetDefaults_Probe)
      if (!site.readiness && probe.successThreshold !== undefined && probe.successThreshold !== 1 && probe.successThreshold !== 0) {
        r.add(`${site.field}.successThreshold`, probe.successThreshold, '1 (a liveness or startup probe succeeds once)');
      }
    }
  },
});
