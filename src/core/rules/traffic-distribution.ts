import { defineRule } from '../rule';
import type { KubernetesVersion } from '../versions';
import { atLeast, targetOf } from '../versions';
import { serviceSites } from '../walk/services';

/** The first minor whose API server takes `PreferSameZone` and `PreferSameNode` (PreferSameTrafficDistribution, beta on in 1.34, GA 1.35). */
export const PREFER_SAME_FROM: KubernetesVersion = '1.34';

/** The values of `spec.trafficDistribution` the target's API server takes. */
export function trafficDistributions(target: KubernetesVersion): string[] {
  return atLeast(target, PREFER_SAME_FROM) ? ['PreferClose', 'PreferSameZone', 'PreferSameNode'] : ['PreferClose'];
}

export const rule = defineRule({
  id: 'traffic-distribution',
  source: 'api-server',
  severity: 'error',
  kinds: ['Service'],
  summary: 'spec.trafficDistribution PreferClose, or from 1.34 also PreferSameZone and PreferSameNode',
  fix: 'use TrafficDistribution.PREFER_SAME_ZONE or PREFER_SAME_NODE (Kubernetes 1.34 and later), or PREFER_CLOSE before 1.34',
  // (before 1.31 the field is dropped: rule field-version)
  versions: { from: '1.31' },
  upstream: 'pkg/apis/core/validation.validateServiceTrafficDistribution (ServiceTrafficDistribution, PreferSameTrafficDistribution)',
  check({ model, options, about }) {
    const target = targetOf(options);
    const allowed = trafficDistributions(target);
    for (const { object, spec } of serviceSites(model)) {
      const value = spec.trafficDistribution;
      if (value === undefined || value === null || allowed.includes(value as string)) continue;
      const later = ['PreferSameZone', 'PreferSameNode'].includes(value as string);
      about(object).add('spec.trafficDistribution', value, `one of ${allowed.join(', ')} at Kubernetes ${target}${later ? ` (${value as string} from ${PREFER_SAME_FROM})` : ''}`,
        later ? `target ${PREFER_SAME_FROM} or later (kubernetesVersion), or use PreferClose` : `use one of ${allowed.join(', ')}`);
    }
  },
});
