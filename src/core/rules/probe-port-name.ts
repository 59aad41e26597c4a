import { record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { handlersOf } from '../walk/handlers';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'probe-port-name',
  source: 'kubelet',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'a probe or hook that names its port names a port of its own container (the API server accepts any name; the kubelet then fails the probe)',
  fix: 'name a port of the probe\'s own container (its ports[].name), or give the port number',
  versions: { from: '1.28' },
  upstream: 'pkg/probe.ResolveContainerPort (findPortByName)',
  podSpec({ field, spec }, r) {
    for (const site of handlersOf(field, spec)) {
      if (site.forbidden) continue;
      for (const handler of ['httpGet', 'tcpSocket']) {
        if (site.handler[handler] === undefined) continue;
        const port = record(site.handler[handler]).port;
        if (typeof port !== 'string' || validators.portNumberOrName(port) !== undefined || site.portNames.includes(port)) continue;
        r.add(`${site.field}.${handler}.port`, port,
          `the name of a port of this container (${site.portNames.length > 0 ? site.portNames.map(n => JSON.stringify(n)).join(', ') : 'it names none'}): the kubelet looks the name up there, and fails otherwise`,
          'name the container port, or give the number');
      }
    }
  },
});
