import { readSelector, SELECTOR_OPERATORS, selectorMatches } from '../label-selector';
import { array, at, record, stringMap } from '../manifest';
import { defineRule } from '../rule';
import { isPlainObject } from '../util';
import { labelSelectorFindings, SELECTOR_KINDS } from '../walk/labels';
import { objectsOfKind } from '../walk/objects';

export const rule = defineRule({
  id: 'controller-selector',
  source: 'api-server',
  severity: 'error',
  kinds: SELECTOR_KINDS,
  summary: 'a controller\'s selector is not empty and matches its pod template\'s labels',
  fix: 'give the controller a selector whose matchLabels all appear in its pod template\'s labels (the pod constructs write both from labels)',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/apps/validation.ValidateDeploymentSpec (selector, ValidateLabelSelector)',
  check({ model, about }) {
    for (const object of objectsOfKind(model, ...SELECTOR_KINDS)) {
      const r = about(object);
      const selector = at(object.raw, 'spec.selector');
      const matchLabels = selector.matchLabels;
      const expressions = array(selector.matchExpressions);
      for (const f of labelSelectorFindings('spec.selector', selector)) if (f.part === 'expression') r.add(f.field, f.value, f.allowed);
      if ((!isPlainObject(matchLabels) || Object.keys(matchLabels).length === 0) && expressions.length === 0) {
        r.add('spec.selector', object.raw.spec === undefined ? undefined : record(object.raw.spec).selector,
          'a non-empty selector: the API server refuses an empty one', 'select the pod template\'s labels with matchLabels');
        continue;
      }
      const labels = record(at(object.raw, 'spec.template.metadata').labels);
      if (isPlainObject(matchLabels) && Object.entries(matchLabels).some(([k, v]) => labels[k] !== v)) {
        r.add('spec.selector.matchLabels', matchLabels,
          'a selector that matches the pod template\'s labels (spec.template.metadata.labels)', 'select exactly the template\'s labels');
      } else if (expressions.every(e => SELECTOR_OPERATORS.includes(record(e).operator as string)) && !selectorMatches(readSelector(selector), stringMap(labels) ?? {})) {
        r.add('spec.selector.matchExpressions', selector.matchExpressions,
          'expressions that the pod template\'s labels (spec.template.metadata.labels) satisfy: the API server refuses a selector that does not select its own template',
          'change the expressions, or the template\'s labels, so that the template is selected');
      }
    }
  },
});
