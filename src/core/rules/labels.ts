import { at, makesPods, record, templateOf } from '../manifest';
import type { ObjectReporter } from '../rule';
import { defineRule } from '../rule';
import type { LabelFinding} from '../walk/labels';
import { labelMapFindings, labelSelectorFindings, networkPolicySelectors, podSpecSelectors, SELECTOR_KINDS } from '../walk/labels';
import { judgedObjects } from '../walk/objects';

function report(r: ObjectReporter, findings: readonly LabelFinding[], parts: readonly LabelFinding['part'][]): void {
  for (const f of findings) if (parts.includes(f.part)) r.add(f.field, f.value, f.allowed);
}

export const rule = defineRule({
  id: 'labels',
  source: 'api-server',
  severity: 'error',
  kinds: ['*'],
  summary: 'label keys and values, in metadata, selectors and pod templates',
  fix: 'write label keys as an optional DNS-subdomain prefix and "/" and a name of at most 63 letters, digits, "-", "_", "." starting and ending alphanumeric; values the same without a prefix, or empty',
  versions: { from: '1.28' },
  upstream: 'k8s.io/apimachinery/pkg/apis/meta/v1/validation.ValidateLabels (and ValidateLabelSelector)',
  check({ model, about }) {
    for (const object of judgedObjects(model)) {
      const r = about(object);
      const kind = object.builtinKind;
      report(r, labelMapFindings('metadata.labels', record(object.raw.metadata).labels), ['map']);
      if (makesPods(kind) && kind !== 'Pod') {
        const template = templateOf(kind!);
        report(r, labelMapFindings(`${template}metadata.labels`, at(object.raw, `${template}metadata`).labels), ['map']);
      }
      if (kind !== undefined && SELECTOR_KINDS.includes(kind)) report(r, labelSelectorFindings('spec.selector', at(object.raw, 'spec.selector')), ['map', 'expression-label']);
      if (kind === 'Service') report(r, labelMapFindings('spec.selector', record(object.raw.spec).selector), ['map']);
      if (kind === 'NetworkPolicy') {
        for (const s of networkPolicySelectors(record(object.raw.spec))) report(r, labelSelectorFindings(s.field, s.selector), ['map', 'expression-label']);
      }
      if (kind === 'PodDisruptionBudget') {
        const selector = record(object.raw.spec).selector;
        if (selector !== undefined && selector !== null) report(r, labelSelectorFindings('spec.selector', record(selector)), ['map', 'expression-label']);
      }
    }
  },
  podSpec({ field, spec }, r) {
    report(r, labelMapFindings(`${field}.nodeSelector`, spec.nodeSelector), ['map']);
    const { affinity, spread } = podSpecSelectors(field, spec);
    for (const s of [...affinity, ...spread]) report(r, labelSelectorFindings(s.field, s.selector), ['map']);
  },
});
