import { array, record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'host-aliases',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'each host alias has an IP address and hostnames that are DNS-1123 subdomains',
  fix: 'give each host alias an IP address (e.g. "10.1.2.3") and hostnames that are DNS-1123 subdomains ("db.local")',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.ValidateHostAliases',
  podSpec({ field, spec }, r) {
    array(spec.hostAliases).forEach((a, i) => {
      const alias = record(a);
      r.check(`${field}.hostAliases[${i}].ip`, alias.ip, validators.ipAddress(alias.ip));
      array(alias.hostnames).forEach((h, j) => r.check(`${field}.hostAliases[${i}].hostnames[${j}]`, h, validators.dns1123Subdomain(h)));
    });
  },
});
