import { defineRule } from '../rule';
import { record } from '../manifest';
import { selectingServices, serviceSites } from '../walk/services';

export const rule = defineRule({
  id: 'service-selects-a-pod',
  source: 'ours',
  severity: 'error',
  kinds: ['Service'],
  summary: 'a Service\'s selector matches the labels of at least one pod of the app, in its namespace; a selector that is written is not empty (Kubernetes takes an empty one as none: endpoints managed by hand)',
  fix: 'make the Service\'s selector match the labels of a pod of the app in its namespace (target: the pod construct), or drop the selector for a Service whose endpoints you manage',
  versions: { from: '1.28' },
  check({ model, about }) {
    for (const { object, spec, type } of serviceSites(model)) {
      const selector = spec.selector;
      if (type === 'ExternalName' || selector === null || typeof selector !== 'object' || Array.isArray(selector) || Object.keys(record(selector)).length > 0) continue;
      about(object).add('spec.selector', selector, 'at least one label: an empty selector selects no pods (Kubernetes takes it as no selector, and sends the traffic to endpoints managed by hand)',
        'give the pods labels and the Service their selector (an ExposedService takes its target\'s labels), or leave selector out for endpoints managed by hand');
    }
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
