import { defineRule } from '../rule';
import { targetOf } from '../versions';
import { handlersOf, unknownHandlers } from '../walk/handlers';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'unknown-field',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'no field the target\'s Kubernetes does not have (a probe handler on a hook, a hook\'s `sleep` before 1.29): strict decoding refuses the object before validating it',
  fix: 'remove the field the target Kubernetes does not know (a hook\'s sleep before 1.29: use Hook.exec([\'sleep\', \'N\'])), or target a version that has it (kubernetesVersion)',
  versions: { from: '1.28' },
  upstream: 'k8s.io/apiserver strict field validation (fieldValidation=Strict)',
  podSpec({ field, spec }, r, { options }) {
    for (const site of handlersOf(field, spec, targetOf(options))) {
      if (site.forbidden) continue;
      for (const k of unknownHandlers(site)) {
        r.add(`${site.field}.${k}`, site.handler[k], `a handler the target's Kubernetes has here: ${site.allowed.join(', ')}${k === 'sleep' ? ' (sleep is a field from 1.29, kept from 1.30)' : ''}`,
          `use one of ${site.allowed.join(', ')}`);
      }
    }
  },
});
