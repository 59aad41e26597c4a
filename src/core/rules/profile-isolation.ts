import { defineRule } from '../rule';

// Judged by the constructs, over what only their props know (handles, presets, profiles): no check over the model yet.
export const rule = defineRule({
  id: 'profile-isolation',
  source: 'ours',
  severity: 'error',
  kinds: [],
  summary: 'a pod construct that a security profile isolates (SecurityProfile.RESTRICTED) has a label to select: a NetworkPolicy with an empty pod selector isolates every pod of its namespace',
  fix: 'give the pod construct labels (labels: { app: \'web\' }) for its NetworkPolicy to select, or turn isolation off (SecurityProfile.restricted({ isolate: false }))',
  versions: { from: '1.28' },
});
