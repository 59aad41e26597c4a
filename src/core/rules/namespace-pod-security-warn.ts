/**
 * Under a namespace's `pod-security.kubernetes.io/warn` label the API server accepts a pod or a
 * controller that breaks the level and answers with a warning; under `audit` it writes an audit
 * annotation. Where the app writes the Namespace with those labels, the pods and templates it
 * places there are judged at that level (checks/namespace-pod-security.ts), as warnings; what
 * `enforce` refuses is namespace-pod-security's.
 */
import { judgeNamespacePodSecurity } from '../checks/namespace-pod-security';
import { defineRule } from '../rule';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'namespace-pod-security-warn',
  source: 'admission',
  severity: 'warning',
  kinds: [...POD_MAKERS, 'Namespace'],
  summary: 'pods and pod templates in a Namespace the app writes with a pod-security.kubernetes.io/warn or audit label meet that level: else the API server warns on apply, or audits',
  fix: 'make the pod meet the Namespace\'s warn/audit level (SecurityProfile.RESTRICTED meets restricted), or lower that label',
  versions: { from: '1.28' },
  upstream: 'k8s.io/pod-security-admission/admission/admission.go ValidatePod, ValidatePodController (warn and audit modes)',
  check({ model, about }) {
    judgeNamespacePodSecurity(model, ['warn', 'audit'], about);
  },
});
