import { record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { objectsOfKind } from '../walk/objects';

export const rule = defineRule({
  id: 'replicas',
  source: 'api-server',
  severity: 'error',
  kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'],
  summary: 'replicas is an integer from 0 to 2147483647',
  fix: 'give replicas as a whole number from 0 to 2147483647',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/apps/validation.ValidateDeploymentSpec (ValidateNonnegativeField)',
  check({ model, about }) {
    for (const object of objectsOfKind(model, 'Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController')) {
      const replicas = record(object.raw.spec).replicas;
      if (replicas !== undefined) about(object).check('spec.replicas', replicas, validators.integer(replicas));
    }
  },
});
