import { array, at, record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { POD_MAKERS } from '../walk/pods';
import { serviceSites } from '../walk/services';

export const rule = defineRule({
  id: 'strict-ip',
  source: 'api-server',
  severity: 'error',
  kinds: [...POD_MAKERS, 'Service', 'NetworkPolicy'],
  summary: 'IP addresses and CIDRs as 1.36\'s strict parsing takes them: no leading 0s, no IPv4-mapped IPv6 address, no CIDR bits beyond the prefix (hostAliases, dnsConfig nameservers, Service clusterIPs, externalIPs and loadBalancerSourceRanges, NetworkPolicy ipBlocks)',
  fix: 'write the address without leading zeros, an IPv4 address as IPv4 (not ::ffff:a.b.c.d), and a CIDR with no bits set beyond its prefix (10.0.0.0/8, not 10.1.0.0/8)',
  // StrictIPCIDRValidation: alpha in 1.33, beta and on by default from 1.36
  versions: { from: '1.36' },
  upstream: 'pkg/apis/core/validation.IsValidIPForLegacyField / IsValidCIDRForLegacyField (StrictIPCIDRValidation), k8s.io/apimachinery/pkg/util/validation/ip.go',
  podSpec({ field, spec }, r) {
    array(spec.hostAliases).forEach((a, i) => r.check(`${field}.hostAliases[${i}].ip`, record(a).ip, validators.strictIp(record(a).ip)));
    array(record(spec.dnsConfig).nameservers).forEach((ns, i) => r.check(`${field}.dnsConfig.nameservers[${i}]`, ns, validators.strictIp(ns)));
  },
  check({ model, about }) {
    for (const { object, spec } of serviceSites(model)) {
      const r = about(object);
      if (spec.clusterIP !== 'None') r.check('spec.clusterIP', spec.clusterIP, validators.strictIp(spec.clusterIP));
      array(spec.clusterIPs).forEach((ip, i) => { if (ip !== 'None') r.check(`spec.clusterIPs[${i}]`, ip, validators.strictIp(ip)); });
      array(spec.externalIPs).forEach((ip, i) => r.check(`spec.externalIPs[${i}]`, ip, validators.strictIp(ip)));
      array(spec.loadBalancerSourceRanges).forEach((c, i) => r.check(`spec.loadBalancerSourceRanges[${i}]`, c, validators.strictCidr(c)));
    }
    for (const object of model.objects) {
      if (object.builtinKind !== 'NetworkPolicy') continue;
      const r = about(object);
      for (const direction of ['ingress', 'egress'] as const) {
        array(at(object.raw, 'spec')[direction]).forEach((rule, i) => {
          const peers = array(record(rule)[direction === 'ingress' ? 'from' : 'to']);
          peers.forEach((p, j) => {
            const block = record(record(p).ipBlock);
            const f = `spec.${direction}[${i}].${direction === 'ingress' ? 'from' : 'to'}[${j}].ipBlock`;
            if (block.cidr !== undefined) r.check(`${f}.cidr`, block.cidr, validators.strictCidr(block.cidr));
            array(block.except).forEach((c, k) => r.check(`${f}.except[${k}]`, c, validators.strictCidr(c)));
          });
        });
      }
    }
  },
});
