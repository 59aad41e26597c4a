/**
 * The checks of labels and annotations, wherever they are: an object's metadata, a pod
 * template's, a selector, and the props of a construct before it writes them.
 */
import type { Reporter } from '../problems';
import * as rules from '../rules';
import { isPlainObject } from '../util';

/** Label keys and values (metadata, pod templates, selectors). */
export function checkLabelMap(r: Reporter, field: string, labels: unknown): void {
  if (labels === undefined) return;
  if (!isPlainObject(labels)) {
    r.add('labels', field, labels, 'an object of label keys to label values');
    return;
  }
  for (const [key, value] of Object.entries(labels)) {
    r.check('labels', field, key, rules.labelKey(key));
    r.check('labels', `${field}[${JSON.stringify(key)}]`, value, rules.labelValue(value));
  }
}

/** Annotation keys, string values, and all of them within 256 KiB (metadata, pod templates). */
export function checkAnnotationMap(r: Reporter, field: string, annotations: unknown): void {
  if (annotations === undefined) return;
  if (!isPlainObject(annotations)) {
    r.add('annotations', field, annotations, 'an object of annotation keys to string values');
    return;
  }
  for (const [key, value] of Object.entries(annotations)) {
    r.check('annotations', field, key, rules.annotationKey(key));
    if (typeof value !== 'string') r.add('annotations', `${field}[${JSON.stringify(key)}]`, value, 'a string');
  }
  const bytes = rules.annotationsBytes(annotations);
  r.check('annotations', field, bytes, rules.annotationsSize(bytes), 'move large data into a ConfigMap and mount it');
}
