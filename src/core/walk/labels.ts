/**
 * Label maps and label selectors, wherever they are written: the findings of a map's keys and
 * values, and of a selector's expressions (`metav1validation.ValidateLabelSelector` of
 * Kubernetes 1.28), as data. The rule that owns each part reports it: `labels` the keys and
 * values, the rule of the object the selector is in its operators.
 */
import { SELECTOR_OPERATORS } from '../label-selector';
import type { Json} from '../manifest';
import { array, record } from '../manifest';
import { isPlainObject } from '../util';
import * as validators from '../validators';

/** One thing wrong in a label map or selector. */
export interface LabelFinding {
  /** What part: a map's key or value (or the map itself), an expression's key or value, its operator or its values' count. */
  readonly part: 'map' | 'expression-label' | 'expression';
  readonly field: string;
  readonly value: unknown;
  readonly allowed: string;
}

/** Label keys and values of a map at `field` (metadata, pod templates, selectors, nodeSelector). */
export function labelMapFindings(field: string, labels: unknown): LabelFinding[] {
  if (labels === undefined) return [];
  if (!isPlainObject(labels)) return [{ part: 'map', field, value: labels, allowed: 'an object of label keys to label values' }];
  const out: LabelFinding[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const k = validators.labelKey(key);
    if (k !== undefined) out.push({ part: 'map', field, value: key, allowed: k });
    const v = validators.labelValue(value);
    if (v !== undefined) out.push({ part: 'map', field: `${field}[${JSON.stringify(key)}]`, value, allowed: v });
  }
  return out;
}

/** A label selector at `field`: its matchLabels (part `map`), each expression's key and values (`expression-label`), operator and values' count (`expression`). */
export function labelSelectorFindings(field: string, selector: Json): LabelFinding[] {
  const out = labelMapFindings(`${field}.matchLabels`, selector.matchLabels);
  array(selector.matchExpressions).forEach((e, i) => {
    const expr = record(e);
    const f = `${field}.matchExpressions[${i}]`;
    const values = array(expr.values);
    if (expr.operator === 'In' || expr.operator === 'NotIn') {
      if (values.length === 0) out.push({ part: 'expression', field: `${f}.values`, value: expr.values, allowed: `at least one value with the operator ${expr.operator}` });
    } else if (expr.operator === 'Exists' || expr.operator === 'DoesNotExist') {
      if (values.length > 0) out.push({ part: 'expression', field: `${f}.values`, value: expr.values, allowed: `no values with the operator ${expr.operator}` });
    } else {
      out.push({ part: 'expression', field: `${f}.operator`, value: expr.operator, allowed: `one of ${SELECTOR_OPERATORS.join(', ')}` });
    }
    const k = validators.labelKey(expr.key);
    if (k !== undefined) out.push({ part: 'expression-label', field: `${f}.key`, value: expr.key, allowed: k });
    values.forEach((v, j) => {
      const a = validators.labelValue(v);
      if (a !== undefined) out.push({ part: 'expression-label', field: `${f}.values[${j}]`, value: v, allowed: a });
    });
  });
  return out;
}

/** A label selector written in an object, and where. */
export interface SelectorSite {
  readonly field: string;
  readonly selector: Json;
}

/** The controllers whose apps/v1 label selector is required and must match the template. */
export const SELECTOR_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'];

/** The label selectors of a NetworkPolicy: its podSelector, then each peer's pod and namespace selectors (of peers that have a kind). */
export function networkPolicySelectors(spec: Json): SelectorSite[] {
  const out: SelectorSite[] = [];
  const push = (field: string, selector: unknown) => {
    if (selector !== undefined && selector !== null) out.push({ field, selector: record(selector) });
  };
  push('spec.podSelector', spec.podSelector);
  for (const [direction, peersField] of [['ingress', 'from'], ['egress', 'to']] as const) {
    array(spec[direction]).forEach((x, i) => {
      array(record(x)[peersField]).forEach((p, j) => {
        const peer = record(p);
        const field = `spec.${direction}[${i}].${peersField}[${j}]`;
        push(`${field}.podSelector`, peer.podSelector);
        push(`${field}.namespaceSelector`, peer.namespaceSelector);
      });
    });
  }
  return out;
}

