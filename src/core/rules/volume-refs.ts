import { array, record } from '../manifest';
import { defineRule } from '../rule';
import { POD_MAKERS } from '../walk/pods';
import { volumeSourceFindings } from '../walk/volumes';

export const rule = defineRule({
  id: 'volume-refs',
  source: 'kubelet',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'a volume reads names and keys a ConfigMap, Secret or claim can have: a DNS-1123 subdomain name, ConfigMap keys (the API server checks only that they are set; the kubelet then cannot mount the volume)',
  fix: 'name the ConfigMap, Secret or claim by a DNS-1123 subdomain, and its keys by ConfigMap keys (letters, digits, "-", "_", ".")',
  versions: { from: '1.28' },
  upstream: 'pkg/kubelet/volumemanager (the ConfigMap, Secret or claim named cannot exist)',
  podSpec({ field, spec }, r) {
    array(spec.volumes).forEach((v, i) => {
      for (const f of volumeSourceFindings(`${field}.volumes[${i}]`, record(v))) if (f.kind === 'reference') r.add(f.field, f.value, f.allowed, f.fix);
    });
  },
});
