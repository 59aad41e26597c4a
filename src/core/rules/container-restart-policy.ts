import { defineRule } from '../rule';
import { containersOf } from '../walk/containers';
import { POD_MAKERS } from '../walk/pods';
import { atLeast, targetOf } from '../versions';

/** A regular container's restart policies from 1.35 (ContainerRestartRules, beta and on by default). */
const CONTAINER_RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];

export const rule = defineRule({
  id: 'container-restart-policy',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'no restartPolicy of its own on an app container before 1.35 (only an init container, a native sidecar, has one); from 1.35 one of Always, OnFailure, Never',
  fix: 'remove restartPolicy from the app container (or, from 1.35, set Always, OnFailure or Never); to run it as a native sidecar, move it to initContainers with restartPolicy: ContainerRestartPolicy.ALWAYS',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.validateContainers (restartPolicy forbidden before ContainerRestartRules; validateContainerRestartPolicy from 1.35)',
  podSpec({ field, spec }, r, { options }) {
    const ownPolicies = atLeast(targetOf(options), '1.35');
    for (const c of containersOf(field, spec)) {
      const policy = c.container.restartPolicy;
      if (policy !== undefined && !c.init && ownPolicies) {
        if (!CONTAINER_RESTART_POLICIES.includes(policy as string)) r.add(`${c.field}.restartPolicy`, policy, `one of ${CONTAINER_RESTART_POLICIES.join(', ')}`);
      } else if (policy !== undefined && !c.init) {
        r.add(`${c.field}.restartPolicy`, policy, 'no restartPolicy on an app container: only an init container has its own (a native sidecar)');
      }
    }
  },
});
