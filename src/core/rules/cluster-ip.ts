import { array } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { serviceSites } from '../walk/services';

const IP_FAMILIES = ['IPv4', 'IPv6'];

export const rule = defineRule({
  id: 'cluster-ip',
  source: 'api-server',
  severity: 'error',
  kinds: ['Service'],
  summary: 'clusterIP "None" (headless) or an IP address of the first IP family, "None" only on a ClusterIP Service; no clusterIP on an ExternalName Service',
  fix: 'leave clusterIP out (the allocator picks one), or give "None" on a ClusterIP Service for a headless one, or an address of the Service\'s first IP family inside the cluster\'s service CIDR; an ExternalName Service has none',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.ValidateService (and the IP family checks of pkg/registry/core/service/storage)',
  check({ model, about }) {
    for (const { object, spec, type } of serviceSites(model)) {
      const r = about(object);
      const external = type === 'ExternalName';
      const clusterIP = spec.clusterIP;
      if (clusterIP === 'None' && (type === 'NodePort' || type === 'LoadBalancer')) {
        r.add('spec.clusterIP', 'None', `a cluster IP (not "None") on a ${type} Service: only a ClusterIP Service can be headless`,
          'leave clusterIP out, or use type ClusterIP for a headless Service');
      } else if (external && clusterIP !== undefined && clusterIP !== '') {
        r.add('spec.clusterIP', clusterIP, 'no clusterIP on an ExternalName Service: it is a DNS CNAME', 'drop clusterIP');
      }
      if (typeof clusterIP === 'string' && clusterIP !== '' && clusterIP !== 'None' && !external) {
        const families = array(spec.ipFamilies);
        const ip = validators.parseIp(clusterIP);
        if (ip === undefined) {
          r.add('spec.clusterIP', clusterIP, `"None" (headless) or ${validators.ipAddress(clusterIP)} from the cluster's Service range`,
            'leave clusterIP out to have one allocated, or use CLUSTER_IP_NONE for a headless Service');
        } else if (IP_FAMILIES.includes(families[0] as string) && (families[0] === 'IPv6') !== validators.isIpv6(ip)) {
          r.add('spec.clusterIP', clusterIP, `an ${String(families[0])} address, as ipFamilies[0] says`, 'make clusterIP and the first of ipFamilies agree');
        }
      }
    }
  },
});
