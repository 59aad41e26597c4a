import { array } from '../manifest';
import { defineRule } from '../rule';
import { isPlainObject } from '../util';
import * as validators from '../validators';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'image-pull-secrets',
  source: 'kubelet',
  severity: 'warning',
  kinds: POD_MAKERS,
  summary: 'each imagePullSecrets entry names a Secret by a valid name (the API server accepts any; the kubelet then pulls without it)',
  fix: 'name each imagePullSecrets entry by the Secret\'s name: a DNS-1123 subdomain (lower-case letters, digits, "-" and ".")',
  versions: { from: '1.28' },
  upstream: 'pkg/kubelet.getPullSecretsForPod (a Secret it cannot find is skipped with a warning)',
  podSpec({ field, spec }, r) {
    if (spec.imagePullSecrets === undefined) return;
    array(spec.imagePullSecrets).forEach((s, i) => {
      const name = isPlainObject(s) ? s.name : s;
      const problem = validators.dns1123Subdomain(name);
      r.check(`${field}.imagePullSecrets[${i}]`, name, problem === undefined ? undefined : `the name of a Secret: ${problem}`);
    });
  },
});