/** The pod affinity terms of a pod spec at `field` (required, then preferred, of podAffinity then podAntiAffinity). */
export function podAffinityTerms(field: string, spec: Json): Array<{ readonly field: string; readonly term: Json; readonly weight?: { readonly field: string; readonly value: unknown } }> {
  const at = (f: string) => (field === '' ? f : `${field}.${f}`);
  const affinity = record(spec.affinity);
  const out: Array<{ field: string; term: Json; weight?: { field: string; value: unknown } }> = [];
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pod = record(affinity[kind]);
    array(pod.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      out.push({ field: `${at(`affinity.${kind}.requiredDuringSchedulingIgnoredDuringExecution`)}[${i}]`, term: record(t) });
    });
    array(pod.preferredDuringSchedulingIgnoredDuringExecution).forEach((p, i) => {
      const f = `${at(`affinity.${kind}.preferredDuringSchedulingIgnoredDuringExecution`)}[${i}]`;
      out.push({ field: `${f}.podAffinityTerm`, term: record(record(p).podAffinityTerm), weight: { field: `${f}.weight`, value: record(p).weight } });
    });
  }
  return out;
}

/** The label selectors of a pod spec's pod affinity terms and topology spread constraints. */
export function podSpecSelectors(field: string, spec: Json): { affinity: SelectorSite[]; spread: SelectorSite[] } {
  const affinity: SelectorSite[] = [];
  for (const { field: f, term } of podAffinityTerms(field, spec)) {
    if (term.labelSelector !== undefined) affinity.push({ field: `${f}.labelSelector`, selector: record(term.labelSelector) });
    if (term.namespaceSelector !== undefined && term.namespaceSelector !== null) affinity.push({ field: `${f}.namespaceSelector`, selector: record(term.namespaceSelector) });
  }
  const spread: SelectorSite[] = [];
  array(spec.topologySpreadConstraints).forEach((c, i) => {
    const s = record(c).labelSelector;
    if (s !== undefined) spread.push({ field: `${field}.topologySpreadConstraints[${i}].labelSelector`, selector: record(s) });
  });
  return { affinity, spread };
}

/** The node selector terms of a pod spec's node affinity: required, then preferred (with the weight's path). */
export function nodeSelectorTerms(field: string, spec: Json): { required?: { field: string; terms: readonly unknown[] }; preferred: Array<{ field: string; weight: unknown; term: Json }> } {
  const at = (f: string) => (field === '' ? f : `${field}.${f}`);
  const node = record(record(spec.affinity).nodeAffinity);
  const required = node.requiredDuringSchedulingIgnoredDuringExecution === undefined ? undefined : {
    field: at('affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms'),
    terms: array(record(node.requiredDuringSchedulingIgnoredDuringExecution).nodeSelectorTerms),
  };
  const preferred = array(node.preferredDuringSchedulingIgnoredDuringExecution).map((p, i) => ({
    field: `${at('affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution')}[${i}]`, weight: record(p).weight, term: record(record(p).preference),
  }));
  return { ...(required !== undefined ? { required } : {}), preferred };
}

/** Every node selector requirement (`matchExpressions`) of a pod spec's node affinity, with its path. */
export function nodeRequirements(field: string, spec: Json): Array<{ field: string; requirement: Json }> {
  const { required, preferred } = nodeSelectorTerms(field, spec);
  const terms = [...(required?.terms ?? []).map((t, i) => ({ field: `${required!.field}[${i}]`, term: record(t) })),
    ...preferred.map(p => ({ field: `${p.field}.preference`, term: p.term }))];
  return terms.flatMap(t => array(t.term.matchExpressions).map((e, i) => ({ field: `${t.field}.matchExpressions[${i}]`, requirement: record(e) })));
}
