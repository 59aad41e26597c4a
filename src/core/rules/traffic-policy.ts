import { defineRule } from '../rule';
import { serviceSites } from '../walk/services';

const TRAFFIC_POLICIES = ['Cluster', 'Local'];

export const rule = defineRule({
  id: 'traffic-policy',
  source: 'api-server',
  severity: 'error',
  kinds: ['Service'],
  summary: 'externalTrafficPolicy Cluster or Local, only on NodePort and LoadBalancer Services; internalTrafficPolicy Cluster or Local',
  fix: 'use externalTrafficPolicy Cluster or Local on NodePort and LoadBalancer Services only, and internalTrafficPolicy Cluster or Local',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.ValidateService (validateServiceExternalTrafficPolicy, validateServiceInternalTrafficFieldsValue)',
  check({ model, about }) {
    for (const { object, spec, type } of serviceSites(model)) {
      const etp = spec.externalTrafficPolicy;
      if (etp !== undefined && etp !== '') {
        if (type !== 'NodePort' && type !== 'LoadBalancer') {
          about(object).add('spec.externalTrafficPolicy', etp, `no externalTrafficPolicy on a ${String(type)} Service: only NodePort and LoadBalancer Services take outside traffic`,
            'use type NodePort or LoadBalancer, or drop externalTrafficPolicy');
        } else if (!TRAFFIC_POLICIES.includes(etp as string)) {
          about(object).add('spec.externalTrafficPolicy', etp, 'one of Cluster, Local');
        }
      }
      const itp = spec.internalTrafficPolicy;
      if (itp !== undefined && !TRAFFIC_POLICIES.includes(itp as string)) about(object).add('spec.internalTrafficPolicy', itp, 'one of Cluster, Local');
    }
  },
});
