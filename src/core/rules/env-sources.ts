import * as config from '../config-rules';
import type { Json} from '../manifest';
import { array, record } from '../manifest';
import type { ObjectReporter } from '../rule';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { containersOf } from '../walk/containers';
import { resourceFieldRefFindings } from '../walk/volumes';
import { POD_MAKERS } from '../walk/pods';
import { atLeast, RELAXED_ENV_NAMES_FROM, targetOf } from '../versions';

/** One `env[]` entry's `valueFrom`: exactly one source, each valid. */
function checkValueFrom(r: ObjectReporter, field: string, valueFrom: unknown): void {
  if (valueFrom === undefined) return;
  const v = record(valueFrom);
  const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter(s => v[s] !== undefined);
  if (sources.length !== 1) {
    r.add(field, sources, 'exactly one source: fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef');
    return;
  }
  const source = sources[0];
  const ref = record(v[source]);
  const at = `${field}.${source}`;
  if (source === 'configMapKeyRef' || source === 'secretKeyRef') {
    r.check(`${at}.name`, ref.name, validators.dns1123Subdomain(ref.name));
    r.check(`${at}.key`, ref.key, config.configMapKey(ref.key));
  } else if (source === 'fieldRef') {
    if (ref.apiVersion !== undefined && ref.apiVersion !== 'v1' && ref.apiVersion !== '') r.add(`${at}.apiVersion`, ref.apiVersion, '"v1" (or unset)');
    r.check(`${at}.fieldPath`, ref.fieldPath, config.podFieldPath(ref.fieldPath, config.ENV_FIELD_PATHS));
  } else {
    for (const f of resourceFieldRefFindings(at, ref, false)) r.add(f.field, f.value, f.allowed);
  }
}

/** A container's `envFrom`: one ConfigMap or Secret each, a valid name, a prefix that is a variable name. */
function checkEnvFrom(r: ObjectReporter, field: string, envFrom: unknown, relaxed: boolean): void {
  array(envFrom).forEach((e, i) => {
    const source: Json = record(e);
    const at = `${field}[${i}]`;
    if (source.prefix !== undefined && source.prefix !== '') r.check(`${at}.prefix`, source.prefix, validators.envVarName(source.prefix, relaxed));
    const refs = ['configMapRef', 'secretRef'].filter(s => source[s] !== undefined);
    if (refs.length !== 1) {
      r.add(at, refs, 'exactly one of configMapRef and secretRef');
      return;
    }
    const name = record(source[refs[0]]).name;
    r.check(`${at}.${refs[0]}.name`, name, validators.dns1123Subdomain(name));
  });
}

export const rule = defineRule({
  id: 'env-sources',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'an env valueFrom reads one source: a ConfigMap or Secret key (DNS-1123 subdomain name, ConfigMap key), a pod field env can read, a container resource with a valid divisor; envFrom reads one ConfigMap or Secret, its prefix a variable name',
  fix: 'read one source per variable: EnvValue.fromConfigMap(), .fromSecret(), .fromField() or .fromResource() (each with a valid name, key, field path or divisor), and one ConfigMap or Secret per envFrom',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.validateEnvVarValueFrom and ValidateEnvFrom',
  podSpec({ field, spec }, r, { options }) {
    // (the prefix is a variable name: relaxed from 1.32, as env names)
    const relaxed = atLeast(targetOf(options), RELAXED_ENV_NAMES_FROM);
    for (const c of containersOf(field, spec)) {
      array(c.container.env).forEach((e, i) => checkValueFrom(r, `${c.field}.env[${i}].valueFrom`, record(e).valueFrom));
      checkEnvFrom(r, `${c.field}.envFrom`, c.container.envFrom, relaxed);
    }
  },
});
