import { array, record } from '../manifest';
import { defineRule } from '../rule';
import { POD_MAKERS } from '../walk/pods';

/** The media the kubelet's emptyDir plugin sets up: the node's disk, a tmpfs, huge pages. */
const MEDIA = ['', 'Memory', 'HugePages'];

export const rule = defineRule({
  id: 'empty-dir-medium',
  source: 'kubelet',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'an emptyDir\'s medium is "" (the node\'s disk), Memory, HugePages or HugePages-<size> (the API server takes any string; the kubelet then cannot set the volume up, and the pod never starts)',
  fix: 'set the emptyDir\'s medium to "" (the node\'s disk, the default), "Memory", "HugePages" or "HugePages-<size>" such as "HugePages-2Mi"',
  versions: { from: '1.28' },
  upstream: 'pkg/volume/emptydir/empty_dir.go SetUpAt ("unknown storage medium")',
  podSpec({ field, spec }, r) {
    array(spec.volumes).forEach((v, i) => {
      const emptyDir = record(v).emptyDir;
      if (emptyDir === undefined || emptyDir === null) return;
      const medium = record(emptyDir).medium;
      if (medium === undefined || medium === null) return;
      if (typeof medium === 'string' && (MEDIA.includes(medium) || medium.startsWith('HugePages-'))) return;
      r.add(`${field}.volumes[${i}].emptyDir.medium`, medium, 'EmptyDirMedium.DEFAULT ("", the node\'s disk) or EmptyDirMedium.MEMORY ("Memory", a tmpfs); or HugePages, HugePages-<size>',
        'use "Memory" for a tmpfs, or leave medium out for the node\'s disk');
    });
  },
});
