import { array, record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';

/** autoscaling/v2's bounds (pkg/apis/autoscaling/validation). */
const MAX_STABILIZATION_SECONDS = 3600;
const MAX_PERIOD_SECONDS = 1800;
const METRIC_TYPES = ['Resource', 'ContainerResource', 'Pods', 'Object', 'External'];

export const rule = defineRule({
  id: 'autoscaler',
  source: 'api-server',
  severity: 'error',
  kinds: ['HorizontalPodAutoscaler'],
  summary: 'a HorizontalPodAutoscaler: minReplicas 1 or more, maxReplicas at least minReplicas; a scale target with a kind and a name; resource targets a utilization of 1 or more or a positive averageValue; stabilization windows 0–3600 s; scaling policies Pods or Percent, a positive value, a period of 1–1800 s',
  fix: 'set minReplicas to 1 or more and maxReplicas at least minReplicas, a scale target with a kind and a name, and utilization targets of 1 or more (Autoscaling.horizontal() and ScalingMetric write valid ones)',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/autoscaling/validation.ValidateHorizontalPodAutoscaler',
  check({ model, about }) {
    for (const hpa of model.autoscalers) {
      const r = about(hpa);
      const spec = record(hpa.raw.spec);
      const min = spec.minReplicas;
      const max = spec.maxReplicas;
      if (min !== undefined) r.check('spec.minReplicas', min, validators.integer(min, 1));
      r.check('spec.maxReplicas', max, validators.integer(max, 1));
      if (typeof min === 'number' && typeof max === 'number' && max < min) r.add('spec.maxReplicas', max, `at least minReplicas (${min})`, 'raise maxReplicas, or lower minReplicas');
      const ref = record(spec.scaleTargetRef);
      for (const field of ['kind', 'name'] as const) {
        const allowed = validators.pathSegmentName(ref[field]);
        if (allowed !== undefined) r.add(`spec.scaleTargetRef.${field}`, ref[field], `the target's ${field}: ${allowed}`);
      }
      array(spec.metrics).forEach((m, i) => {
        const metric = record(m);
        if (!METRIC_TYPES.includes(metric.type as string)) {
          r.add(`spec.metrics[${i}].type`, metric.type, `one of ${METRIC_TYPES.join(', ')}`);
          return;
        }
        const key = metric.type === 'Resource' ? 'resource' : metric.type === 'ContainerResource' ? 'containerResource' : undefined;
        if (key === undefined) return; // (Pods, Object and External metrics are not checked further)
        if (metric[key] === undefined) {
          r.add(`spec.metrics[${i}].${key}`, undefined, `the ${key} of a ${String(metric.type)} metric`);
          return;
        }
        const source = record(metric[key]);
        if (typeof source.name !== 'string' || source.name === '') r.add(`spec.metrics[${i}].${key}.name`, source.name, 'a resource name, e.g. cpu or memory');
        const field = `spec.metrics[${i}].${key}.target`;
        const target = record(source.target);
        if (!['Utilization', 'Value', 'AverageValue'].includes(target.type as string)) r.add(`${field}.type`, target.type, 'Utilization, Value or AverageValue');
        if (target.averageUtilization !== undefined) r.check(`${field}.averageUtilization`, target.averageUtilization, validators.integer(target.averageUtilization, 1));
        for (const q of ['averageValue', 'value'] as const) {
          const v = target[q];
          const parsed = validators.parseQuantity(v);
          if (v !== undefined && (parsed === undefined || parsed <= 0)) r.add(`${field}.${q}`, v, 'a positive quantity');
        }
        if ((target.averageUtilization === undefined) === (target.averageValue === undefined)) {
          r.add(field, source.target, 'a resource target with averageUtilization or averageValue, not both');
        }
      });
      const behavior = record(spec.behavior);
      for (const direction of ['scaleUp', 'scaleDown'] as const) {
        if (behavior[direction] === undefined) continue;
        const rulesOf = record(behavior[direction]);
        const field = `spec.behavior.${direction}`;
        const window = rulesOf.stabilizationWindowSeconds;
        if (window !== undefined) r.check(`${field}.stabilizationWindowSeconds`, window, validators.integer(window, 0, MAX_STABILIZATION_SECONDS));
        if (rulesOf.selectPolicy !== undefined && !['Max', 'Min', 'Disabled'].includes(rulesOf.selectPolicy as string)) {
          r.add(`${field}.selectPolicy`, rulesOf.selectPolicy, 'Max, Min or Disabled');
        }
        // (left out, Kubernetes fills in its default policies; an empty list stays empty)
        if (Array.isArray(rulesOf.policies) && rulesOf.policies.length === 0) {
          r.add(`${field}.policies`, [], 'at least one policy, or none given (Kubernetes\' default policies)', 'leave policies out, or give one');
        }
        array(rulesOf.policies).forEach((p, i) => {
          const policy = record(p);
          if (policy.type !== 'Pods' && policy.type !== 'Percent') r.add(`${field}.policies[${i}].type`, policy.type, 'Pods or Percent');
          r.check(`${field}.policies[${i}].value`, policy.value, validators.integer(policy.value, 1));
          r.check(`${field}.policies[${i}].periodSeconds`, policy.periodSeconds, validators.integer(policy.periodSeconds, 1, MAX_PERIOD_SECONDS));
        });
      }
    }
  },
});
