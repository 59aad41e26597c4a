import { array, record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { containersOf } from '../walk/containers';
import { POD_MAKERS } from '../walk/pods';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

export const rule = defineRule({
  id: 'container-ports',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'containerPort 1–65535; port names IANA service names, unique in the container; protocol TCP, UDP or SCTP',
  fix: 'use a containerPort from 1 to 65535, a port name of at most 15 lower-case letters, digits and "-" with a letter, unique in its container, and protocol TCP, UDP or SCTP',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.validateContainerPorts',
  podSpec({ field, spec }, r) {
    for (const c of containersOf(field, spec)) {
      const names = new Set<string>();
      array(c.container.ports).forEach((p, i) => {
        const port = record(p);
        const at = `${c.field}.ports[${i}]`;
        r.check(`${at}.containerPort`, port.containerPort, validators.portNumber(port.containerPort));
        if (port.name !== undefined && port.name !== '') {
          r.check(`${at}.name`, port.name, validators.ianaServiceName(port.name));
          if (typeof port.name === 'string') {
            if (names.has(port.name)) r.add(`${at}.name`, port.name, 'a name no other port of the container has');
            names.add(port.name);
          }
        }
        if (port.protocol !== undefined && !PROTOCOLS.includes(port.protocol as string)) r.add(`${at}.protocol`, port.protocol, 'one of TCP, UDP, SCTP');
      });
    }
  },
});
