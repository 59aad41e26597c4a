/**
 * An autoscaler's CPU utilization target the pods can reach: utilization is usage over the
 * requests, and a container's usage cannot exceed its CPU limit (the kernel throttles it), so
 * with limits at (or near) the requests the utilization never rises above
 * 100 × limits / requests. The HPA scales up only when utilization / target exceeds 1 + its
 * tolerance (0.1 by default): a target at or above that ceiling is never reached and the HPA
 * never scales up. Only real load and a metrics server show it on a cluster; the test control
 * plane has neither, so the library judges it.
 */
import { array, record, str } from '../manifest';
import { defineRule } from '../rule';
import { podSourceNamed } from '../walk/objects';
import { parseQuantity } from '../validators';

const SCALABLE = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];
/** The controller-manager's --horizontal-pod-autoscaler-tolerance default. */
const DEFAULT_TOLERANCE = 0.1;

export const rule = defineRule({
  id: 'autoscaler-cpu-ceiling',
  source: 'controller',
  severity: 'error',
  kinds: ['HorizontalPodAutoscaler', 'Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'],
  summary: 'a HorizontalPodAutoscaler\'s CPU utilization target is below what the pods can reach: with CPU limits at the requests, usage stops at 100% of them, and a target at or above 100 × limits / requests / (1 + tolerance) never scales up',
  fix: 'lower the CPU utilization target below 100 × limits / requests, raise the CPU limits above the requests, or turn the profile\'s CPU limits off (SecurityProfile.restricted({ cpuLimits: false }))',
  versions: { from: '1.28' },
  upstream: 'pkg/controller/podautoscaler/replica_calculator.go GetResourceReplicas (metrics.GetResourceUtilizationRatio; scales when the usage ratio exceeds 1 + tolerance)',
  check({ model, about }) {
    for (const hpa of model.autoscalers) {
      const spec = record(hpa.raw.spec);
      const ref = record(spec.scaleTargetRef);
      const kind = str(ref.kind);
      const name = str(ref.name);
      const target = kind !== undefined && name !== undefined && SCALABLE.includes(kind) ? podSourceNamed(model, kind, hpa.namespace, name) : undefined;
      if (target === undefined) continue;
      // a native sidecar's usage counts too, and nothing bounds what the manifests cannot show
      if (array(target.spec.initContainers).some(c => record(c).restartPolicy === 'Always')) continue;
      const behavior = record(record(spec.behavior).scaleUp);
      const tolerance = parseQuantity(behavior.tolerance) ?? DEFAULT_TOLERANCE;
      array(spec.metrics).forEach((m, i) => {
        const metric = record(m);
        const source = metric.type === 'Resource' ? record(metric.resource) : metric.type === 'ContainerResource' ? record(metric.containerResource) : undefined;
        if (source === undefined || source.name !== 'cpu' || record(source.target).type !== 'Utilization') return;
        const goal = record(source.target).averageUtilization;
        if (typeof goal !== 'number') return;
        const only = metric.type === 'ContainerResource' ? str(source.container) : undefined;
        const containers = array(target.spec.containers).map(c => record(c)).filter(c => only === undefined || c.name === only);
        if (containers.length === 0) return;
        let requests = 0;
        let limits = 0;
        for (const c of containers) {
          const res = record(c.resources);
          const limit = parseQuantity(record(res.limits).cpu);
          // no limit: usage is unbounded; a request defaults to the limit when left out
          if (limit === undefined) return;
          requests += parseQuantity((record(res.requests)).cpu) ?? limit;
          limits += limit;
        }
        if (requests <= 0) return;
        const ceiling = (100 * limits) / requests;
        if (ceiling > goal * (1 + tolerance)) return;
        about(hpa).add(`spec.metrics[${i}].${metric.type === 'Resource' ? 'resource' : 'containerResource'}.target.averageUtilization`, goal,
          `a target the pods can exceed: ${target.object.ref}'s CPU limits are ${Math.round(ceiling)}% of its requests, so its utilization stops there, and the autoscaler scales up only above ${Math.round(goal * (1 + tolerance) * 10) / 10}% (the target plus the ${tolerance * 100}% tolerance): it never scales up`,
          `lower the target below ${Math.floor(ceiling / (1 + tolerance))}%, or raise the CPU limits above the requests (or drop them)`);
      });
    }
  },
});
