import { array, record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'topology-key',
  source: 'scheduler',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'a topology spread constraint\'s topologyKey is a label key (the API server accepts any; no node has such a label, so the pods never schedule)',
  fix: 'use a node label key as topologyKey, e.g. kubernetes.io/hostname or topology.kubernetes.io/zone',
  versions: { from: '1.28' },
  upstream: 'pkg/scheduler/framework/plugins/podtopologyspread (nodes without the topology key are not candidates)',
  podSpec({ field, spec }, r) {
    array(spec.topologySpreadConstraints).forEach((c, i) => {
      const key = record(c).topologyKey;
      if (typeof key !== 'string' || key === '') return; // (topology-spread's)
      const problem = validators.labelKey(key);
      if (problem !== undefined) r.add(`${field}.topologySpreadConstraints[${i}].topologyKey`, key, `the key of a node label (${problem}): no node can have this one`);
    });
  },
});
