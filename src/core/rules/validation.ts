import { defineRule } from '../rule';

// Another construct's `node.addValidation` messages, reported as they are by the app's judgment: no check over the model.
export const rule = defineRule({
  id: 'validation',
  source: 'other',
  severity: 'error',
  kinds: [],
  summary: 'another construct\'s validation (`node.addValidation`), reported with its own message',
  fix: 'fix what the construct\'s own validation names in its message (it comes from that construct\'s node.addValidation)',
  versions: { from: '1.28' },
});
