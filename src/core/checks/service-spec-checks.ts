/**
 * The checks of a Service's spec beyond its type, selector and ports, as the API server makes
 * them (`ValidateService` and the functions it calls in Kubernetes 1.28's
 * `pkg/apis/core/validation/validation.go`, the Service defaults of `pkg/apis/core/v1/defaults.go`
 * and the IP family checks of `pkg/registry/core/service/storage/alloc.go`): session affinity,
 * traffic policies, the LoadBalancer-only fields, cluster IP, external IPs and IP families.
 * Run on a written Service by the engine, and on a spec an `ExposedService` is about to write.
 */
import type { Reporter } from '../problems';
import type { Json } from '../manifest';
import { array, record } from '../manifest';
import * as rules from '../rules';
import { asText } from '../util';

/** The annotation older clouds read the load balancer's source ranges from. */
export const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
/** The kubelet's port: the API server refuses it on a LoadBalancer Service. */
export const KUBELET_PORT = 10250;

const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['SingleStack', 'PreferDualStack', 'RequireDualStack'];

/**
 * Checks the spec of a Service (and the source ranges annotation of its metadata).
 * @param field names a field of the manifest (`spec.externalTrafficPolicy`) as the caller reports it
 */
export function checkServiceSpec(r: Reporter, metadata: Json, spec: Json, field: (manifestField: string) => string = f => f): void {
  const type = spec.type ?? 'ClusterIP';
  const lb = type === 'LoadBalancer';
  const external = type === 'ExternalName';
  const onlyLb = (name: string, value: unknown) => r.add('load-balancer-fields', field(`spec.${name}`), value,
    `no ${name} on a ${asText(type)} Service: only a LoadBalancer Service has it`, `use type LoadBalancer, or drop ${name}`);

  // Session affinity: None or ClientIP; a ClientIP timeout from 1 s to a day; a config without
  // ClientIP is dropped by the defaults.
  const affinity = spec.sessionAffinity === '' ? undefined : spec.sessionAffinity; // (the defaults make '' None)
  const config = spec.sessionAffinityConfig;
  if (affinity !== undefined && affinity !== 'None' && affinity !== 'ClientIP') {
    r.add('session-affinity', field('spec.sessionAffinity'), affinity, 'one of None, ClientIP', 'use SessionAffinity.clientIp(), or leave it out');
  }
  if (affinity === 'ClientIP' && config !== undefined) {
    const timeout = record(record(config).clientIP).timeoutSeconds;
    if (timeout !== undefined && (!Number.isInteger(timeout) || (timeout as number) < 1 || (timeout as number) > 86400)) {
      r.add('session-affinity', field('spec.sessionAffinityConfig.clientIP.timeoutSeconds'), timeout,
        'whole seconds from 1 to 86400 (one day)', 'give a timeout from 1 to 86400 seconds, or leave it out for 3 hours');
    }
  } else if (config !== undefined && (affinity === undefined || affinity === 'None')) {
    r.add('type-field', field('spec.sessionAffinityConfig'), config,
      'no sessionAffinityConfig without sessionAffinity ClientIP: the API server drops it', 'set sessionAffinity to ClientIP, or drop the config');
  }
  if (external && affinity === 'ClientIP') {
    r.add('type-field', field('spec.sessionAffinity'), affinity, 'no session affinity on an ExternalName Service: it is a DNS CNAME, with no proxy to keep it',
      'drop sessionAffinity');
  }

  // Traffic policies.
  const etp = spec.externalTrafficPolicy;
  if (etp !== undefined && etp !== '') {
    if (type !== 'NodePort' && !lb) {
      r.add('traffic-policy', field('spec.externalTrafficPolicy'), etp, `no externalTrafficPolicy on a ${asText(type)} Service: only NodePort and LoadBalancer Services take outside traffic`,
        'use type NodePort or LoadBalancer, or drop externalTrafficPolicy');
    } else if (!TRAFFIC_POLICIES.includes(etp as string)) {
      r.add('traffic-policy', field('spec.externalTrafficPolicy'), etp, 'one of Cluster, Local');
    }
  }
  const itp = spec.internalTrafficPolicy;
  if (itp !== undefined) {
    if (!TRAFFIC_POLICIES.includes(itp as string)) r.add('traffic-policy', field('spec.internalTrafficPolicy'), itp, 'one of Cluster, Local');
    else if (external) {
      r.add('type-field', field('spec.internalTrafficPolicy'), itp, 'no internalTrafficPolicy on an ExternalName Service: it has no endpoints to route to (the API server accepts and ignores it)',
        'drop internalTrafficPolicy');
    }
  }

  // The LoadBalancer-only fields.
  const ranges = spec.loadBalancerSourceRanges;
  const annotated = record(metadata.annotations)[SOURCE_RANGES_ANNOTATION];
  if (ranges !== undefined && !Array.isArray(ranges)) {
    r.add('load-balancer-fields', field('spec.loadBalancerSourceRanges'), ranges, 'a list of IP ranges in CIDR notation');
  } else if (array(ranges).length > 0) {
    if (!lb) onlyLb('loadBalancerSourceRanges', ranges);
    array(ranges).forEach((c, i) => r.check('load-balancer-fields', field(`spec.loadBalancerSourceRanges[${i}]`), c, rules.cidr(c),
      'write the range with its prefix length, e.g. "203.0.113.0/24" (one address: "203.0.113.7/32")'));
  } else if (annotated !== undefined) {
    const at = field(`metadata.annotations[${JSON.stringify(SOURCE_RANGES_ANNOTATION)}]`);
    if (!lb) {
      r.add('load-balancer-fields', at, annotated, `no ${SOURCE_RANGES_ANNOTATION} annotation on a ${asText(type)} Service: only a LoadBalancer Service has source ranges`,
        'use type LoadBalancer, or drop the annotation');
    }
    const text = typeof annotated === 'string' ? annotated.trim() : annotated;
    if (typeof text === 'string' && text !== '' && text.split(',').some(c => rules.cidr(c) !== undefined)) {
      r.add('load-balancer-fields', at, annotated, 'a comma-separated list of IP ranges in CIDR notation, e.g. "10.0.0.0/24,192.168.2.0/24"');
    }
  }
  const lbClass = spec.loadBalancerClass;
  if (lbClass !== undefined && lbClass !== null) {
    if (!lb) onlyLb('loadBalancerClass', lbClass);
    else r.check('load-balancer-fields', field('spec.loadBalancerClass'), lbClass, rules.qualifiedName(lbClass));
  }
  const allocate = spec.allocateLoadBalancerNodePorts;
  if (allocate !== undefined && allocate !== null) {
    if (!lb) onlyLb('allocateLoadBalancerNodePorts', allocate);
    else if (typeof allocate !== 'boolean') r.add('load-balancer-fields', field('spec.allocateLoadBalancerNodePorts'), allocate, 'true or false');
  }
  if (lb) {
    array(spec.ports).forEach((p, i) => {
      if (record(p).port === KUBELET_PORT) {
        r.add('load-balancer-fields', field(`spec.ports[${i}].port`), KUBELET_PORT, `a port other than ${KUBELET_PORT} on a LoadBalancer Service: the kubelet uses it`,
          'expose the Service on another port (targetPort may stay 10250)');
      }
    });
  }

  // Cluster IP, external IPs, IP families.
  const families = array(spec.ipFamilies);
  const clusterIP = spec.clusterIP;
  if (typeof clusterIP === 'string' && clusterIP !== '' && clusterIP !== 'None' && !external) {
    const ip = rules.parseIp(clusterIP);
    if (ip === undefined) {
      r.add('cluster-ip', field('spec.clusterIP'), clusterIP, `"None" (headless) or ${rules.ipAddress(clusterIP)} from the cluster's Service range`,
        'leave clusterIP out to have one allocated, or use CLUSTER_IP_NONE for a headless Service');
    } else if (IP_FAMILIES.includes(families[0] as string) && (families[0] === 'IPv6') !== rules.isIpv6(ip)) {
      r.add('cluster-ip', field('spec.clusterIP'), clusterIP, `an ${String(families[0])} address, as ipFamilies[0] says`, 'make clusterIP and the first of ipFamilies agree');
    }
  }
  const ips = spec.externalIPs;
  if (ips !== undefined && !Array.isArray(ips)) r.add('external-ips', field('spec.externalIPs'), ips, 'a list of IP addresses');
  array(ips).forEach((ip, i) => r.check('external-ips', field(`spec.externalIPs[${i}]`), ip, rules.nonSpecialIp(ip)));
  if (external && array(ips).length > 0) {
    r.add('type-field', field('spec.externalIPs'), ips, 'no externalIPs on an ExternalName Service: it is a DNS CNAME, nothing listens on them (the API server accepts and ignores them)',
      'drop externalIPs, or use type ClusterIP');
  }
  const policy = spec.ipFamilyPolicy;
  if (external) {
    if (families.length > 0) r.add('ip-families', field('spec.ipFamilies'), families, 'no ipFamilies on an ExternalName Service: it has no IPs', 'drop ipFamilies');
    if (policy !== undefined && policy !== null) r.add('ip-families', field('spec.ipFamilyPolicy'), policy, 'no ipFamilyPolicy on an ExternalName Service: it has no IPs', 'drop ipFamilyPolicy');
    return;
  }
  const seen = new Set<unknown>();
  families.forEach((f, i) => {
    if (!IP_FAMILIES.includes(f as string)) r.add('ip-families', field(`spec.ipFamilies[${i}]`), f, 'one of IPv4, IPv6');
    else if (seen.has(f)) r.add('ip-families', field(`spec.ipFamilies[${i}]`), f, 'each family once: at most one IPv4 and one IPv6');
    seen.add(f);
  });
  if (policy !== undefined && policy !== null && !IP_FAMILY_POLICIES.includes(policy as string)) {
    r.add('ip-families', field('spec.ipFamilyPolicy'), policy, `one of ${IP_FAMILY_POLICIES.join(', ')}`);
  } else if (policy === 'SingleStack' && families.length === 2) {
    r.add('ip-families', field('spec.ipFamilyPolicy'), policy, 'PreferDualStack or RequireDualStack with two ipFamilies: SingleStack takes one',
      'list one family, or use IpFamilyPolicy.PREFER_DUAL_STACK');
  }
}
