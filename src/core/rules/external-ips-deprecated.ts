import { array } from '../manifest';
import { defineRule } from '../rule';
import { serviceSites } from '../walk/services';

export const rule = defineRule({
  id: 'external-ips-deprecated',
  source: 'api-server',
  severity: 'warning',
  kinds: ['Service'],
  summary: 'no spec.externalIPs from 1.36, where the API server warns that they are deprecated and may no longer be implemented in some clusters',
  fix: 'expose the Service as a LoadBalancer (or through a Gateway) instead of spec.externalIPs, or turn the rule off with skipRules and the reason your cluster still implements them',
  versions: { from: '1.36' },
  upstream: 'pkg/api/service/warnings.go GetWarningsForService (1.36)',
  check({ model, about }) {
    for (const { object, spec } of serviceSites(model)) {
      // (as upstream: not for a headless Service, nor an ExternalName one)
      if (array(spec.externalIPs).length === 0 || spec.clusterIP === 'None' || spec.type === 'ExternalName') continue;
      about(object).add('spec.externalIPs', spec.externalIPs, 'no externalIPs: deprecated from Kubernetes 1.36 (the API server warns; some clusters no longer implement them)',
        'expose the Service as a LoadBalancer (or through a Gateway) instead');
    }
  },
});
