import { defineRule } from '../rule';
import * as validators from '../validators';
import { containersOf } from '../walk/containers';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'image-reference',
  source: 'kubelet',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'an image is a reference a runtime can pull (the repository in lower case), or the kubelet fails to pull it',
  fix: 'write the image as a pullable reference: a lower-case repository, an optional tag (letters, digits, "_", ".", "-") and an optional @sha256 digest, e.g. "registry.example.com/team/app:1.2"',
  versions: { from: '1.28' },
  upstream: 'github.com/distribution/reference.ParseNormalizedNamed (the kubelet\'s image pull)',
  podSpec({ field, spec }, r) {
    for (const c of containersOf(field, spec)) {
      const image = c.container.image;
      if (validators.image(image) !== undefined) continue; // (container-image's, or pod-template-image's)
      r.check(`${c.field}.image`, image, validators.imageReference(image), validators.imageReferenceFix(image as string));
    }
  },
});
