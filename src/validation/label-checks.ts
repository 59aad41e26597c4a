import { ProblemCollector } from '../errors';
import * as rules from './rules';

/** Checks a label map (pod labels, Service labels, selectors): an object of valid keys to valid values. */
export function checkLabels(problems: ProblemCollector, field: string, labels: unknown): void {
  if (labels === undefined) return;
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels)) {
    problems.add(field, labels, 'an object of label keys to label values');
    return;
  }
  for (const [key, value] of Object.entries(labels)) {
    problems.check(`${field} key`, key, rules.labelKey(key));
    problems.check(`${field}[${JSON.stringify(key)}]`, value, rules.labelValue(value));
  }
}
