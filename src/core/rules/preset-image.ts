import { defineRule } from '../rule';

// Judged by the constructs, over what only their props know (handles, presets, profiles): no check over the model yet.
export const rule = defineRule({
  id: 'preset-image',
  source: 'ours',
  severity: 'error',
  kinds: [],
  summary: 'a preset runs its image the way the image needs (port, user, writable paths)',
  versions: { from: '1.28' },
});
