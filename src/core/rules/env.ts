import { asText } from '../util';
import { array, record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { containersOf } from '../walk/containers';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'env',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'environment variable names; a value or a valueFrom, not both',
  fix: 'name each variable with letters, digits, "_", "-" and "." (not starting with a digit), and give it a value or a valueFrom, not both',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.ValidateEnv',
  podSpec({ field, spec }, r) {
    for (const c of containersOf(field, spec)) {
      array(c.container.env).forEach((e, i) => {
        const env = record(e);
        const at = `${c.field}.env[${i}]`;
        r.check(`${at}.name`, env.name, validators.envVarName(env.name));
        // (an empty value is no value to the API server)
        if (env.value !== undefined && env.value !== '' && env.valueFrom !== undefined) {
          r.add(`${at}.valueFrom`, env.valueFrom, 'no valueFrom beside a value: either value or valueFrom', 'drop one of them');
        }
        if (env.value !== undefined && typeof env.value !== 'string') r.add(`${at}.value`, env.value, 'a string', `quote it: ${JSON.stringify(asText(env.value))}`);
      });
    }
  },
});
