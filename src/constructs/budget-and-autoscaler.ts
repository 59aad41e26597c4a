/**
 * The objects a controller's options add next to it: its PodDisruptionBudget (`policy/v1`) and
 * its HorizontalPodAutoscaler (`autoscaling/v2`), each named after the controller and written
 * after it.
 */
import type { ApiObject } from 'cdk8s';
import { Lazy } from 'cdk8s';
import * as k8s from '../imports/k8s';
import type { Construct } from 'constructs';
import { definedOnly } from '../core/util';
import type { Autoscaling } from '../values/autoscaling';
import type { DisruptionBudget } from '../values/disruption-budget';
import { intOrString } from '../values/rollout';


/** A PodDisruptionBudget (id `DisruptionBudget`) selecting exactly the controller's pods. */
export function renderDisruptionBudget(scope: Construct, controller: ApiObject, budget: DisruptionBudget,
  selectorLabels: () => { [key: string]: string }): ApiObject {
  const pdb = new k8s.KubePodDisruptionBudget(scope, 'DisruptionBudget', {
    metadata: definedOnly({ name: controller.name, namespace: controller.metadata.namespace }),
    spec: {
      [budget.field]: intOrString(budget.value),
      selector: Lazy.any({ produce: () => ({ matchLabels: selectorLabels() }) }) as unknown as k8s.LabelSelector,
    },
  });
  pdb.node.addDependency(controller);
  return pdb;
}

/** A HorizontalPodAutoscaler (id `Autoscaler`) that scales the controller. */
export function renderAutoscaler(scope: Construct, controller: ApiObject, autoscaling: Autoscaling): ApiObject {
  const hpa = new k8s.KubeHorizontalPodAutoscalerV2(scope, 'Autoscaler', {
    metadata: definedOnly({ name: controller.name, namespace: controller.metadata.namespace }),
    spec: {
      scaleTargetRef: { apiVersion: controller.apiVersion, kind: controller.kind, name: controller.name },
      ...autoscaling._toKubeSpec(),
    } as unknown as k8s.HorizontalPodAutoscalerSpecV2,
  });
  hpa.node.addDependency(controller);
  return hpa;
}
