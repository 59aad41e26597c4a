/**
 * The check of a label selector as the API server makes it wherever one is written
 * (`metav1validation.ValidateLabelSelector` of Kubernetes 1.28): its match labels, and each
 * expression's operator, key and the values its operator needs.
 */
import type { RuleId } from '../catalogue';
import { SELECTOR_OPERATORS } from '../label-selector';
import type { Json } from '../manifest';
import { array, record } from '../manifest';
import type { Reporter } from '../problems';
import * as rules from '../rules';
import { checkLabelMap } from './metadata-checks';

/**
 * Checks a label selector at `field`. `rule` is the rule of the object it selects for (an
 * operator or the values it needs); `labelRule` the rule of its keys and values (`rule` unless
 * given: a selector's labels are the rule of labels wherever they are, for the objects whose
 * checks say so).
 */
export function checkLabelSelector(r: Reporter, rule: RuleId, field: string, selector: Json, labelRule: RuleId = rule): void {
  checkLabelMap(r, `${field}.matchLabels`, selector.matchLabels);
  array(selector.matchExpressions).forEach((e, i) => {
    const expr = record(e);
    const f = `${field}.matchExpressions[${i}]`;
    const values = array(expr.values);
    if (expr.operator === 'In' || expr.operator === 'NotIn') {
      if (values.length === 0) r.add(rule, `${f}.values`, expr.values, `at least one value with the operator ${expr.operator}`);
    } else if (expr.operator === 'Exists' || expr.operator === 'DoesNotExist') {
      if (values.length > 0) r.add(rule, `${f}.values`, expr.values, `no values with the operator ${expr.operator}`);
    } else {
      r.add(rule, `${f}.operator`, expr.operator, `one of ${SELECTOR_OPERATORS.join(', ')}`);
    }
    r.check(labelRule, `${f}.key`, expr.key, rules.labelKey(expr.key));
    values.forEach((v, j) => r.check(labelRule, `${f}.values[${j}]`, v, rules.labelValue(v)));
  });
}
