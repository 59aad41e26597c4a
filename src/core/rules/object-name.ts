import type { KubeObject} from '../manifest';
import { record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { judgedObjects } from '../walk/objects';
import type { KubernetesVersion } from '../versions';
import { atLeast, DEFAULT_KUBERNETES_VERSION, targetOf } from '../versions';

/**
 * The API server's rule for a kind's names at the target minor. A Service's name is a DNS-1035
 * label (it starts with a letter) until 1.36, where RelaxedServiceNameValidation (beta, on by
 * default) takes a DNS-1123 label.
 */
export function nameRule(kind: string | undefined, target: KubernetesVersion = DEFAULT_KUBERNETES_VERSION): (name: unknown) => string | undefined {
  switch (kind) {
    case 'Service': return atLeast(target, '1.36') ? validators.dns1123Label : validators.dns1035Label;
    case 'Namespace': return validators.dns1123Label;
    case 'StatefulSet': return validators.dns1123Label;
    // (policy/v1 validates a budget's spec only: its name just has to fit in a URL)
    case 'PodDisruptionBudget': return validators.pathSegmentName;
    case 'CronJob': return (name: unknown) => validators.dns1123Subdomain(name) ?? (typeof name === 'string' && name.length > 52
      ? 'a CronJob name of at most 52 characters (its Jobs are named <name>-<11 characters>)' : undefined);
    default: return validators.dns1123Subdomain;
  }
}

/** In an app, a name that breaks the rule is fixed on the construct (a generated one by giving one). */
function generatedNameFix(object: KubeObject): string | undefined {
  if (object.where === object.ref) return undefined;
  return object.kind === 'Service'
    ? 'give the construct a valid `name` (a Service\'s name starts with a letter before Kubernetes 1.36; a generated name starts with its chart\'s id, e.g. "02-cluster-ip")'
    : 'give the construct a valid `name`';
}

export const rule = defineRule({
  id: 'object-name',
  source: 'api-server',
  severity: 'error',
  kinds: ['*'],
  summary: 'metadata.name is set and valid for its kind (a Service\'s a DNS-1035 label, a DNS-1123 label from 1.36, a StatefulSet\'s a DNS-1123 label, most others a DNS-1123 subdomain)',
  fix: 'name the object by its kind\'s rule: a Service by a DNS-1035 label (lower-case letters, digits, "-", starting with a letter, at most 63; from 1.36 a DNS-1123 label may start with a digit), a StatefulSet by a DNS-1123 label, most others by a DNS-1123 subdomain (at most 253)',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.ValidateObjectMeta (with the kind\'s name validation, e.g. ValidateServiceName)',
  check({ model, options, about }) {
    const target = targetOf(options);
    for (const object of judgedObjects(model)) {
      const meta = record(object.raw.metadata);
      const name = meta.name;
      if (name === undefined && meta.generateName === undefined) {
        about(object).add('metadata.name', undefined, `a name: every ${object.kind} needs one`, 'give the object a name');
      } else if (name !== undefined) {
        about(object).check('metadata.name', name, nameRule(object.builtinKind, target)(name), generatedNameFix(object));
      }
    }
  },
});
