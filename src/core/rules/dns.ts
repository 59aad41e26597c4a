import { array, record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { POD_MAKERS } from '../walk/pods';

/** `dnsPolicy` values of Kubernetes 1.28. */
export const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];
/** The most nameservers a pod's `dnsConfig` may list (libc's limit). */
export const MAX_DNS_NAMESERVERS = 3;
/** The most search domains. */
export const MAX_DNS_SEARCHES = 32;
/** The most characters of the search list, spaces between domains included. */
export const MAX_DNS_SEARCH_CHARS = 2048;

export const rule = defineRule({
  id: 'dns',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'dnsPolicy ClusterFirst, ClusterFirstWithHostNet, Default or None; dnsConfig with at most 3 nameserver IPs (at least one under None), at most 32 search domains of 2048 characters in all, each a DNS-1123 subdomain, and named options',
  fix: 'use dnsPolicy ClusterFirst, ClusterFirstWithHostNet, Default or None; in dnsConfig give at most 3 nameserver IPs (at least one under None), at most 32 search domains (DNS subdomains) and option names',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.validateDNSPolicy and validatePodDNSConfig',
  podSpec({ field, spec }, r) {
    const at = (f: string) => `${field}.${f}`;
    const policy = spec.dnsPolicy;
    if (policy !== undefined && !DNS_POLICIES.includes(policy as string)) r.add(at('dnsPolicy'), policy, `one of ${DNS_POLICIES.join(', ')}`);
    const dns = record(spec.dnsConfig);
    const nameservers = array(dns.nameservers);
    if (policy === 'None' && nameservers.length === 0) {
      r.add(at('dnsConfig.nameservers'), dns.nameservers, 'at least one nameserver under dnsPolicy None: the pod gets no other DNS settings',
        'list a nameserver in dnsConfig, or use another dnsPolicy');
    }
    if (nameservers.length > MAX_DNS_NAMESERVERS) r.add(at('dnsConfig.nameservers'), nameservers, `at most ${MAX_DNS_NAMESERVERS} nameservers (the resolver reads no more)`);
    nameservers.forEach((ns, i) => r.check(`${at('dnsConfig.nameservers')}[${i}]`, ns, validators.ipAddress(ns)));
    const searches = array(dns.searches);
    if (searches.length > MAX_DNS_SEARCHES) r.add(at('dnsConfig.searches'), searches.length, `at most ${MAX_DNS_SEARCHES} search domains`);
    const chars = searches.map(String).join(' ').length;
    if (chars > MAX_DNS_SEARCH_CHARS) r.add(at('dnsConfig.searches'), chars, `at most ${MAX_DNS_SEARCH_CHARS} characters in the search list, spaces included`);
    searches.forEach((s, i) => {
      const domain = typeof s === 'string' && s.endsWith('.') ? s.slice(0, -1) : s;
      r.check(`${at('dnsConfig.searches')}[${i}]`, s, validators.dns1123Subdomain(domain) === undefined ? undefined
        : 'a search domain: a DNS-1123 subdomain (lowercase letters, digits, "-" and "."), a trailing "." allowed');
    });
    array(dns.options).forEach((o, i) => {
      const name = record(o).name;
      if (typeof name !== 'string' || name === '') r.add(`${at('dnsConfig.options')}[${i}].name`, name, 'an option name, e.g. "ndots"');
    });
  },
});
