import { record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { containersOf } from '../walk/containers';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'resources',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'requests and limits are not negative; no request above its limit',
  fix: 'make every request and limit 0 or more, and each request at most its limit (raise the limit or lower the request)',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.ValidateResourceRequirements',
  podSpec({ field, spec }, r) {
    for (const c of containersOf(field, spec)) {
      const at = `${c.field}.resources`;
      const resources = record(c.container.resources);
      const requests = record(resources.requests);
      const limits = record(resources.limits);
      for (const [kind, map] of [['requests', requests], ['limits', limits]] as const) {
        for (const [name, value] of Object.entries(map)) {
          const parsed = validators.parseQuantity(value);
          if (parsed !== undefined && parsed < 0) r.add(`${at}.${kind}.${name}`, value, validators.QUANTITY_ALLOWED);
        }
      }
      for (const [name, request] of Object.entries(requests)) {
        const req = validators.parseQuantity(request);
        const lim = validators.parseQuantity(limits[name]);
        if (req !== undefined && lim !== undefined && req > lim) {
          r.add(`${at}.requests.${name}`, request, `at most the ${name} limit (${JSON.stringify(limits[name])})`, 'lower the request or raise the limit');
        }
      }
    }
  },
});
