import { array } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { serviceSites } from '../walk/services';

export const rule = defineRule({
  id: 'external-ips',
  source: 'api-server',
  severity: 'error',
  kinds: ['Service'],
  summary: 'externalIPs are IP addresses, not unspecified, loopback, link-local or link-local multicast',
  fix: 'list only routable IP addresses in externalIPs (no 0.0.0.0, 127.x, 169.254.x or ::1), or drop externalIPs and use a LoadBalancer Service',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.ValidateService (ValidateNonSpecialIP)',
  check({ model, about }) {
    for (const { object, spec } of serviceSites(model)) {
      const ips = spec.externalIPs;
      if (ips !== undefined && !Array.isArray(ips)) about(object).add('spec.externalIPs', ips, 'a list of IP addresses');
      array(ips).forEach((ip, i) => about(object).check(`spec.externalIPs[${i}]`, ip, validators.nonSpecialIp(ip)));
    }
  },
});
