import { checkCapacity } from '../checks/capacity-checks';
import type { JudgeOptions } from '../options';
import type { RuleContext } from '../rule';
import { defineRule } from '../rule';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'capacity',
  source: 'ours',
  severity: 'error',
  kinds: [...POD_MAKERS, 'HorizontalPodAutoscaler', 'ResourceQuota', 'LimitRange'],
  summary: 'the app\'s pods fit the budget declared for the cluster (every replica, an autoscaler\'s maxReplicas, the rollout surge, one DaemonSet pod per node; each pod on one node; in total; and side by side on the nodes, by lower bounds on the nodes they need) and the ResourceQuotas the app writes (in the quota\'s scopes: every container sets the requests and limits it tracks; requests, limits, pods within it)',
  fix: 'lower the requests, replicas or maxReplicas, or declare the cluster\'s real size (ClusterCapacity, the capacity setting) if it has more room than declared',
  versions: { from: '1.28' },
  upstream: 'pkg/scheduler (the pods fit the nodes) and plugin/pkg/admission/resourcequota',
  check({ model, options, about }: RuleContext<JudgeOptions>) {
    checkCapacity(model, about, options);
  },
});
