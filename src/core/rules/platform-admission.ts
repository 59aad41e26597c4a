import { checkPlatform } from '../checks/platform-checks';
import type { JudgeOptions } from '../options';
import type { RuleContext } from '../rule';
import { defineRule } from '../rule';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'platform-admission',
  source: 'admission',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'what the named platform (Platform.applyTo, the `platform` setting) refuses in every object that makes pods: on GKE Autopilot a privileged container, a capability added beyond Autopilot\'s list (or NET_RAW), hostNetwork, hostPID or hostIPC, a hostPort, a hostPath volume mounted in write mode or outside /var/log/; on OpenShift (restricted-v2 SCC) a privileged container, allowPrivilegeEscalation, a capability added other than NET_BIND_SERVICE, hostNetwork, hostPID or hostIPC, a hostPort, a volume type outside the SCC\'s list (hostPath among others), a seccomp profile other than RuntimeDefault, a fixed runAsUser or fsGroup (the SCC assigns them from the namespace\'s ranges)',
  fix: 'remove what the platform refuses (privileged, added capabilities, hostNetwork/hostPID/hostIPC, hostPort, hostPath, a fixed user on OpenShift), or use a security profile the platform admits (SecurityProfile.RESTRICTED)',
  versions: { from: '1.28' },
  upstream: 'GKE Autopilot\'s admission policies (GKE Warden); OpenShift\'s restricted-v2 SecurityContextConstraints',
  check({ model, options, about }: RuleContext<JudgeOptions>) {
    checkPlatform(model, about, options);
  },
});
