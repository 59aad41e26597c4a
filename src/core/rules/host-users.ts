import { array, record } from '../manifest';
import { defineRule } from '../rule';
import { containersOf } from '../walk/containers';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'host-users',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'a pod in a user namespace of its own (hostUsers: false) shares no namespace with the node (no hostNetwork, hostPID or hostIPC) and has no volumeDevices',
  fix: 'drop hostNetwork, hostPID, hostIPC and volumeDevices from a pod with hostUsers: false, or leave hostUsers out',
  // (before 1.33 the field is dropped: rule field-version)
  versions: { from: '1.33' },
  upstream: 'pkg/apis/core/validation.validateHostUsers (UserNamespacesSupport; UserNamespacesHostNetworkSupport is alpha, off)',
  podSpec({ field, spec }, r) {
    if (spec.hostUsers !== false) return;
    for (const ns of ['hostNetwork', 'hostPID', 'hostIPC']) {
      if (spec[ns] === true) r.add(`${field}.${ns}`, true, 'false or unset in a pod with hostUsers: false (its own user namespace shares no namespace with the node)');
    }
    for (const c of containersOf(field, spec)) {
      if (array(c.container.volumeDevices).length > 0) r.add(`${c.field}.volumeDevices`, record(c.container).volumeDevices, 'no volumeDevices in a pod with hostUsers: false (block devices cannot be id-mapped)');
    }
    array(spec.ephemeralContainers).forEach((e, i) => {
      if (array(record(e).volumeDevices).length > 0) r.add(`${field}.ephemeralContainers[${i}].volumeDevices`, record(e).volumeDevices, 'no volumeDevices in a pod with hostUsers: false');
    });
  },
});
