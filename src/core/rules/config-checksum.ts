import { defineRule } from '../rule';

// Judged by the constructs, over what only their props know (handles, presets, profiles): no check over the model yet.
export const rule = defineRule({
  id: 'config-checksum',
  source: 'ours',
  severity: 'error',
  kinds: [],
  summary: 'rollOnConfigChange only under a controller (a bare Pod keeps running with its old configuration), and no checksum/config annotation of the user\'s beside it',
  fix: 'use rollOnConfigChange only under a controller (Workload.deployment() and others), and remove your own checksum/config annotation beside it',
  versions: { from: '1.28' },
});
