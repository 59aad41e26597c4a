import { defineRule } from '../rule';

// Judged by the constructs, over what only their props know (handles, presets, profiles): no check over the model yet.
export const rule = defineRule({
  id: 'preset-image',
  source: 'ours',
  severity: 'error',
  kinds: [],
  summary: 'a preset runs its image the way the image needs (port, user, writable paths)',
  fix: 'leave image out for the preset\'s own (NginxPod.RESTRICTED_IMAGE under RESTRICTED), or use an image that runs as a non-root user on the preset\'s port and writes only the preset\'s writable paths',
  versions: { from: '1.28' },
});
