import { defineRule } from '../rule';
import { handlersOf, unknownHandlers } from '../walk/handlers';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'unknown-field',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'no field Kubernetes 1.28 does not have (a hook\'s `sleep`, a probe handler on a hook): strict decoding refuses the object before validating it',
  fix: 'remove the field Kubernetes 1.28 does not know (a hook\'s sleep: use Hook.exec([\'sleep\', \'N\'])), or target a version that has it',
  versions: { from: '1.28' },
  upstream: 'k8s.io/apiserver strict field validation (fieldValidation=Strict)',
  podSpec({ field, spec }, r) {
    for (const site of handlersOf(field, spec)) {
      if (site.forbidden) continue;
      for (const k of unknownHandlers(site)) {
        r.add(`${site.field}.${k}`, site.handler[k], `a handler Kubernetes 1.28 has here: ${site.allowed.join(', ')}${k === 'sleep' ? ' (sleep is Kubernetes 1.29+)' : ''}`,
          `use one of ${site.allowed.join(', ')}`);
      }
    }
  },
});
