import { defineRule } from '../rule';
import * as validators from '../validators';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'pod-identity',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'serviceAccountName and priorityClassName are DNS-1123 subdomains',
  fix: 'name the ServiceAccount and the PriorityClass by DNS-1123 subdomains (lower-case letters, digits, "-" and ".")',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.ValidatePodSpec (ValidateServiceAccountName, priorityClassName)',
  podSpec({ field, spec }, r) {
    for (const f of ['serviceAccountName', 'priorityClassName']) {
      if (spec[f] !== undefined && spec[f] !== '') r.check(`${field}.${f}`, spec[f], validators.dns1123Subdomain(spec[f]));
    }
  },
});
