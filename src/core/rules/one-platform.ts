import { defineRule } from '../rule';

// Judged by Platform.applyTo: no check over the model.
export const rule = defineRule({
  id: 'one-platform',
  source: 'props',
  severity: 'error',
  kinds: [],
  summary: 'one platform per app: Platform.applyTo of another platform than the one the app has fails (their pod defaults and budgets would mix)',
  fix: 'apply one platform to the app: remove the other Platform.applyTo() call, or use one app per platform',
  versions: { from: '1.28' },
});
