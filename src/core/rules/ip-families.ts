import { array } from '../manifest';
import { defineRule } from '../rule';
import { serviceSites } from '../walk/services';

const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['SingleStack', 'PreferDualStack', 'RequireDualStack'];

export const rule = defineRule({
  id: 'ip-families',
  source: 'api-server',
  severity: 'error',
  kinds: ['Service'],
  summary: 'ipFamilies IPv4 or IPv6, each once; ipFamilyPolicy SingleStack (with one family), PreferDualStack or RequireDualStack; neither on an ExternalName Service',
  fix: 'list IPv4 and/or IPv6, each once; ipFamilyPolicy SingleStack with one family, PreferDualStack or RequireDualStack; neither on an ExternalName Service',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.ValidateService (validateServiceIPFamily) and pkg/registry/core/service/storage/alloc.go',
  check({ model, about }) {
    for (const { object, spec, type } of serviceSites(model)) {
      const r = about(object);
      const families = array(spec.ipFamilies);
      const policy = spec.ipFamilyPolicy;
      if (type === 'ExternalName') {
        if (families.length > 0) r.add('spec.ipFamilies', families, 'no ipFamilies on an ExternalName Service: it has no IPs', 'drop ipFamilies');
        if (policy !== undefined && policy !== null) r.add('spec.ipFamilyPolicy', policy, 'no ipFamilyPolicy on an ExternalName Service: it has no IPs', 'drop ipFamilyPolicy');
        continue;
      }
      const seen = new Set<unknown>();
      families.forEach((f, i) => {
        if (!IP_FAMILIES.includes(f as string)) r.add(`spec.ipFamilies[${i}]`, f, 'one of IPv4, IPv6');
        else if (seen.has(f)) r.add(`spec.ipFamilies[${i}]`, f, 'each family once: at most one IPv4 and one IPv6');
        seen.add(f);
      });
      if (policy !== undefined && policy !== null && !IP_FAMILY_POLICIES.includes(policy as string)) {
        r.add('spec.ipFamilyPolicy', policy, `one of ${IP_FAMILY_POLICIES.join(', ')}`);
      } else if (policy === 'SingleStack' && families.length === 2) {
        r.add('spec.ipFamilyPolicy', policy, 'PreferDualStack or RequireDualStack with two ipFamilies: SingleStack takes one',
          'list one family, or use IpFamilyPolicy.PREFER_DUAL_STACK');
      }
    }
  },
});
