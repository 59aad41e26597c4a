import { defineRule } from '../rule';
import { targetOf } from '../versions';
import { handlerFindings, handlersOf } from '../walk/handlers';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'lifecycle',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'a postStart or preStop hook has one handler (exec, httpGet or tcpSocket; sleep from 1.29, whole seconds at least 1), a command or a valid port, path, scheme and header names; init containers have none, but native sidecars (restartPolicy Always)',
  fix: 'give the hook one handler: Hook.exec([...]), Hook.httpGet(path) or Hook.tcpSocket() with a valid port; no hooks on a regular init container (a native sidecar may have them)',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.validateLifecycle',
  podSpec({ field, spec }, r, { options }) {
    for (const site of handlersOf(field, spec, targetOf(options))) {
      if (site.kind !== 'hook') continue;
      if (site.forbidden) {
        r.add(site.field, Object.keys(site.handler), 'no lifecycle hooks on an init container (only a native sidecar, restartPolicy Always, has them)');
        continue;
      }
      for (const f of handlerFindings(site)) r.add(f.field, f.value, f.allowed);
    }
  },
});
