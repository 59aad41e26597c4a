import { array, record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { POD_MAKERS } from '../walk/pods';

/** `fsGroupChangePolicy` values. */
export const FS_GROUP_CHANGE_POLICIES = ['OnRootMismatch', 'Always'];

export const rule = defineRule({
  id: 'pod-security-context',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'fsGroup and supplementalGroups are group ids (0–2147483647), fsGroupChangePolicy OnRootMismatch or Always, sysctl names valid and unique, no shareProcessNamespace with hostPID',
  fix: 'use group ids from 0 to 2147483647, fsGroupChangePolicy OnRootMismatch or Always, valid unique sysctl names, and not shareProcessNamespace with hostPID',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.validatePodSpecSecurityContext',
  podSpec({ field, spec }, r) {
    if (spec.securityContext !== undefined) {
      const sc = record(spec.securityContext);
      const at = `${field}.securityContext`;
      const groupId = (f: string, v: unknown) => r.check(f, v, validators.integer(v) === undefined ? undefined : `a group id: ${validators.integer(v)}`);
      if (sc.fsGroup !== undefined) groupId(`${at}.fsGroup`, sc.fsGroup);
      array(sc.supplementalGroups).forEach((g, i) => groupId(`${at}.supplementalGroups[${i}]`, g));
      if (sc.fsGroupChangePolicy !== undefined && !FS_GROUP_CHANGE_POLICIES.includes(sc.fsGroupChangePolicy as string)) {
        r.add(`${at}.fsGroupChangePolicy`, sc.fsGroupChangePolicy, `one of ${FS_GROUP_CHANGE_POLICIES.join(', ')}`);
      }
      const names = new Set<unknown>();
      array(sc.sysctls).forEach((s, i) => {
        const sysctl = record(s);
        r.check(`${at}.sysctls[${i}].name`, sysctl.name, validators.sysctlName(sysctl.name));
        if (names.has(sysctl.name)) r.add(`${at}.sysctls[${i}].name`, sysctl.name, 'a sysctl no other entry sets');
        names.add(sysctl.name);
        if (typeof sysctl.value !== 'string') r.add(`${at}.sysctls[${i}].value`, sysctl.value, 'a string value', 'quote it');
      });
    }
    if (spec.shareProcessNamespace === true && spec.hostPID === true) {
      r.add(`${field}.shareProcessNamespace`, true, 'false or unset with hostPID: a pod shares its own process namespace or the node\'s, not both');
    }
  },
});
