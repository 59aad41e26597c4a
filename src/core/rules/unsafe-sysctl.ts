import { safeSysctlSince, safeSysctls } from '../checks/pod-security';
import { array, record } from '../manifest';
import { defineRule } from '../rule';
import { targetOf } from '../versions';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'unsafe-sysctl',
  source: 'kubelet',
  severity: 'warning',
  kinds: POD_MAKERS,
  summary: 'a pod\'s sysctls are safe at the target minor (the safe list grows in 1.29, 1.32 and 1.37): the kubelet refuses a pod with another (SysctlForbidden) unless its --allowed-unsafe-sysctls names it',
  versions: { from: '1.28' },
  upstream: 'pkg/kubelet/sysctl/safe_sysctls.go SafeSysctlAllowlist (and allowlist.go)',
  podSpec({ field, spec }, r, { options }) {
    const target = targetOf(options);
    const safe = safeSysctls(target);
    array(record(spec.securityContext).sysctls).forEach((s, i) => {
      const name = record(s).name;
      if (typeof name !== 'string' || safe.includes(name)) return;
      const since = safeSysctlSince(name);
      r.add(`${field}.securityContext.sysctls[${i}].name`, name,
        `a sysctl the kubelet of Kubernetes ${target} deems safe (${safe.join(', ')})${since !== undefined ? `; ${name} is safe from ${since}` : ''}`,
        since !== undefined
          ? `target ${since} or later (the context value "cdk8s-pods-services:kubernetesVersion"), or allow it on the nodes (kubelet --allowed-unsafe-sysctls)`
          : 'allow it on the nodes (kubelet --allowed-unsafe-sysctls), or leave it out');
    });
  },
});
