import { defineRule } from '../rule';

// Judged by the constructs, over what only their props know (handles, presets, profiles): no check over the model yet.
export const rule = defineRule({
  id: 'image-digest',
  source: 'ours',
  severity: 'error',
  kinds: [],
  summary: 'under SecurityProfile.restricted({ requireDigest: true }) every image is pinned by digest (image@sha256:…), the library\'s own images too (they are)',
  fix: 'append the digest of the image you tested (image:tag@sha256:<64 hex digits>; `docker buildx imagetools inspect <image>` prints it), or drop requireDigest',
  versions: { from: '1.28' },
});
