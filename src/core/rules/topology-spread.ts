import { array, record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { labelSelectorFindings } from '../walk/labels';
import { POD_MAKERS } from '../walk/pods';
import { atLeast, targetOf } from '../versions';

const WHEN_UNSATISFIABLE = ['DoNotSchedule', 'ScheduleAnyway'];
const NODE_INCLUSION_POLICIES = ['Honor', 'Ignore'];

export const rule = defineRule({
  id: 'topology-spread',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'topologySpreadConstraints: maxSkew ≥ 1, a topologyKey, whenUnsatisfiable DoNotSchedule or ScheduleAnyway, one constraint per (topologyKey, whenUnsatisfiable), minDomains ≥ 1 only with DoNotSchedule, matchLabelKeys label keys beside a labelSelector (and, before 1.34, not in it)',
  fix: 'give each constraint maxSkew 1 or more, a topologyKey, whenUnsatisfiable DoNotSchedule or ScheduleAnyway, one constraint per (topologyKey, whenUnsatisfiable), and minDomains only with DoNotSchedule',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.validateTopologySpreadConstraints',
  podSpec({ field, spec }, r, { options }) {
    // (from 1.34 the API server merges matchLabelKeys into the selector: a key in both is no longer refused, MatchLabelKeysInPodTopologySpreadSelectorMerge)
    const keyInBothRefused = !atLeast(targetOf(options), '1.34');
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
        if (keyInBothRefused && selected.has(k)) r.add(`${f}.matchLabelKeys[${j}]`, k, 'a key the labelSelector does not already select on');
      });
    });
  },
});
