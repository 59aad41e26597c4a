import { defineRule } from '../rule';
import { autoscalerTargets } from '../walk/workloads';

export const rule = defineRule({
  id: 'autoscaled-replicas',
  source: 'ours',
  severity: 'warning',
  kinds: ['HorizontalPodAutoscaler', 'Deployment', 'StatefulSet'],
  summary: 'a controller a HorizontalPodAutoscaler scales writes no replicas (every apply would reset the autoscaler\'s count)',
  fix: 'leave replicas out of the controller the autoscaler scales (Workload.deployment({ autoscaling }) without replicas); set the range with Autoscaling.horizontal({ minReplicas, maxReplicas })',
  versions: { from: '1.28' },
  check({ model, about }) {
    for (const t of autoscalerTargets(model)) {
      if (t.status !== 'scales' || t.target.replicas === undefined) continue;
      about(t.target.object).add('spec.replicas', t.target.replicas,
        `no replicas: ${t.hpa.ref} sets them, and every apply would reset its count`, 'leave replicas out of the controller');
    }
  },
});
