import { array, record } from '../manifest';
import type { JudgeOptions } from '../options';
import type { RuleContext } from '../rule';
import { defineRule } from '../rule';
import { DEFAULT_NODE_PORT_RANGE } from '../node-ports';
import * as validators from '../validators';
import { serviceSites } from '../walk/services';

export const rule = defineRule({
  id: 'node-port',
  source: 'allocator',
  severity: 'error',
  kinds: ['Service'],
  summary: 'a nodePort only on NodePort and LoadBalancer Services, inside the node port range, and on one Service only',
  fix: 'leave nodePort out (the allocator picks a free one), or choose one inside the node port range (30000–32767 by default) that no other Service uses, on a NodePort or LoadBalancer Service only',
  versions: { from: '1.28' },
  upstream: 'pkg/registry/core/service/portallocator (and ValidateService: no nodePort on a ClusterIP Service)',
  check({ model, options, about }: RuleContext<JudgeOptions>) {
    // Each Service on its own: a number, and only where the type has node ports.
    for (const { object, spec, type } of serviceSites(model)) {
      array(spec.ports).forEach((p, i) => {
        const nodePort = record(p).nodePort;
        const at = `spec.ports[${i}].nodePort`;
        if (nodePort !== undefined && typeof nodePort !== 'number') {
          about(object).add(at, nodePort, validators.portNumber(nodePort)!);
        } else if (nodePort !== undefined && nodePort !== 0 && type === 'ClusterIP') {
          about(object).add(at, nodePort, 'no nodePort on a ClusterIP Service: only NodePort and LoadBalancer Services have one', 'use type NodePort, or drop nodePort');
        }
      });
    }
    // The allocator's view: a nodePort inside the range, and each one on one Service only.
    const [lo, hi] = options.nodePortRange ?? DEFAULT_NODE_PORT_RANGE;
    const owners = new Map<number, (typeof model.services)[number]>();
    for (const service of model.services) {
      if (service.type !== 'NodePort' && service.type !== 'LoadBalancer') continue;
      const own = new Set<number>();
      for (const port of service.ports) {
        const nodePort = port.nodePort;
        if (nodePort === undefined || nodePort === 0) continue; // 0: the cluster allocates one
        const field = `spec.ports[${port.index}].nodePort`;
        const outside = validators.nodePort(nodePort, [lo, hi]);
        if (outside !== undefined) {
          about(service.object).add(field, nodePort, outside, validators.nodePortFix(options.nodePortRangeKnob));
          continue;
        }
        // One Service may use a nodePort for several protocols: the cluster allocates it to that Service once.
        if (own.has(nodePort)) continue;
        own.add(nodePort);
        const owner = owners.get(nodePort);
        if (owner === undefined) owners.set(nodePort, service);
        else {
          about(service.object).add(field, nodePort,
            `a nodePort no other Service of the app has: ${owner.object.ref} already has it, and the cluster allocates each nodePort once`,
            'give one of them another nodePort, or leave it out and let the cluster pick one');
        }
      }
    }
  },
});
