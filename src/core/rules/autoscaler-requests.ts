import { array, record, str } from '../manifest';
import { defineRule } from '../rule';
import { autoscalerTargets } from '../walk/workloads';

/** autoscaling/v2's default metric (pkg/apis/autoscaling/v2/defaults.go). */
const DEFAULT_METRIC = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } };

export const rule = defineRule({
  id: 'autoscaler-requests',
  source: 'controller',
  severity: 'warning',
  kinds: ['HorizontalPodAutoscaler'],
  summary: 'a HorizontalPodAutoscaler on CPU or memory utilization scales pods whose every container requests that resource (else the utilization is unknown and it never scales)',
  fix: 'give every container of the scaled pods a request of the metric\'s resource (resources.requests.cpu or .memory; the presets\' DEFAULT_RESOURCES have both), or scale on averageValue instead of utilization',
  versions: { from: '1.28' },
  upstream: 'pkg/controller/podautoscaler/replica_calculator.go (missing request for cpu/memory)',
  check({ model, about }) {
    for (const t of autoscalerTargets(model)) {
      if (t.status !== 'scales') continue;
      const { hpa, spec, target } = t;
      // A utilization is a share of the requests: every container it averages over needs one (a limit alone is copied into the request).
      // (no metrics, or an empty list, is Kubernetes' default: CPU at 80%)
      const defaulted = array(spec.metrics).length === 0;
      const metrics = defaulted ? [DEFAULT_METRIC] : array(spec.metrics);
      metrics.forEach((m, i) => {
        const metric = record(m);
        const container = metric.type === 'ContainerResource' ? str(record(metric.containerResource).container) : undefined;
        const source = metric.type === 'Resource' ? record(metric.resource) : metric.type === 'ContainerResource' ? record(metric.containerResource) : undefined;
        const resource = str(source?.name);
        if (source === undefined || record(source.target).type !== 'Utilization' || (resource !== 'cpu' && resource !== 'memory')) return;
        const without = array(target.spec.containers).map(c => record(c)).filter(c => {
          if (container !== undefined && c.name !== container) return false;
          const resources = record(c.resources);
          return record(resources.requests)[resource] === undefined && record(resources.limits)[resource] === undefined;
        });
        if (without.length === 0) return;
        about(hpa).add(defaulted ? 'spec.metrics' : `spec.metrics[${i}]`, defaulted ? spec.metrics : m,
          `a ${resource} utilization over containers that request ${resource}: container${without.length > 1 ? 's' : ''} ${without.map(c => `"${String(c.name)}"`).join(', ')} of ${target.object.ref} request${without.length > 1 ? '' : 's'} none, so the utilization is unknown and ${hpa.ref} never scales${defaulted ? ' (no metrics: Kubernetes measures CPU utilization at 80%)' : ''}`,
          `give every container a ${resource} request, or target an average value instead of a utilization`);
      });
    }
  },
});
