/**
 * Checks the constructs share (not part of the public API).
 */
import { ProblemCollector } from '../core/problems';
import * as rules from '../core/rules';
import { isPlainObject } from '../core/util';

/**
 * Checks a label map (pod labels, Service labels, selectors): an object of valid keys to valid values.
 */
export function checkLabels(problems: ProblemCollector, field: string, labels: unknown): void {
  if (labels === undefined) return;
  if (!isPlainObject(labels)) {
    problems.add('props', field, labels, 'an object of label keys to label values');
    return;
  }
  for (const [key, value] of Object.entries(labels)) {
    problems.check('labels', field, key, rules.labelKey(key));
    problems.check('labels', `${field}[${JSON.stringify(key)}]`, value, rules.labelValue(value));
  }
}

