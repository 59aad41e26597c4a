import { defineRule } from '../rule';
import * as validators from '../validators';
import { containersOf } from '../walk/containers';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'container-image',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'every container has an image, without surrounding whitespace',
  fix: 'give every container an image (e.g. "nginx:1.27"), without spaces around it',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.validateContainers (image required) and validateContainersOnlyForPod (no surrounding whitespace)',
  podSpec({ object, field, spec }, r) {
    for (const c of containersOf(field, spec)) {
      const image = c.container.image;
      const problem = validators.image(image);
      // A controller's template with whitespace around an image is accepted (pod-template-image).
      if (problem !== undefined && (object.builtinKind === 'Pod' || image === undefined || image === '')) r.add(`${c.field}.image`, image, problem);
    }
  },
});
