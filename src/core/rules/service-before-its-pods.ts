import type { JudgeOptions } from '../options';
import type { RuleContext } from '../rule';
import { defineRule } from '../rule';
import { selectingServices } from '../walk/services';

export const rule = defineRule({
  id: 'service-before-its-pods',
  source: 'ours',
  severity: 'warning',
  kinds: ['Service'],
  summary: 'a Service is written before the pods it selects (pods created first get none of its environment variables: it matters only to pods that read Services from them)',
  fix: 'create the Service before the pod construct (or in an earlier chart), or read the Service\'s address from DNS instead of its environment variables',
  versions: { from: '1.28' },
  check({ model, options, about }: RuleContext<JudgeOptions>) {
    for (const { service, selected } of selectingServices(model)) {
      const before = selected.find(pod => pod.object.index < service.object.index);
      if (before === undefined) continue;
      const skip = options.skipRulesKnob ? `; if your pods do not read Services from environment variables, skip the rule: ${options.skipRulesKnob}` : '';
      about(service.object).add('metadata.name', service.object.name,
        `a Service written before the pods it selects: ${before.object.ref} comes first in the output, and pods created before their Service get none of its environment variables`,
        `${options.orderHint ?? 'add a dependency: `pod.node.addDependency(service)`, or for objects in different charts `podChart.addDependency(serviceChart)`'}${skip}`);
    }
  },
});
