import type { PodSource } from '../manifest';
import type { PolicyView} from '../network-policy';
import { describeIngress, isolatedForIngress, letsIn, policiesSelecting, readPolicies } from '../network-policy';
import { defineRule } from '../rule';
import { findContainerPort, targetOf } from '../routing';
import { selectingServices } from '../walk/services';

export const rule = defineRule({
  id: 'service-port-allowed',
  source: 'ours',
  severity: 'error',
  kinds: ['Service', 'NetworkPolicy'],
  summary: 'each Service port is let in by the NetworkPolicies of at least one pod it selects (a port every selected pod\'s policies keep out reaches nothing)',
  fix: 'let the port in: pod.isolate({ ports }) or a PodIsolation that admits the Service\'s target port, or remove the port from the Service',
  versions: { from: '1.28' },
  check({ model, about }) {
    // Ingress isolation is Kubernetes': a pod is isolated when a policy with policy type Ingress
    // selects it, and then lets in only what a selecting policy's ingress rule allows.
    const policies = readPolicies(model.objects);
    if (policies.length === 0) return;
    for (const { service, selected } of selectingServices(model)) {
      if (selected.length === 0) continue;
      const byPod = new Map(selected.map(pod => [pod, policiesSelecting(policies, pod)]));
      for (const port of service.ports) {
        const target = targetOf(port);
        let blocked: { pod: PodSource; policies: readonly PolicyView[] } | undefined;
        let open = false;
        for (const pod of selected) {
          const mine = byPod.get(pod)!;
          if (!isolatedForIngress(mine)) { open = true; break; }
          // (a targetPort the pod does not declare is target-port-is-exposed's problem)
          const found = findContainerPort(pod.containers, target, port.protocol);
          const reached = found?.port ?? (typeof target === 'number' ? { number: target, protocol: port.protocol } : undefined);
          if (reached === undefined || mine.some(p => letsIn(p, pod, reached))) { open = true; break; }
          blocked ??= { pod, policies: mine.filter(p => p.policyTypes.includes('Ingress')) };
        }
        if (open || blocked === undefined) continue;
        const refs = blocked.policies.map(p => `${p.object.ref} (lets in ${describeIngress(p)})`).join(', ');
        const others = selected.length > 1 ? ` (and the other ${selected.length - 1} selected pods likewise)` : '';
        about(service.object).add(`spec.ports[${port.index}]`, port.port,
          `a port the NetworkPolicies of a selected pod let in: ${blocked.pod.object.ref}${others} is isolated by ${refs}, and none lets in targetPort ${JSON.stringify(target)}/${port.protocol}`,
          'let the container port in: a PodIsolation lets in the ports of the ExposedServices that target its pods (or give it `ports`); or add an ingress rule for the port to a policy that selects the pods');
      }
    }
  },
});
