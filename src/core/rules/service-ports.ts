import { asText } from '../util';
import { array, record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { serviceSites } from '../walk/services';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

export const rule = defineRule({
  id: 'service-ports',
  source: 'api-server',
  severity: 'error',
  kinds: ['Service'],
  summary: 'a Service has ports (but ExternalName and headless); port 1–65535; names DNS-1123 labels, required with more than one port, unique; (port, protocol) unique; targetPort a port number or an IANA name',
  fix: 'give the Service ports from 1 to 65535, each named (a DNS-1123 label) when there are several, unique by port and protocol, with a targetPort number or a port name of the pods',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.ValidateService (validateServicePort)',
  check({ model, about }) {
    for (const { object, spec, type } of serviceSites(model)) {
      const r = about(object);
      const ports = array(spec.ports);
      if (ports.length === 0 && type !== 'ExternalName' && spec.clusterIP !== 'None') {
        r.add('spec.ports', spec.ports, `at least one port: the API server refuses a ${String(type)} Service without one`,
          'list a port, or make the Service headless (clusterIP: None)');
      }
      const names = new Set<string>();
      const pairs = new Set<string>();
      ports.forEach((p, i) => {
        const port = record(p);
        const at = `spec.ports[${i}]`;
        r.check(`${at}.port`, port.port, validators.portNumber(port.port));
        if (port.name === undefined || port.name === '') {
          if (ports.length > 1) r.add(`${at}.name`, port.name, 'a name: every port of a Service with more than one port needs one');
        } else {
          r.check(`${at}.name`, port.name, validators.dns1123Label(port.name));
          if (typeof port.name === 'string') {
            if (names.has(port.name)) r.add(`${at}.name`, port.name, 'a name no other port of the Service has');
            names.add(port.name);
          }
        }
        const protocol = port.protocol ?? 'TCP';
        if (!PROTOCOLS.includes(protocol as string)) r.add(`${at}.protocol`, protocol, 'one of TCP, UDP, SCTP');
        const pair = `${asText(port.port)}/${asText(protocol)}`;
        if (pairs.has(pair)) r.add(`${at}.port`, pair, 'a (port, protocol) pair no other port of the Service has');
        pairs.add(pair);
        const target = port.targetPort;
        if (typeof target === 'string') r.check(`${at}.targetPort`, target, validators.ianaServiceName(target));
        else if (target !== undefined && target !== 0) r.check(`${at}.targetPort`, target, validators.portNumber(target)); // 0: the API server defaults it to port
      });
    }
  },
});
