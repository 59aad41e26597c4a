import { defineRule } from '../rule';
import { targetOf } from '../versions';
import { judgedInStatefulSet, podSpecs, STATEFULSET_TEMPLATE_VALIDATED_FROM } from '../walk/pods';

export const rule = defineRule({
  id: 'unchecked-pod-template',
  source: 'controller',
  severity: 'error',
  kinds: ['StatefulSet'],
  summary: 'a StatefulSet\'s pod spec meets the rules the API server applies to a Pod\'s (before 1.34 the API server accepts the StatefulSet without checking its pod spec, then refuses every pod it makes; from 1.34 it refuses the StatefulSet, and each rule says so as its own)',
  fix: 'fix the StatefulSet\'s pod template as the same problem in a Pod\'s spec would be fixed: the finding\'s field names it',
  versions: { from: '1.28', until: STATEFULSET_TEMPLATE_VALIDATED_FROM },
  upstream: 'pkg/apis/apps/validation.ValidatePodTemplateSpecForStatefulSet (before 1.34: labels and annotations only, with a TODO for the rest)',
  check(context) {
    const { model, options, rules, about } = context;
    const target = targetOf(options);
    const unchecked = rules.filter(r => r.podSpec !== undefined && !judgedInStatefulSet(r, target));
    for (const site of podSpecs(model)) {
      if (site.object.builtinKind !== 'StatefulSet') continue;
      const r = about(site.object);
      for (const other of unchecked) {
        // What the other rule finds, said as this rule's: the API server accepts the StatefulSet.
        const add = (field: string, value: unknown, allowed: string, fix?: string) =>
          r.add(field, value, `${allowed} (rule ${other.id}: the API server accepts this StatefulSet and refuses every pod it makes)`, fix);
        other.podSpec!(site, { add, check: (field, value, allowed, fix) => { if (allowed !== undefined) add(field, value, allowed, fix); } }, context);
      }
    }
  },
});
