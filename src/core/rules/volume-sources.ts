import { array, record } from '../manifest';
import { defineRule } from '../rule';
import { POD_MAKERS } from '../walk/pods';
import { volumeSourceFindings } from '../walk/volumes';

export const rule = defineRule({
  id: 'volume-sources',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'a volume source as the API server takes it: items with a key and a relative path without ".." (not starting with ".."), file modes 0–0777, a claimName, projected sources of one kind each with distinct paths, downward API fields of the list and a container for resources, service account tokens of 10 minutes to 2^32 s',
  fix: 'give each item a key and a relative path without "..", file modes from 0 to 0777 (octal: 0o644), a claimName for a claim, and one source per projected entry',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.validateVolumeSource',
  podSpec({ field, spec }, r) {
    array(spec.volumes).forEach((v, i) => {
      for (const f of volumeSourceFindings(`${field}.volumes[${i}]`, record(v))) if (f.kind === 'shape') r.add(f.field, f.value, f.allowed, f.fix);
    });
  },
});
