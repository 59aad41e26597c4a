import { defineRule } from '../rule';
import * as validators from '../validators';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'termination-grace-period',
  source: 'ours',
  severity: 'warning',
  kinds: POD_MAKERS,
  summary: 'terminationGracePeriodSeconds is an integer of 0 or more (the API server only warns, and treats a negative one as 1)',
  fix: 'give terminationGracePeriodSeconds as a whole number of 0 or more',
  versions: { from: '1.28' },
  upstream: 'pkg/api/pod/warnings.go (a negative terminationGracePeriodSeconds is a warning, and is treated as 1)',
  podSpec({ field, spec }, r) {
    const grace = spec.terminationGracePeriodSeconds;
    if (grace === undefined) return;
    r.check(`${field}.terminationGracePeriodSeconds`, grace, validators.integer(grace),
      typeof grace === 'number' && grace < 0 ? 'use 0 to kill at once, or a positive number of seconds' : undefined);
  },
});
