import { defineRule } from '../rule';
import { POD_MAKERS } from '../walk/pods';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
/** Controllers whose pods must restart: `restartPolicy: Always` only. */
const ALWAYS_RESTART = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'];

export const rule = defineRule({
  id: 'restart-policy',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'restartPolicy Always, OnFailure or Never; Always under a Deployment, StatefulSet, DaemonSet, ReplicaSet or ReplicationController, OnFailure or Never under a Job or CronJob',
  fix: 'use restartPolicy Always under a Deployment, StatefulSet, DaemonSet or ReplicaSet, OnFailure or Never under a Job or CronJob, and one of the three on a bare Pod',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.validateRestartPolicy (and the apps and batch template checks)',
  podSpec({ object, field, spec }, r) {
    const policy = spec.restartPolicy;
    const kind = object.builtinKind!;
    if (policy !== undefined && !RESTART_POLICIES.includes(policy as string)) {
      r.add(`${field}.restartPolicy`, policy, 'one of Always, OnFailure, Never');
    } else if (ALWAYS_RESTART.includes(kind) && policy !== undefined && policy !== 'Always') {
      r.add(`${field}.restartPolicy`, policy, `Always (or unset) under a ${object.kind}: it restarts every container that exits`,
        'drop restartPolicy, or run the pod as a Job');
    } else if ((kind === 'Job' || kind === 'CronJob') && (policy === undefined || policy === 'Always')) {
      r.add(`${field}.restartPolicy`, policy, `OnFailure or Never under a ${object.kind}: its pods run to completion`);
    }
  },
});
