import { array, record } from '../manifest';
import { defineRule } from '../rule';
import { containersOf } from '../walk/containers';
import { POD_MAKERS } from '../walk/pods';

/** The resources a container's `resizePolicy` names. */
export const RESIZE_RESOURCES = ['cpu', 'memory'];
/** What a resize does to the container. */
export const RESIZE_RESTART_POLICIES = ['NotRequired', 'RestartContainer'];

export const rule = defineRule({
  id: 'resize-policy',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'a container\'s resizePolicy names cpu or memory, each once, with restartPolicy NotRequired or RestartContainer (only NotRequired in a pod whose restartPolicy is Never)',
  fix: 'give each of cpu and memory at most one entry { resourceName, restartPolicy: NotRequired or RestartContainer }; NotRequired in a pod that is never restarted',
  // (before 1.33 the field is dropped: rule field-version)
  versions: { from: '1.33' },
  upstream: 'pkg/apis/core/validation.validateResizePolicy (InPlacePodVerticalScaling)',
  podSpec({ field, spec }, r) {
    const never = spec.restartPolicy === 'Never';
    for (const c of containersOf(field, spec)) {
      const seen = new Set<unknown>();
      array(c.container.resizePolicy).forEach((raw, i) => {
        const p = record(raw);
        const at = `${c.field}.resizePolicy[${i}]`;
        if (!RESIZE_RESOURCES.includes(p.resourceName as string)) r.add(`${at}.resourceName`, p.resourceName, `one of ${RESIZE_RESOURCES.join(', ')}`);
        else if (seen.has(p.resourceName)) r.add(`${at}.resourceName`, p.resourceName, 'a resource no other entry of the container names', 'keep one entry per resource');
        seen.add(p.resourceName);
        if (!RESIZE_RESTART_POLICIES.includes(p.restartPolicy as string)) r.add(`${at}.restartPolicy`, p.restartPolicy, `one of ${RESIZE_RESTART_POLICIES.join(', ')}`);
        else if (never && p.restartPolicy !== 'NotRequired') {
          r.add(`${at}.restartPolicy`, p.restartPolicy, 'NotRequired in a pod whose restartPolicy is Never (its containers are never restarted)', 'use ResizeRestartPolicy.NOT_REQUIRED, or another pod restartPolicy');
        }
      });
    }
  },
});
