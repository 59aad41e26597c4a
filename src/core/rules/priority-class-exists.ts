/**
 * A pod's `priorityClassName` names a cluster-wide PriorityClass. The Priority admission plugin
 * refuses a Pod whose class does not exist (`no PriorityClass with name <name> was found`); a
 * controller's pods are refused the same way, so a Deployment's ReplicaSet reports
 * `ReplicaFailure` / `FailedCreate` and never makes a pod. Only `system-cluster-critical` and
 * `system-node-critical` exist in every cluster. The app may rely on one the cluster already
 * holds, so this is a warning that names what must exist first. The control plane shows it
 * (test/controlplane/rules.test.ts).
 */
import { str } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';

/** The classes the API server makes itself (pkg/apis/scheduling SystemPriorityClasses). */
const SYSTEM_CLASSES = ['system-cluster-critical', 'system-node-critical'];

export const rule = defineRule({
  id: 'priority-class-exists',
  source: 'admission',
  severity: 'warning',
  kinds: ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'PriorityClass'],
  summary: 'a pod\'s priorityClassName names a PriorityClass the app writes (or a system one): else the Priority admission plugin refuses the Pod, and a controller never makes its pods (FailedCreate), unless the cluster holds it already',
  fix: 'write the PriorityClass in the app (an ApiObject of kind PriorityClass), or make sure the cluster holds it before the pods are applied, or drop priorityClassName',
  versions: { from: '1.28' },
  upstream: 'plugin/pkg/admission/priority/admission.go admitPod (getPriorityClass)',
  check({ model, about }) {
    const written = new Set(model.objects
      .filter(o => o.kind === 'PriorityClass' && /^scheduling\.k8s\.io\//.test(o.apiVersion ?? ''))
      .map(o => o.name));
    for (const pod of model.pods) {
      const name = str(pod.spec.priorityClassName);
      // (a name the API server refuses is pod-identity's)
      if (!name || validators.dns1123Subdomain(name) !== undefined || SYSTEM_CLASSES.includes(name) || written.has(name)) continue;
      about(pod.object).add(`${pod.template}spec.priorityClassName`, name,
        `a PriorityClass the app writes, or one the cluster holds before it is applied: without it the Priority admission plugin refuses ${pod.object.builtinKind === 'Pod' ? 'the Pod' : 'every pod of it (FailedCreate: no PriorityClass with name ' + name + ' was found), and none runs'}`,
        `write a PriorityClass ${name} (scheduling.k8s.io/v1, with a value) beside it, or make sure the cluster holds it first`);
    }
  },
});
