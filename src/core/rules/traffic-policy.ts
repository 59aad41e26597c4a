import { defineRule } from '../rule';
import { atLeast, targetOf } from '../versions';
import { serviceSites } from '../walk/services';

const TRAFFIC_POLICIES = ['Cluster', 'Local'];

export const rule = defineRule({
  id: 'traffic-policy',
  source: 'api-server',
  severity: 'error',
  kinds: ['Service'],
  summary: 'externalTrafficPolicy Cluster or Local, only on NodePort and LoadBalancer Services (from 1.29 also on a ClusterIP Service with externalIPs); internalTrafficPolicy Cluster or Local',
  fix: 'use externalTrafficPolicy Cluster or Local on NodePort and LoadBalancer Services only, and internalTrafficPolicy Cluster or Local',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.ValidateService (validateServiceExternalTrafficPolicy: from 1.29 apiservice.ExternallyAccessible, kubernetes/kubernetes#119150; validateServiceInternalTrafficFieldsValue)',
  check({ model, options, about }) {
    // 1.29 allows it wherever traffic comes from outside, externalIPs included (kubernetes/kubernetes#119150)
    const externalIPsCount = atLeast(targetOf(options), '1.29');
    for (const { object, spec, type } of serviceSites(model)) {
      const etp = spec.externalTrafficPolicy;
      if (etp !== undefined && etp !== '') {
        const externalIPs = externalIPsCount && type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0;
        if (type !== 'NodePort' && type !== 'LoadBalancer' && !externalIPs) {
          about(object).add('spec.externalTrafficPolicy', etp, `no externalTrafficPolicy on a ${String(type)} Service: only NodePort and LoadBalancer Services take outside traffic`
            + (externalIPsCount ? ', and ClusterIP Services with externalIPs' : ''),
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
