import { defineRule } from '../rule';
import * as validators from '../validators';
import { serviceSites } from '../walk/services';

export const rule = defineRule({
  id: 'external-name',
  source: 'api-server',
  severity: 'error',
  kinds: ['Service'],
  summary: 'an ExternalName Service has a host name (a DNS-1123 subdomain, a trailing dot allowed)',
  fix: 'give the ExternalName Service a DNS name such as "db.example.com" (lower case, dots between labels, an optional trailing dot), not an IP address or a URL',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.ValidateService',
  check({ model, about }) {
    for (const s of serviceSites(model)) {
      if (s.type !== 'ExternalName') continue;
      if (s.spec.externalName === undefined) about(s.object).add('spec.externalName', undefined, 'a host name for an ExternalName Service (e.g. "foo.bar.example.com")');
      else about(s.object).check('spec.externalName', s.spec.externalName, validators.externalName(s.spec.externalName));
    }
  },
});
