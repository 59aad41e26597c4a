import { record } from '../manifest';
import type { ObjectReporter } from '../rule';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { containersOf } from '../walk/containers';
import { POD_MAKERS } from '../walk/pods';

function checkUsers(r: ObjectReporter, field: string, sc: { readonly [key: string]: unknown }): void {
  for (const id of ['runAsUser', 'runAsGroup']) {
    if (sc[id] !== undefined) r.check(`${field}.${id}`, sc[id], validators.integer(sc[id]));
  }
}

export const rule = defineRule({
  id: 'security-context',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'user and group ids are integers (a user of 0 or more)',
  fix: 'give runAsUser and runAsGroup as whole numbers from 0 to 2147483647 (runAsUser 0 is root)',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.ValidateSecurityContext and validatePodSpecSecurityContext',
  podSpec({ field, spec }, r) {
    for (const c of containersOf(field, spec)) checkUsers(r, `${c.field}.securityContext`, record(c.container.securityContext));
    checkUsers(r, `${field}.securityContext`, record(spec.securityContext));
  },
});
