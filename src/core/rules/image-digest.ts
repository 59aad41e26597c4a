import { defineRule } from '../rule';

// Judged by the constructs, over what only their props know (handles, presets, profiles): no check over the model yet.
export const rule = defineRule({
  id: 'image-digest',
  source: 'ours',
  severity: 'error',
  kinds: [],
  summary: 'under SecurityProfile.restricted({ requireDigest: true }) every image is pinned by digest (image@sha256:…), the library\'s own images too (they are)',
  versions: { from: '1.28' },
});
