import { restrictedViolations } from '../checks/pod-security';
import { at, record } from '../manifest';
import { defineRule } from '../rule';
import { targetOf } from '../versions';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'restricted-profile',
  source: 'ours',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'pods under SecurityProfile.RESTRICTED meet the Pod Security Standards "restricted" level',
  fix: 'remove what breaks the restricted level (root user, privilege escalation, added capabilities, a seccomp profile other than RuntimeDefault or Localhost), or use SecurityProfile.AS_BUILT for this pod',
  versions: { from: '1.28' },
  upstream: 'k8s.io/pod-security-admission/policy (level restricted, at the target minor: the safe sysctls grow in 1.29, 1.32 and 1.37)',
  podSpec({ pod, object, spec }, r, { options }) {
    // A pod whose construct promises the "restricted" level keeps it, whatever overrides it got.
    if (object.intent.podSecurity !== 'restricted') return;
    const annotations = record(at(object.raw, `${pod.template}metadata`).annotations);
    for (const v of restrictedViolations(annotations, spec, targetOf(options))) {
      const field = v.field.startsWith('metadata.') ? `${pod.template}${v.field}` : `${pod.template}spec.${v.field}`;
      r.add(field, v.value, `${v.allowed} under SecurityProfile.RESTRICTED (the Pod Security Standards "restricted" level)`,
        'drop the override that breaks it, or use SecurityProfile.NONE');
    }
  },
});
