import { record } from '../manifest';
import { defineRule } from '../rule';
import { targetOf } from '../versions';
import * as validators from '../validators';
import { handlersOf } from '../walk/handlers';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'probe-port-name',
  source: 'kubelet',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'a probe or hook that names its port names a port of its own container, and a port it reaches is not one its container declares for UDP or SCTP only (the API server accepts any name; the kubelet connects over TCP, and fails)',
  fix: 'name a port of the probe\'s own container (its ports[].name), or give the port number; a probe reaches its port over TCP, so not one declared for UDP or SCTP only',
  versions: { from: '1.28' },
  upstream: 'pkg/probe.ResolveContainerPort (findPortByName)',
  podSpec({ field, spec }, r, { options }) {
    for (const site of handlersOf(field, spec, targetOf(options))) {
      if (site.forbidden) continue;
      for (const handler of ['httpGet', 'tcpSocket']) {
        if (site.handler[handler] === undefined) continue;
        const port = record(site.handler[handler]).port;
        // A port the container declares, by this number or name, for another protocol only: the
        // kubelet connects over TCP (probes, HTTP hooks), where nothing listens.
        const declared = site.ports.filter(p => (typeof port === 'number' ? p.number === port : p.name === port));
        if (declared.length > 0 && declared.every(p => p.protocol !== 'TCP')) {
          r.add(`${site.field}.${handler}.port`, port, `a TCP port (${site.kind === 'probe' ? 'probes connect' : 'a hook connects'} over TCP), not this ${declared[0].protocol} port`,
            `${site.kind === 'probe' ? 'probe' : 'reach'} a TCP port of the container`);
          continue;
        }
        if (typeof port !== 'string' || validators.portNumberOrName(port) !== undefined || site.portNames.includes(port)) continue;
        r.add(`${site.field}.${handler}.port`, port,
          `the name of a port of this container (${site.portNames.length > 0 ? site.portNames.map(n => JSON.stringify(n)).join(', ') : 'it names none'}): the kubelet looks the name up there, and fails otherwise`,
          'name the container port, or give the number');
      }
    }
  },
});
