import { defineRule } from '../rule';
import { containersOf } from '../walk/containers';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'init-restart-policy',
  source: 'ours',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'an init container\'s own restartPolicy is Always (a 1.28 API server without the SidecarContainers gate drops any value, 1.29 and later refuse another)',
  fix: 'set an init container\'s restartPolicy to Always (a native sidecar), or leave it out (a regular init container)',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.validateInitContainers (restartPolicy Always only)',
  podSpec({ field, spec }, r) {
    for (const c of containersOf(field, spec)) {
      const policy = c.container.restartPolicy;
      if (c.init && policy !== undefined && policy !== 'Always') {
        r.add(`${c.field}.restartPolicy`, policy, 'Always (the only restart policy of an init container: it makes it a native sidecar)');
      }
    }
  },
});
