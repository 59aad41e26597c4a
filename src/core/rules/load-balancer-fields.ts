import { array, record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { serviceSites } from '../walk/services';
import { atLeast, targetOf } from '../versions';

/** The annotation older clouds read the load balancer's source ranges from. */
export const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
/** The kubelet's port: the API server refuses it on a LoadBalancer Service before 1.33. */
export const KUBELET_PORT = 10250;
/** The first minor whose API server accepts port 10250 on a LoadBalancer Service (kubernetes/kubernetes#129174, 1.33). */
export const KUBELET_PORT_ALLOWED_FROM = '1.33';

export const rule = defineRule({
  id: 'load-balancer-fields',
  source: 'api-server',
  severity: 'error',
  kinds: ['Service'],
  summary: 'loadBalancerSourceRanges (or their annotation) CIDRs, loadBalancerClass a qualified name, allocateLoadBalancerNodePorts, each only on a LoadBalancer Service; before 1.33 no port 10250 (the kubelet\'s) on one',
  fix: 'keep loadBalancerSourceRanges (CIDRs such as "203.0.113.0/24"), loadBalancerClass and allocateLoadBalancerNodePorts on LoadBalancer Services only, and (before 1.33) do not expose port 10250',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.ValidateService (and ValidateLoadBalancerSourceRanges)',
  check({ model, options, about }) {
    // (1.33 dropped the check on port 10250: kubernetes/kubernetes#129174, "Remove the limitation on exposing port 10250 externally")
    const kubeletPortRefused = !atLeast(targetOf(options), KUBELET_PORT_ALLOWED_FROM);
    for (const { object, metadata, spec, type } of serviceSites(model)) {
      const r = about(object);
      const lb = type === 'LoadBalancer';
      const onlyLb = (name: string, value: unknown) => r.add(`spec.${name}`, value,
        `no ${name} on a ${String(type)} Service: only a LoadBalancer Service has it`, `use type LoadBalancer, or drop ${name}`);
      const ranges = spec.loadBalancerSourceRanges;
      const annotated = record(metadata.annotations)[SOURCE_RANGES_ANNOTATION];
      if (ranges !== undefined && !Array.isArray(ranges)) {
        r.add('spec.loadBalancerSourceRanges', ranges, 'a list of IP ranges in CIDR notation');
      } else if (array(ranges).length > 0) {
        if (!lb) onlyLb('loadBalancerSourceRanges', ranges);
        array(ranges).forEach((c, i) => r.check(`spec.loadBalancerSourceRanges[${i}]`, c, validators.cidr(c),
          'write the range with its prefix length, e.g. "203.0.113.0/24" (one address: "203.0.113.7/32")'));
      } else if (annotated !== undefined) {
        const at = `metadata.annotations[${JSON.stringify(SOURCE_RANGES_ANNOTATION)}]`;
        if (!lb) {
          r.add(at, annotated, `no ${SOURCE_RANGES_ANNOTATION} annotation on a ${String(type)} Service: only a LoadBalancer Service has source ranges`,
            'use type LoadBalancer, or drop the annotation');
        }
        const text = typeof annotated === 'string' ? annotated.trim() : annotated;
        if (typeof text === 'string' && text !== '' && text.split(',').some(c => validators.cidr(c) !== undefined)) {
          r.add(at, annotated, 'a comma-separated list of IP ranges in CIDR notation, e.g. "10.0.0.0/24,192.168.2.0/24"');
        }
      }
      const lbClass = spec.loadBalancerClass;
      if (lbClass !== undefined && lbClass !== null) {
        if (!lb) onlyLb('loadBalancerClass', lbClass);
        else r.check('spec.loadBalancerClass', lbClass, validators.qualifiedName(lbClass));
      }
      const allocate = spec.allocateLoadBalancerNodePorts;
      if (allocate !== undefined && allocate !== null) {
        if (!lb) onlyLb('allocateLoadBalancerNodePorts', allocate);
        else if (typeof allocate !== 'boolean') r.add('spec.allocateLoadBalancerNodePorts', allocate, 'true or false');
      }
      if (!lb || !kubeletPortRefused) continue;
      array(spec.ports).forEach((p, i) => {
        if (record(p).port === KUBELET_PORT) {
          r.add(`spec.ports[${i}].port`, KUBELET_PORT, `a port other than ${KUBELET_PORT} on a LoadBalancer Service: the kubelet uses it`,
            'expose the Service on another port (targetPort may stay 10250)');
        }
      });
    }
  },
});
