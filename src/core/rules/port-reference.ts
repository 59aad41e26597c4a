import { defineRule } from '../rule';

// Judged by the constructs, over what only their props know (handles, presets, profiles): no check over the model yet.
export const rule = defineRule({
  id: 'port-reference',
  source: 'ours',
  severity: 'error',
  kinds: [],
  summary: 'a port handle (PortRef) names a port its pod declares, is used with that pod, and keeps its protocol (the cluster takes a port its pods do not have, and sends nothing there)',
  fix: 'use a PortRef of the pod it names (pod.port(name)), for a port that pod declares, with the port\'s own protocol',
  versions: { from: '1.28' },
});
