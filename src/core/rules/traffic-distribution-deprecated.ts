import { defineRule } from '../rule';
import { serviceSites } from '../walk/services';

export const rule = defineRule({
  id: 'traffic-distribution-deprecated',
  source: 'api-server',
  severity: 'warning',
  kinds: ['Service'],
  summary: 'no spec.trafficDistribution PreferClose from 1.35, where the API server warns that it is deprecated for PreferSameZone (the same preference)',
  fix: 'write TrafficDistribution.PREFER_SAME_ZONE (the same preference, Kubernetes 1.34 and later)',
  versions: { from: '1.35' },
  upstream: 'pkg/api/service/warnings.go GetWarningsForService (kubernetes/kubernetes#134457, PreferSameTrafficDistribution GA)',
  check({ model, about }) {
    for (const { object, spec } of serviceSites(model)) {
      if (spec.trafficDistribution !== 'PreferClose') continue;
      about(object).add('spec.trafficDistribution', 'PreferClose', 'PreferSameZone, the same preference: PreferClose is deprecated from Kubernetes 1.35 (the API server warns)',
        'write TrafficDistribution.PREFER_SAME_ZONE');
    }
  },
});
