import { record } from '../manifest';
import { defineRule } from '../rule';
import { autoscalerTargets, podsOfBudget } from '../walk/workloads';

export const rule = defineRule({
  id: 'selects-a-controller',
  source: 'ours',
  severity: 'warning',
  kinds: ['PodDisruptionBudget', 'HorizontalPodAutoscaler'],
  summary: 'a PodDisruptionBudget selects pods of the app in its namespace; a HorizontalPodAutoscaler scales a Deployment or StatefulSet of the app in its namespace, and is the only one to scale it',
  fix: 'select the pods of a Deployment or StatefulSet of the app in the same namespace (the pod constructs\' disruptionBudget and autoscaling options do), and scale each controller by one autoscaler',
  versions: { from: '1.28' },
  check({ model, about }) {
    for (const t of autoscalerTargets(model)) {
      if (t.status === 'missing') {
        about(t.hpa).add('spec.scaleTargetRef', t.spec.scaleTargetRef,
          t.found !== undefined ? `a Deployment or StatefulSet to scale: a ${t.kind} has no replicas to set`
            : `a Deployment or StatefulSet of the app in the autoscaler's namespace: there is no ${t.kind}/${t.name}${t.hpa.namespace ? ` in namespace "${t.hpa.namespace}"` : ''}`,
          'name the controller (apiVersion apps/v1, its kind and name), in the namespace of the autoscaler');
      } else if (t.status === 'taken') {
        about(t.hpa).add('spec.scaleTargetRef', t.spec.scaleTargetRef,
          `a controller no other autoscaler scales: ${t.owner.ref} scales ${t.target.object.ref} already, and two autoscalers fight over its replicas`,
          'keep one autoscaler per controller (give it every metric)');
      }
    }
    for (const pdb of model.disruptionBudgets) {
      if (podsOfBudget(pdb, model.pods).length > 0) continue;
      about(pdb).add('spec.selector', record(pdb.raw.spec).selector,
        `a selector that matches the pods of a controller of the app in the budget's namespace${pdb.namespace ? ` ("${pdb.namespace}")` : ''}: it matches none, and protects nothing`,
        'select exactly the labels of the controller\'s pod template');
    }
  },
});
