/**
 * A pod runs as the ServiceAccount its spec names, and the ServiceAccount admission plugin
 * refuses a Pod whose ServiceAccount does not exist in its namespace (`error looking up service
 * account <ns>/<name>: serviceaccount "<name>" not found`); a controller's pods are refused the
 * same way, so its ReplicaSet, StatefulSet, DaemonSet or Job never makes one (`FailedCreate`).
 * Only `default` is made in every namespace by the cluster itself (the service-account
 * controller). The app may rely on one the cluster already holds, so this is a warning that names
 * what must exist first. The control plane shows it (test/controlplane/rules.test.ts).
 */
import { str } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';

export const rule = defineRule({
  id: 'service-account-exists',
  source: 'admission',
  severity: 'warning',
  kinds: ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'ServiceAccount'],
  summary: 'a pod\'s serviceAccountName names a ServiceAccount the app writes in its namespace (or `default`): else the ServiceAccount admission plugin refuses the Pod, and a controller never makes its pods, unless the cluster holds it already',
  fix: 'write the ServiceAccount in the app in the pod\'s namespace, or make sure the cluster holds it before the pods are applied, or drop serviceAccountName',
  versions: { from: '1.28' },
  upstream: 'plugin/pkg/admission/serviceaccount/admission.go Admit (getServiceAccount)',
  check({ model, about }) {
    const written = new Set(model.objects
      .filter(o => o.kind === 'ServiceAccount' && o.apiVersion === 'v1')
      .map(o => `${o.namespace ?? ''}/${o.name}`));
    for (const pod of model.pods) {
      const field = pod.spec.serviceAccountName !== undefined ? 'serviceAccountName' : pod.spec.serviceAccount !== undefined ? 'serviceAccount' : undefined;
      if (field === undefined) continue;
      const name = str(pod.spec[field]);
      // (a name the API server refuses is pod-identity's)
      if (!name || validators.dns1123Subdomain(name) !== undefined || name === 'default' || written.has(`${pod.object.namespace ?? ''}/${name}`)) continue;
      const where = pod.object.namespace ?? 'the namespace it is applied to';
      about(pod.object).add(`${pod.template}spec.${field}`, name,
        `a ServiceAccount the app writes, or one that exists in ${where} before it is applied: without it the ServiceAccount admission plugin refuses ${pod.object.builtinKind === 'Pod' ? 'the Pod' : 'every pod of it (FailedCreate), and none runs'}`,
        `write a ServiceAccount ${name}${pod.object.namespace ? ` in ${pod.object.namespace}` : ''} (apiVersion v1) beside it, or make sure the cluster holds it first`);
    }
  },
});
