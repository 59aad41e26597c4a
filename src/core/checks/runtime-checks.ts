/**
 * The checks of a pod spec's identity and runtime fields: service account, image pull Secrets,
 * termination grace period, DNS, host aliases and the pod-level security context beyond the
 * users (fsGroup, supplementalGroups, sysctls). One function per field group, over the fields
 * as the Kubernetes API spells them: the engine runs them on written manifests, the constructs
 * on their props (which are spelled the same), so both report the same rules.
 */
import type { Reporter } from '../problems';
import * as rules from '../rules';
import { array, record } from '../manifest';
import { isPlainObject } from '../util';

/** `dnsPolicy` values of Kubernetes 1.28. */
export const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];
/** `fsGroupChangePolicy` values. */
export const FS_GROUP_CHANGE_POLICIES = ['OnRootMismatch', 'Always'];
/** The most nameservers a pod's `dnsConfig` may list (libc's limit). */
export const MAX_DNS_NAMESERVERS = 3;
/** The most search domains. */
export const MAX_DNS_SEARCHES = 32;
/** The most characters of the search list, spaces between domains included. */
export const MAX_DNS_SEARCH_CHARS = 2048;

/** The fields {@link checkPodRuntime} looks into. */
const RUNTIME_FIELDS = ['serviceAccountName', 'priorityClassName', 'imagePullSecrets', 'terminationGracePeriodSeconds', 'dnsPolicy', 'dnsConfig',
  'hostAliases', 'shareProcessNamespace'];

/** Every identity and runtime field of a pod spec (`field` is the spec's path). */
export function checkPodRuntime(r: Reporter, field: string, spec: { readonly [key: string]: unknown }): void {
  if (!RUNTIME_FIELDS.some(f => spec[f] !== undefined)) return;
  const at = (f: string) => (field === '' ? f : `${field}.${f}`);
  checkIdentity(r, at, spec);
  if (spec.imagePullSecrets !== undefined) {
    array(spec.imagePullSecrets).forEach((s, i) => {
      const name = isPlainObject(s) ? s.name : s;
      r.check('image-pull-secrets', `${at('imagePullSecrets')}[${i}]`, name,
        rules.dns1123Subdomain(name) === undefined ? undefined : `the name of a Secret: ${rules.dns1123Subdomain(name)}`);
    });
  }
  const grace = spec.terminationGracePeriodSeconds;
  if (grace !== undefined) {
    r.check('termination-grace-period', at('terminationGracePeriodSeconds'), grace, rules.integer(grace),
      typeof grace === 'number' && grace < 0 ? 'use 0 to kill at once, or a positive number of seconds' : undefined);
  }
  checkDns(r, at, spec.dnsPolicy, spec.dnsConfig);
  array(spec.hostAliases).forEach((a, i) => {
    const alias = record(a);
    r.check('host-aliases', `${at('hostAliases')}[${i}].ip`, alias.ip, rules.ipAddress(alias.ip));
    array(alias.hostnames).forEach((h, j) => r.check('host-aliases', `${at('hostAliases')}[${i}].hostnames[${j}]`, h, rules.dns1123Subdomain(h)));
  });
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    r.add('pod-security-context', at('shareProcessNamespace'), true, 'false or unset with hostPID: a pod shares its own process namespace or the node\'s, not both');
  }
}

function checkIdentity(r: Reporter, at: (f: string) => string, spec: { readonly [key: string]: unknown }): void {
  for (const f of ['serviceAccountName', 'priorityClassName']) {
    if (spec[f] !== undefined && spec[f] !== '') r.check('pod-identity', at(f), spec[f], rules.dns1123Subdomain(spec[f]));
  }
}

/** `dnsPolicy` and `dnsConfig` (validateDNSPolicy, validatePodDNSConfig). */
function checkDns(r: Reporter, at: (f: string) => string, policy: unknown, config: unknown): void {
  if (policy !== undefined && !DNS_POLICIES.includes(policy as string)) {
    r.add('dns', at('dnsPolicy'), policy, `one of ${DNS_POLICIES.join(', ')}`);
  }
  const dns = record(config);
  const nameservers = array(dns.nameservers);
  if (policy === 'None' && nameservers.length === 0) {
    r.add('dns', at('dnsConfig.nameservers'), dns.nameservers, 'at least one nameserver under dnsPolicy None: the pod gets no other DNS settings',
      'list a nameserver in dnsConfig, or use another dnsPolicy');
  }
  if (nameservers.length > MAX_DNS_NAMESERVERS) {
    r.add('dns', at('dnsConfig.nameservers'), nameservers, `at most ${MAX_DNS_NAMESERVERS} nameservers (the resolver reads no more)`);
  }
  nameservers.forEach((ns, i) => r.check('dns', `${at('dnsConfig.nameservers')}[${i}]`, ns, rules.ipAddress(ns)));
  const searches = array(dns.searches);
  if (searches.length > MAX_DNS_SEARCHES) r.add('dns', at('dnsConfig.searches'), searches.length, `at most ${MAX_DNS_SEARCHES} search domains`);
  const chars = searches.map(String).join(' ').length;
  if (chars > MAX_DNS_SEARCH_CHARS) r.add('dns', at('dnsConfig.searches'), chars, `at most ${MAX_DNS_SEARCH_CHARS} characters in the search list, spaces included`);
  searches.forEach((s, i) => {
    const domain = typeof s === 'string' && s.endsWith('.') ? s.slice(0, -1) : s;
    r.check('dns', `${at('dnsConfig.searches')}[${i}]`, s, rules.dns1123Subdomain(domain) === undefined ? undefined
      : 'a search domain: a DNS-1123 subdomain (lowercase letters, digits, "-" and "."), a trailing "." allowed');
  });
  array(dns.options).forEach((o, i) => {
    const name = record(o).name;
    if (typeof name !== 'string' || name === '') r.add('dns', `${at('dnsConfig.options')}[${i}].name`, name, 'an option name, e.g. "ndots"');
  });
}

/** The pod-level security context's group ids, change policy and sysctls (validatePodSpecSecurityContext). */
export function checkPodSecurityContext(r: Reporter, field: string, sc: { readonly [key: string]: unknown }): void {
  const groupId = (f: string, v: unknown) => r.check('pod-security-context', f, v, rules.integer(v) === undefined ? undefined : `a group id: ${rules.integer(v)}`);
  if (sc.fsGroup !== undefined) groupId(`${field}.fsGroup`, sc.fsGroup);
  array(sc.supplementalGroups).forEach((g, i) => groupId(`${field}.supplementalGroups[${i}]`, g));
  if (sc.fsGroupChangePolicy !== undefined && !FS_GROUP_CHANGE_POLICIES.includes(sc.fsGroupChangePolicy as string)) {
    r.add('pod-security-context', `${field}.fsGroupChangePolicy`, sc.fsGroupChangePolicy, `one of ${FS_GROUP_CHANGE_POLICIES.join(', ')}`);
  }
  const names = new Set<unknown>();
  array(sc.sysctls).forEach((s, i) => {
    const sysctl = record(s);
    r.check('pod-security-context', `${field}.sysctls[${i}].name`, sysctl.name, rules.sysctlName(sysctl.name));
    if (names.has(sysctl.name)) r.add('pod-security-context', `${field}.sysctls[${i}].name`, sysctl.name, 'a sysctl no other entry sets');
    names.add(sysctl.name);
    if (typeof sysctl.value !== 'string') r.add('pod-security-context', `${field}.sysctls[${i}].value`, sysctl.value, 'a string value', 'quote it');
  });
}
