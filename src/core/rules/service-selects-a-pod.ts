import { defineRule } from '../rule';
import { selectingServices } from '../walk/services';

export const rule = defineRule({
  id: 'service-selects-a-pod',
  source: 'ours',
  severity: 'error',
  kinds: ['Service'],
  summary: 'a Service\'s selector matches the labels of at least one pod of the app, in its namespace',
  fix: 'make the Service\'s selector match the labels of a pod of the app in its namespace (target: the pod construct), or drop the selector for a Service whose endpoints you manage',
  versions: { from: '1.28' },
  check({ model, about }) {
    for (const { service, selected, elsewhere } of selectingServices(model)) {
      if (selected.length > 0) continue;
      const selector = service.selector;
      if (elsewhere === undefined) {
        about(service.object).add('spec.selector', selector,
          'a selector that matches the labels of at least one pod of the app (no pod has them all)',
          'make the selector and the pods\' labels agree: give the Service the pod construct it exposes as `target`, and change no label of the pods afterwards (an escape hatch on their labels changes them after the Service took them)');
        continue;
      }
      const ns = (n: string | undefined) => (n === undefined ? 'the default namespace' : `namespace "${n}"`);
      about(service.object).add('spec.selector', selector,
        `a selector that matches a pod in the Service's namespace (${ns(service.object.namespace)}): ${elsewhere.object.ref} has the labels in ${ns(elsewhere.object.namespace)}`,
        'put the Service in the namespace of its pods');
    }
  },
});
