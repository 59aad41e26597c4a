import * as config from '../config-rules';
import { record } from '../manifest';
import { defineRule } from '../rule';
import { objectsOfKind } from '../walk/objects';

export const rule = defineRule({
  id: 'config-data',
  source: 'api-server',
  severity: 'error',
  kinds: ['ConfigMap', 'Secret'],
  summary: 'ConfigMap and Secret data keys are ConfigMap keys (letters, digits, "-", "_", "."; not "." or starting with ".."), none in both data and binaryData',
  fix: 'rename the key to letters, digits, "-", "_" and "." (not "." or starting with ".."), and keep each key in data or in binaryData, not both',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.ValidateConfigMap and ValidateSecret',
  check({ model, about }) {
    for (const object of objectsOfKind(model, 'ConfigMap', 'Secret')) {
      const fields = object.builtinKind === 'ConfigMap' ? ['data', 'binaryData'] : ['data', 'stringData'];
      for (const field of fields) {
        for (const key of Object.keys(record(object.raw[field]))) about(object).check(`${field}.${key}`, key, config.configMapKey(key));
      }
      if (object.builtinKind !== 'ConfigMap') continue;
      const binary = record(object.raw.binaryData);
      for (const key of Object.keys(record(object.raw.data))) {
        if (key in binary) about(object).add(`data.${key}`, key, 'a key not also in binaryData', 'keep the key in one of data and binaryData');
      }
    }
  },
});
