/**
 * The cross check of NetworkPolicies and Services: a Service's port that the policies of every
 * pod it selects keep out reaches nothing (the API server accepts both objects; the traffic is
 * dropped). Ingress isolation is Kubernetes': a pod is isolated when a policy with policy type
 * Ingress selects it, and then lets in only what a selecting policy's ingress rule allows.
 */
import { Findings } from '../findings';
import { ManifestModel, PodSource, ServiceView } from '../manifest';
import { describeIngress, isolatedForIngress, letsIn, policiesSelecting, PolicyView, readPolicies } from '../network-policy';
import { findContainerPort, PodIndex, targetOf } from '../routing';

/** Runs the check over a model. */
export function checkNetworkPolicies(model: ManifestModel, out: Findings): void {
  const policies = readPolicies(model.objects);
  if (policies.length === 0) return;
  const index = new PodIndex(model.pods);
  for (const service of model.services) {
    if (service.type === 'ExternalName' || Object.keys(service.selector ?? {}).length === 0) continue;
    const selected = index.selectedBy(service);
    if (selected.length > 0) checkService(service, selected, policies, out);
  }
}

function checkService(service: ServiceView, selected: readonly PodSource[], policies: readonly PolicyView[], out: Findings): void {
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
    out.about(service.object).add('service-port-allowed', `spec.ports[${port.index}]`, port.port,
      `a port the NetworkPolicies of a selected pod let in: ${blocked.pod.object.ref}${others} is isolated by ${refs}, and none lets in targetPort ${JSON.stringify(target)}/${port.protocol}`,
      'let the container port in: a PodIsolation lets in the ports of the ExposedServices that target its pods (or give it `ports`); or add an ingress rule for the port to a policy that selects the pods');
  }
}
