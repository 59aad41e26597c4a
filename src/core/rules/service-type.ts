import { defineRule } from '../rule';
import { SERVICE_TYPES, serviceSites } from '../walk/services';

export const rule = defineRule({
  id: 'service-type',
  source: 'api-server',
  severity: 'error',
  kinds: ['Service'],
  summary: 'a Service\'s type is ClusterIP, NodePort, LoadBalancer or ExternalName',
  fix: 'use ServiceType.CLUSTER_IP, NODE_PORT, LOAD_BALANCER or EXTERNAL_NAME',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.ValidateService',
  check({ model, about }) {
    for (const s of serviceSites(model)) {
      if (!SERVICE_TYPES.includes(s.type as string)) about(s.object).add('spec.type', s.type, `one of ${SERVICE_TYPES.join(', ')}`);
    }
  },
});
