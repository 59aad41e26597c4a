import { record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { judgedObjects } from '../walk/objects';

export const rule = defineRule({
  id: 'namespace',
  source: 'api-server',
  severity: 'error',
  kinds: ['*'],
  summary: 'metadata.namespace is a DNS-1123 label',
  fix: 'name the namespace with a DNS-1123 label: at most 63 lower-case letters, digits and "-", starting and ending alphanumeric',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.ValidateObjectMeta',
  check({ model, about }) {
    for (const object of judgedObjects(model)) {
      const ns = record(object.raw.metadata).namespace;
      if (ns !== undefined) about(object).check('metadata.namespace', ns, validators.dns1123Label(ns));
    }
  },
});
