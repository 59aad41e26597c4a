import { defineRule } from '../rule';
import { wellFormed } from '../walk/objects';

export const rule = defineRule({
  id: 'kind',
  source: 'api-server',
  severity: 'error',
  kinds: ['*'],
  summary: 'every object has an apiVersion and a kind',
  fix: 'give every object apiVersion and kind (e.g. apiVersion: v1, kind: Service)',
  versions: { from: '1.28' },
  upstream: 'k8s.io/apimachinery/pkg/runtime/serializer/json (Object \'Kind\' is missing)',
  check({ model, about }) {
    for (const object of model.objects) {
      if (wellFormed(object)) continue;
      // (anything but an object reads as {}: no kind either)
      const { apiVersion, kind } = object.raw;
      const noKind = typeof kind !== 'string' || kind === '';
      about(object).add(noKind ? 'kind' : 'apiVersion', noKind ? kind : apiVersion,
        'an object with an apiVersion and a kind (e.g. apiVersion: v1, kind: Pod)', 'write the object as the Kubernetes API spells it');
    }
  },
});
