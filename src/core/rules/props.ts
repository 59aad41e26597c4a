import { defineRule } from '../rule';

// Judged by the constructs and settings before anything is written: no check over the model.
export const rule = defineRule({
  id: 'props',
  source: 'props',
  severity: 'error',
  kinds: [],
  summary: 'props of the right type and shape (a JavaScript caller can pass anything), and objects cdk8s can render',
  fix: ({ field, allowed }) => `set ${field} to ${allowed} (the construct's props and their defaults: API.md)`,
  versions: { from: '1.28' },
});
