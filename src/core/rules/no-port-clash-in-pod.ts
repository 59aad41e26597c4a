import { array, record, str } from '../manifest';
import { defineRule } from '../rule';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'no-port-clash-in-pod',
  source: 'kubelet',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'no two containers of one pod declare the same port and protocol (they share one network namespace)',
  fix: 'give each container of the pod its own port (containers share one network namespace: two cannot bind the same port and protocol)',
  versions: { from: '1.28' },
  podSpec({ field, spec }, r) {
    // Two app containers of one pod share its network namespace: one port and protocol each.
    const taken = new Map<string, string>();
    array(spec.containers).forEach((c, ci) => {
      const container = record(c);
      const name = str(container.name) ?? `#${ci}`;
      array(container.ports).forEach((p, pi) => {
        const port = record(p);
        if (typeof port.containerPort !== 'number') return;
        const key = `${port.containerPort}/${str(port.protocol) ?? 'TCP'}`;
        const owner = taken.get(key);
        if (owner === undefined) taken.set(key, name);
        else if (owner !== name) {
          r.add(`${field}.containers[${ci}].ports[${pi}]`, key,
            `a port no other container of the pod listens on: "${owner}" already has ${key}, and the containers of a pod share one network namespace`,
            'give one of them another port');
        }
      });
    });
  },
});
