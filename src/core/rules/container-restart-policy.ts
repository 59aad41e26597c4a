import { defineRule } from '../rule';
import { containersOf } from '../walk/containers';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'container-restart-policy',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'no restartPolicy of its own on an app container (only an init container, a native sidecar, has one)',
  fix: 'remove restartPolicy from the app container; to run it as a native sidecar, move it to initContainers with restartPolicy: ContainerRestartPolicy.ALWAYS',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.validateContainers (restartPolicy forbidden)',
  podSpec({ field, spec }, r) {
    for (const c of containersOf(field, spec)) {
      const policy = c.container.restartPolicy;
      if (policy !== undefined && !c.init) {
        r.add(`${c.field}.restartPolicy`, policy, 'no restartPolicy on an app container: only an init container has its own (a native sidecar)');
      }
    }
  },
});
