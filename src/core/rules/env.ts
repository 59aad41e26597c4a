import { asText } from '../util';
import { array, record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { containersOf } from '../walk/containers';
import { POD_MAKERS } from '../walk/pods';
import { atLeast, RELAXED_ENV_NAMES_FROM, targetOf } from '../versions';

export const rule = defineRule({
  id: 'env',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'environment variable names (before 1.32 letters, digits, "_", "-" and ".", not starting with a digit; from 1.32 printable ASCII but "="); a value or a valueFrom, not both',
  fix: 'name each variable with letters, digits, "_", "-" and "." (not starting with a digit; from 1.32 any printable ASCII character but "="), and give it a value or a valueFrom, not both',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.ValidateEnv',
  podSpec({ field, spec }, r, { options }) {
    // (from 1.32 the API server accepts any printable ASCII name but "=", and warns about none: RelaxedEnvironmentVariableValidation)
    const relaxed = atLeast(targetOf(options), RELAXED_ENV_NAMES_FROM);
    for (const c of containersOf(field, spec)) {
      array(c.container.env).forEach((e, i) => {
        const env = record(e);
        const at = `${c.field}.env[${i}]`;
        r.check(`${at}.name`, env.name, validators.envVarName(env.name, relaxed));
        // (an empty value is no value to the API server)
        if (env.value !== undefined && env.value !== '' && env.valueFrom !== undefined) {
          r.add(`${at}.valueFrom`, env.valueFrom, 'no valueFrom beside a value: either value or valueFrom', 'drop one of them');
        }
        if (env.value !== undefined && typeof env.value !== 'string') r.add(`${at}.value`, env.value, 'a string', `quote it: ${JSON.stringify(asText(env.value))}`);
      });
    }
  },
});
