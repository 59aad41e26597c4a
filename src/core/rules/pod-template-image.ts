import { defineRule } from '../rule';
import * as validators from '../validators';
import { containersOf } from '../walk/containers';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'pod-template-image',
  source: 'controller',
  severity: 'error',
  kinds: POD_MAKERS.filter(k => k !== 'Pod'),
  summary: 'every container of a controller\'s pod template has an image, without surrounding whitespace (the API server accepts the template, then refuses every pod made from it)',
  fix: 'give every container of the pod template an image (e.g. "nginx:1.27"), without spaces around it',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.validateContainersOnlyForPod (applied to the pods, not to the template)',
  podSpec({ object, field, spec }, r) {
    if (object.builtinKind === 'Pod') return;
    for (const c of containersOf(field, spec)) {
      const image = c.container.image;
      const problem = validators.image(image);
      if (problem !== undefined && image !== undefined && image !== '') {
        r.add(`${c.field}.image`, image, `${problem}: the API server accepts this template and refuses every pod made from it`);
      }
    }
  },
});
