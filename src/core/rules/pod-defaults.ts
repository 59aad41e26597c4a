import { defineRule } from '../rule';

// Judged by the constructs when they are made: no check over the model.
export const rule = defineRule({
  id: 'pod-defaults',
  source: 'props',
  severity: 'error',
  kinds: [],
  summary: 'PodDefaults are set (and a Platform applied) on a scope before the pod constructs below it are made (they read them when they are made)',
  fix: 'call PodDefaults.set() and Platform.applyTo() on the scope before creating the pod constructs below it',
  versions: { from: '1.28' },
});
