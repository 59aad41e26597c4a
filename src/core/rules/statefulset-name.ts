import { record } from '../manifest';
import { defineRule } from '../rule';
import { objectsOfKind } from '../walk/objects';
import { nameRule } from './object-name';

export const rule = defineRule({
  id: 'statefulset-name',
  source: 'controller',
  severity: 'error',
  kinds: ['StatefulSet'],
  summary: 'a StatefulSet\'s name is at most 52 characters (its pods\' hostnames and revision labels derive from it; the API server allows 63)',
  fix: 'shorten the StatefulSet\'s name to at most 52 characters',
  versions: { from: '1.28' },
  upstream: 'pkg/controller/statefulset (controller-revision-hash label: <name>-<10 characters>, a label value of at most 63)',
  check({ model, about }) {
    for (const object of objectsOfKind(model, 'StatefulSet')) {
      const name = record(object.raw.metadata).name;
      if (typeof name === 'string' && nameRule('StatefulSet')(name) === undefined && name.length > 52) {
        about(object).add('metadata.name', name,
          'a StatefulSet name of at most 52 characters (its pods\' hostnames and controller-revision-hash labels derive from it)',
          'give the StatefulSet a shorter name');
      }
    }
  },
});
