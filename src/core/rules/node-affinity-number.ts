import { array } from '../manifest';
import { defineRule } from '../rule';
import { nodeRequirements } from '../walk/labels';
import { POD_MAKERS } from '../walk/pods';

const INTEGER = /^-?[0-9]+$/;

export const rule = defineRule({
  id: 'node-affinity-number',
  source: 'scheduler',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'the value of a Gt or Lt node selector requirement is an integer (the API server accepts any string; the scheduler then matches no node)',
  fix: 'write the Gt or Lt value as an integer string, e.g. "4"',
  versions: { from: '1.28' },
  upstream: 'k8s.io/component-helpers/scheduling/corev1/nodeaffinity (Gt/Lt parse the value as an integer)',
  podSpec({ field, spec }, r) {
    for (const { field: f, requirement } of nodeRequirements(field, spec)) {
      if (requirement.operator !== 'Gt' && requirement.operator !== 'Lt') continue;
      const values = array(requirement.values);
      if (values.length === 1 && (typeof values[0] !== 'string' || !INTEGER.test(values[0]))) {
        r.add(`${f}.values[0]`, values[0], `an integer, as a string, with the operator ${requirement.operator}: the scheduler compares the node label as a number, and matches no node otherwise`);
      }
    }
  },
});
