import type { Json } from '../manifest';
import { array, record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { labelSelectorFindings } from '../walk/labels';
import { POD_MAKERS } from '../walk/pods';
import { atLeast, targetOf } from '../versions';

const WHEN_UNSATISFIABLE = ['DoNotSchedule', 'ScheduleAnyway'];
const NODE_INCLUSION_POLICIES = ['Honor', 'Ignore'];

/**
 * The indexes in `keys` (matchLabelKeys) the API server refuses from 1.34: a matchExpression
 * (the user's, then on a Pod "<key> In (value)" for each key the Pod has as a label) whose key
 * is in `keys` and already selected by matchLabels or an earlier expression. The index is the
 * key's last in `keys`, as upstream's map of keys keeps it.
 */
function repeatedAfterMerge(keys: readonly unknown[], selector: Json, podLabels: Json | undefined): number[] {
  const index = new Map<unknown, number>();
  keys.forEach((k, j) => index.set(k, j));
  const expressionKeys = array(selector.matchExpressions).map(e => record(e).key);
  if (podLabels !== undefined) for (const k of keys) if (typeof k === 'string' && Object.prototype.hasOwnProperty.call(podLabels, k)) expressionKeys.push(k);
  const seen = new Set<unknown>(Object.keys(record(selector.matchLabels)));
  const refused = new Set<number>();
  for (const k of expressionKeys) {
    const j = index.get(k);
    if (j !== undefined && seen.has(k)) refused.add(j);
    seen.add(k);
  }
  return [...refused];
}

export const rule = defineRule({
  id: 'topology-spread',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'topologySpreadConstraints: maxSkew ≥ 1, a topologyKey, whenUnsatisfiable DoNotSchedule or ScheduleAnyway, one constraint per (topologyKey, whenUnsatisfiable), minDomains ≥ 1 only with DoNotSchedule, matchLabelKeys label keys beside a labelSelector (before 1.34 not in it; from 1.34 not in it on a Pod that has the label, whose selector the API server extends by it)',
  fix: 'give each constraint maxSkew 1 or more, a topologyKey, whenUnsatisfiable DoNotSchedule or ScheduleAnyway, one constraint per (topologyKey, whenUnsatisfiable), and minDomains only with DoNotSchedule',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.validateTopologySpreadConstraints',
  podSpec({ object, field, spec }, r, { options }) {
    // (from 1.34, MatchLabelKeysInPodTopologySpreadSelectorMerge beta on: creating a Pod appends
    // "<key> In (<its label's value>)" to the selector for each matchLabelKeys key the Pod has as a
    // label, then the API server refuses a matchLabelKeys key that a matchExpression repeats after
    // matchLabels or an earlier expression selected on it (ValidateMatchLabelKeysAndMismatchLabelKeys).
    // A pod template is not merged: there only the user's own expressions can repeat a key.
    // Before 1.34 any key both in matchLabelKeys and in the selector is refused.)
    const merged = atLeast(targetOf(options), '1.34');
    const podLabels = object.builtinKind === 'Pod' && field === 'spec' ? record(record(object.raw.metadata).labels) : undefined;
    const list = array(spec.topologySpreadConstraints).map(record);
    list.forEach((c, i) => {
      const f = `${field}.topologySpreadConstraints[${i}]`;
      r.check(`${f}.maxSkew`, c.maxSkew, validators.integer(c.maxSkew, 1));
      if (typeof c.topologyKey !== 'string' || c.topologyKey === '') {
        r.add(`${f}.topologyKey`, c.topologyKey, 'a topology key: the key of a node label such as "topology.kubernetes.io/zone"');
      }
      if (!WHEN_UNSATISFIABLE.includes(c.whenUnsatisfiable as string)) r.add(`${f}.whenUnsatisfiable`, c.whenUnsatisfiable, `one of ${WHEN_UNSATISFIABLE.join(', ')}`);
      if (list.slice(i + 1).some(o => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)) {
        r.add(f, { topologyKey: c.topologyKey, whenUnsatisfiable: c.whenUnsatisfiable }, 'one constraint per (topologyKey, whenUnsatisfiable) pair', 'merge the two constraints');
      }
      if (c.minDomains !== undefined) {
        r.check(`${f}.minDomains`, c.minDomains, validators.integer(c.minDomains, 1));
        if (c.whenUnsatisfiable !== 'DoNotSchedule') r.add(`${f}.minDomains`, c.minDomains, 'no minDomains unless whenUnsatisfiable is DoNotSchedule', 'drop minDomains, or use DoNotSchedule');
      }
      for (const policy of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
        if (c[policy] !== undefined && c[policy] !== null && !NODE_INCLUSION_POLICIES.includes(c[policy] as string)) {
          r.add(`${f}.${policy}`, c[policy], `one of ${NODE_INCLUSION_POLICIES.join(', ')}`);
        }
      }
      const selector = c.labelSelector === undefined ? undefined : record(c.labelSelector);
      // (the selector's matchLabels are rule labels')
      if (selector !== undefined) for (const finding of labelSelectorFindings(`${f}.labelSelector`, selector)) if (finding.part !== 'map') r.add(finding.field, finding.value, finding.allowed);
      const selected = new Set([...Object.keys(record(selector?.matchLabels)), ...array(selector?.matchExpressions).map(e => record(e).key)]);
      const keys = array(c.matchLabelKeys);
      if (keys.length > 0 && selector === undefined) r.add(`${f}.matchLabelKeys`, c.matchLabelKeys, 'no matchLabelKeys without a labelSelector');
      keys.forEach((k, j) => {
        r.check(`${f}.matchLabelKeys[${j}]`, k, validators.labelKey(k));
        if (!merged && selected.has(k)) r.add(`${f}.matchLabelKeys[${j}]`, k, 'a key the labelSelector does not already select on');
      });
      if (merged && selector !== undefined) {
        for (const j of repeatedAfterMerge(keys, selector, podLabels)) {
          r.add(`${f}.matchLabelKeys[${j}]`, keys[j], podLabels !== undefined && Object.prototype.hasOwnProperty.call(podLabels, keys[j] as string)
            ? `a key the labelSelector does not already select on: the API server adds "${String(keys[j])} In (the pod's value)" to the selector`
            : 'a key the labelSelector\'s matchExpressions do not select on again after matchLabels or another expression');
        }
      }
    });
  },
});
