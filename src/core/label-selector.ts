/**
 * Label selectors (`matchLabels` and `matchExpressions`) over written objects: read
 * defensively and matched the way Kubernetes matches them (`metav1.LabelSelectorAsSelector`).
 * Controllers, disruption budgets, NetworkPolicies and the topology picture ask here.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 */
import { array, record, str, stringMap } from './manifest';

/** The operators of a label selector's expressions. */
export const SELECTOR_OPERATORS: readonly string[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** A label selector as written (`matchLabels`, `matchExpressions`). */
export interface SelectorView {
  readonly matchLabels: { readonly [key: string]: string };
  readonly matchExpressions: readonly { readonly key: string; readonly operator: string; readonly values: readonly string[] }[];
}

/** A label selector as written, read defensively (a field of the wrong type reads as absent). */
export function readSelector(v: unknown): SelectorView {
  const s = record(v);
  return {
    matchLabels: stringMap(s.matchLabels) ?? {},
    matchExpressions: array(s.matchExpressions).map(e => {
      const x = record(e);
      return { key: str(x.key) ?? '', operator: str(x.operator) ?? '', values: array(x.values).filter((y): y is string => typeof y === 'string') };
    }),
  };
}

/** Whether labels match a selector (matchLabels and every expression; `{}` matches everything). */
export function selectorMatches(selector: SelectorView, labels: { readonly [key: string]: string }): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels)) if (labels[k] !== v) return false;
  return selector.matchExpressions.every(e => {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In': return has && e.values.includes(labels[e.key]);
      case 'NotIn': return !has || !e.values.includes(labels[e.key]);
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
      default: return false; // the API server refuses any other operator
    }
  });
}
