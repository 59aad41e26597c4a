import { record } from '../manifest';
import { defineRule } from '../rule';
import { serviceSites } from '../walk/services';

export const rule = defineRule({
  id: 'session-affinity',
  source: 'api-server',
  severity: 'error',
  kinds: ['Service'],
  summary: 'sessionAffinity None or ClientIP; a ClientIP timeout of 1 to 86400 seconds',
  fix: 'use sessionAffinity None or ClientIP, with a ClientIP timeout from 1 to 86400 seconds',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.ValidateService (validateSessionAffinityConfig)',
  check({ model, about }) {
    for (const { object, spec } of serviceSites(model)) {
      const affinity = spec.sessionAffinity === '' ? undefined : spec.sessionAffinity; // (the defaults make '' None)
      if (affinity !== undefined && affinity !== 'None' && affinity !== 'ClientIP') {
        about(object).add('spec.sessionAffinity', affinity, 'one of None, ClientIP', 'use SessionAffinity.clientIp(), or leave it out');
      }
      if (affinity !== 'ClientIP' || spec.sessionAffinityConfig === undefined) continue;
      const timeout = record(record(spec.sessionAffinityConfig).clientIP).timeoutSeconds;
      if (timeout !== undefined && (!Number.isInteger(timeout) || (timeout as number) < 1 || (timeout as number) > 86400)) {
        about(object).add('spec.sessionAffinityConfig.clientIP.timeoutSeconds', timeout,
          'whole seconds from 1 to 86400 (one day)', 'give a timeout from 1 to 86400 seconds, or leave it out for 3 hours');
      }
    }
  },
});
