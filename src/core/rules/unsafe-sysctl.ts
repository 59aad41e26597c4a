import { safeSysctlSince, safeSysctls } from '../checks/pod-security';
import { array, record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { targetOf } from '../versions';

/** A sysctl name with `.` as the separator, as the kubelet reads it (sysctl.NormalizeName: `/` first means `/` and `.` swapped). */
function normalized(name: string): string {
  const slash = name.indexOf('/');
  const dot = name.indexOf('.');
  if (slash < 0 || (dot >= 0 && dot < slash)) return name;
  return name.replace(/[./]/g, c => (c === '/' ? '.' : '/'));
}
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'unsafe-sysctl',
  source: 'kubelet',
  severity: 'warning',
  kinds: POD_MAKERS,
  summary: 'a pod\'s sysctls are safe at the target minor (the safe list grows in 1.29, 1.32 and 1.37): the kubelet refuses a pod with another (SysctlForbidden) unless its --allowed-unsafe-sysctls names it',
  fix: 'use a sysctl safe at the target minor, target the minor from which it is safe, or have the cluster\'s kubelets allow it with --allowed-unsafe-sysctls',
  versions: { from: '1.28' },
  upstream: 'pkg/kubelet/sysctl/safe_sysctls.go SafeSysctlAllowlist (and allowlist.go)',
  podSpec({ field, spec }, r, { options }) {
    const target = targetOf(options);
    const safe = safeSysctls(target);
    array(record(spec.securityContext).sysctls).forEach((s, i) => {
      const written = record(s).name;
      // (a malformed name is rule pod-security-context's)
      if (typeof written !== 'string' || validators.sysctlName(written) !== undefined) return;
      const name = normalized(written);
      if (safe.includes(name)) return;
      const since = safeSysctlSince(name);
      r.add(`${field}.securityContext.sysctls[${i}].name`, written,
        `a sysctl the kubelet of Kubernetes ${target} deems safe (${safe.join(', ')})${since !== undefined ? `; ${name} is safe from ${since}` : ''}`,
        since !== undefined
          ? `target ${since} or later (the context value "cdk8s-pods-services:kubernetesVersion"), or allow it on the nodes (kubelet --allowed-unsafe-sysctls)`
          : 'allow it on the nodes (kubelet --allowed-unsafe-sysctls), or leave it out');
    });
  },
});
