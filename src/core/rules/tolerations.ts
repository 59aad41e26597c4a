import { array, record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { POD_MAKERS } from '../walk/pods';

const TOLERATION_OPERATORS = ['Equal', 'Exists'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export const rule = defineRule({
  id: 'tolerations',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'a toleration has a label-name key (or none with operator Exists), operator Equal or Exists (no value with Exists), effect NoSchedule, PreferNoSchedule or NoExecute, and tolerationSeconds only with NoExecute',
  fix: 'write each toleration with a label-name key (or none with operator Exists), operator Equal or Exists (no value with Exists), effect NoSchedule, PreferNoSchedule or NoExecute, and tolerationSeconds only with NoExecute',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.ValidateTolerations',
  podSpec({ field, spec }, r) {
    array(spec.tolerations).forEach((t, i) => {
      const tol = record(t);
      const f = `${field}.tolerations[${i}]`;
      const key = tol.key ?? '';
      // (an empty operator is Equal: ValidateTolerations)
      const operator = tol.operator === undefined || tol.operator === '' ? 'Equal' : tol.operator;
      if (key !== '') r.check(`${f}.key`, key, validators.labelKey(key));
      else if (operator !== 'Exists') {
        r.add(`${f}.operator`, tol.operator, 'Exists when the key is empty (an empty key with Exists tolerates every taint)', 'give a key, or use the operator Exists');
      }
      if (tol.tolerationSeconds !== undefined && tol.effect !== 'NoExecute') {
        r.add(`${f}.effect`, tol.effect, 'NoExecute with tolerationSeconds: only a NoExecute taint evicts, after that many seconds', 'drop tolerationSeconds, or use the effect NoExecute');
      }
      if (tol.tolerationSeconds !== undefined) r.check(`${f}.tolerationSeconds`, tol.tolerationSeconds, validators.integer(tol.tolerationSeconds, -(2 ** 63), 2 ** 63));
      if (operator === 'Equal') {
        r.check(`${f}.value`, tol.value ?? '', validators.labelValue(tol.value ?? ''));
      } else if (operator === 'Exists') {
        if (tol.value !== undefined && tol.value !== '') r.add(`${f}.value`, tol.value, 'no value with the operator Exists (it matches any value)', 'drop the value, or use the operator Equal');
      } else {
        r.add(`${f}.operator`, operator, `one of ${TOLERATION_OPERATORS.join(', ')}`);
      }
      if (tol.effect !== undefined && tol.effect !== '' && !TAINT_EFFECTS.includes(tol.effect as string)) {
        r.add(`${f}.effect`, tol.effect, `one of ${TAINT_EFFECTS.join(', ')} (or none: every effect)`);
      }
    });
  },
});
