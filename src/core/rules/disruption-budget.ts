import { record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { labelSelectorFindings } from '../walk/labels';

export const rule = defineRule({
  id: 'disruption-budget',
  source: 'api-server',
  severity: 'error',
  kinds: ['PodDisruptionBudget'],
  summary: 'a PodDisruptionBudget sets minAvailable or maxUnavailable, not both, each an integer of 0 or more or a percentage of at most 100%',
  fix: 'set exactly one of minAvailable and maxUnavailable (DisruptionBudget.minAvailable() or .maxUnavailable()), an integer of 0 or more or a percentage such as "50%"',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/policy/validation.ValidatePodDisruptionBudgetSpec',
  check({ model, about }) {
    for (const pdb of model.disruptionBudgets) {
      const r = about(pdb);
      const spec = record(pdb.raw.spec);
      if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
        r.add('spec', { minAvailable: spec.minAvailable, maxUnavailable: spec.maxUnavailable }, 'minAvailable or maxUnavailable, not both', 'keep one of them');
      }
      for (const field of ['minAvailable', 'maxUnavailable'] as const) {
        if (spec[field] !== undefined) r.check(`spec.${field}`, spec[field], validators.intOrPercent(spec[field], true));
      }
      // (the selector's labels are rule labels')
      if (spec.selector !== undefined && spec.selector !== null) {
        for (const f of labelSelectorFindings('spec.selector', record(spec.selector))) if (f.part === 'expression') r.add(f.field, f.value, f.allowed);
      }
    }
  },
});
