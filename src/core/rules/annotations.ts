import { at, makesPods, record, templateOf } from '../manifest';
import type { ObjectReporter } from '../rule';
import { defineRule } from '../rule';
import { isPlainObject } from '../util';
import * as validators from '../validators';
import { judgedObjects } from '../walk/objects';

/** Annotation keys, string values, and all of them within 256 KiB. */
function checkAnnotationMap(r: ObjectReporter, field: string, annotations: unknown): void {
  if (annotations === undefined) return;
  if (!isPlainObject(annotations)) {
    r.add(field, annotations, 'an object of annotation keys to string values');
    return;
  }
  for (const [key, value] of Object.entries(annotations)) {
    r.check(field, key, validators.annotationKey(key));
    if (typeof value !== 'string') r.add(`${field}[${JSON.stringify(key)}]`, value, 'a string');
  }
  const bytes = validators.annotationsBytes(annotations);
  r.check(field, bytes, validators.annotationsSize(bytes), 'move large data into a ConfigMap and mount it');
}

export const rule = defineRule({
  id: 'annotations',
  source: 'api-server',
  severity: 'error',
  kinds: ['*'],
  summary: 'annotation keys, and all keys and values together within 256 KiB',
  fix: 'shorten or drop annotations: keys a prefix (DNS subdomain) and a name of at most 63 characters, all keys and values together under 256 KiB (move large content to a ConfigMap)',
  versions: { from: '1.28' },
  upstream: 'k8s.io/apimachinery/pkg/api/validation.ValidateAnnotations',
  check({ model, about }) {
    for (const object of judgedObjects(model)) {
      checkAnnotationMap(about(object), 'metadata.annotations', record(object.raw.metadata).annotations);
      // The API server validates a pod template's metadata as it does an object's.
      if (makesPods(object.builtinKind) && object.builtinKind !== 'Pod') {
        const template = templateOf(object.builtinKind!);
        checkAnnotationMap(about(object), `${template}metadata.annotations`, at(object.raw, `${template}metadata`).annotations);
      }
    }
  },
});
