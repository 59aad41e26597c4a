/**
 * PodSecurity admission judges each Pod by the `pod-security.kubernetes.io/*` labels of its
 * namespace: under `enforce` it refuses a Pod that breaks the level, and a controller whose pod
 * template breaks it is accepted (with a warning) but never makes a pod (`FailedCreate ...
 * violates PodSecurity`). Where the app writes the Namespace with that label, the pods and
 * templates it places there are judged at that level here (checks/namespace-pod-security.ts; the
 * levels of checks/pod-security.ts, compared with the admission library by the oracle). `warn`
 * and `audit`: namespace-pod-security-warn. The control plane shows it
 * (test/controlplane/rules.test.ts).
 */
import { judgeNamespacePodSecurity } from '../checks/namespace-pod-security';
import { defineRule } from '../rule';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'namespace-pod-security',
  source: 'admission',
  severity: 'error',
  kinds: [...POD_MAKERS, 'Namespace'],
  summary: 'pods and pod templates in a Namespace the app writes with a pod-security.kubernetes.io/enforce label meet that level, as PodSecurity admission judges them: else the Pod is refused, and a controller never makes its pods',
  fix: 'make the pod meet the Namespace\'s enforce level (SecurityProfile.RESTRICTED meets restricted; baseline forbids privileged, host namespaces and hostPath), or lower the pod-security.kubernetes.io/enforce label',
  versions: { from: '1.28' },
  upstream: 'k8s.io/pod-security-admission/admission/admission.go ValidatePod, ValidatePodController (level and version from the namespace labels)',
  check({ model, about }) {
    judgeNamespacePodSecurity(model, ['enforce'], about);
  },
});
