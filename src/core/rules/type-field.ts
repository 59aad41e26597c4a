import { array, record } from '../manifest';
import { defineRule } from '../rule';
import { SERVICE_TYPES, serviceSites } from '../walk/services';

const TRAFFIC_POLICIES = ['Cluster', 'Local'];

export const rule = defineRule({
  id: 'type-field',
  source: 'ours',
  severity: 'warning',
  kinds: ['Service'],
  summary: 'no Service field its type ignores: no externalName on a ClusterIP, NodePort or LoadBalancer Service, no nodePort, externalIPs, session affinity or internalTrafficPolicy on an ExternalName Service, no sessionAffinityConfig without ClientIP affinity (the API server accepts them and ignores or drops them)',
  fix: 'remove the field the Service\'s type ignores (externalName only on ExternalName; nodePort, externalIPs, session affinity, trafficPolicy not on ExternalName), or change the type',
  versions: { from: '1.28' },
  check({ model, about }) {
    for (const { object, spec, type } of serviceSites(model)) {
      const r = about(object);
      const external = type === 'ExternalName';
      if (!external && spec.externalName !== undefined && SERVICE_TYPES.includes(type as string)) {
        r.add('spec.externalName', spec.externalName, `no externalName on a ${String(type)} Service: only an ExternalName Service uses it (the API server ignores it here)`,
          'use type ExternalName, or drop externalName');
      }
      if (external) {
        array(spec.ports).forEach((p, i) => {
          const nodePort = record(p).nodePort;
          if (typeof nodePort === 'number' && nodePort !== 0) {
            r.add(`spec.ports[${i}].nodePort`, nodePort, 'no nodePort on an ExternalName Service: it has no node ports (the API server ignores it)', 'drop nodePort');
          }
        });
      }
      const affinity = spec.sessionAffinity === '' ? undefined : spec.sessionAffinity; // (the defaults make '' None)
      if (spec.sessionAffinityConfig !== undefined && (affinity === undefined || affinity === 'None')) {
        r.add('spec.sessionAffinityConfig', spec.sessionAffinityConfig,
          'no sessionAffinityConfig without sessionAffinity ClientIP: the API server drops it', 'set sessionAffinity to ClientIP, or drop the config');
      }
      if (external && affinity === 'ClientIP') {
        r.add('spec.sessionAffinity', affinity, 'no session affinity on an ExternalName Service: it is a DNS CNAME, with no proxy to keep it', 'drop sessionAffinity');
      }
      const itp = spec.internalTrafficPolicy;
      if (external && itp !== undefined && TRAFFIC_POLICIES.includes(itp as string)) {
        r.add('spec.internalTrafficPolicy', itp, 'no internalTrafficPolicy on an ExternalName Service: it has no endpoints to route to (the API server accepts and ignores it)',
          'drop internalTrafficPolicy');
      }
      if (external && array(spec.externalIPs).length > 0) {
        r.add('spec.externalIPs', spec.externalIPs, 'no externalIPs on an ExternalName Service: it is a DNS CNAME, nothing listens on them (the API server accepts and ignores them)',
          'drop externalIPs, or use type ClusterIP');
      }
    }
  },
});
