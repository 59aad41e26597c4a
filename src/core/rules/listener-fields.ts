/**
 * A Gateway's listeners as its CRD's schema and CEL rules judge them when the Gateway is applied:
 * names and (port, protocol, hostname) unique within the Gateway, `tls` only on HTTPS and TLS
 * listeners (mode Terminate on HTTPS, a mode on TLS), no hostname on TCP and UDP, and each name
 * and hostname of the right form. The API server refuses the whole Gateway on any of them.
 * (A Terminate listener without a certificate is listener-certificate's.)
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#listener
 */
import { defineRule } from '../rule';
import { gatewayApiOf } from '../gateway-api';
import { array, record, str } from '../manifest';

/** The Gateway API's Hostname (a leading `*.` allowed), as its CRDs' OpenAPI pattern has it. */
export const GATEWAY_HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** The Gateway API's SectionName (a listener's name). */
const SECTION_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const rule = defineRule({
  id: 'listener-fields',
  source: 'api-server',
  severity: 'error',
  kinds: ['Gateway'],
  summary: 'a Gateway\'s listeners have unique names and unique (port, protocol, hostname), tls only on HTTPS (mode Terminate) and TLS (a mode), no hostname on TCP or UDP, and names and hostnames of the forms the CRD takes',
  fix: 'give every listener a unique name and a unique (port, protocol, hostname), tls only on HTTPS (mode Terminate) and TLS, and no hostname on TCP or UDP',
  upstream: 'gateway.networking.k8s.io_gateways.yaml v1.6 (x-kubernetes-validations of spec.listeners; the SectionName and Hostname patterns)',
  check({ model, about }) {
    for (const gateway of gatewayApiOf(model).gateways) {
      const r = about(gateway.object);
      const raw = array(record(gateway.object.raw.spec).listeners).map(record);
      const names = new Map<string, number>();
      const combos = new Map<string, number>();
      raw.forEach((l, i) => {
        const at = `spec.listeners[${i}]`;
        const name = str(l.name) ?? '';
        const protocol = str(l.protocol) ?? '';
        const hostname = str(l.hostname);
        if (!SECTION_NAME.test(name) || name.length > 253) {
          r.add(`${at}.name`, l.name, 'a listener name of lower-case letters, digits, \'-\' and \'.\' (a DNS subdomain, at most 253 characters)');
        } else if (names.has(name)) {
          r.add(`${at}.name`, name, `a name no other listener of the Gateway has: listener ${names.get(name)} is named so`, 'give each listener its own name');
        } else names.set(name, i);
        const combo = JSON.stringify([l.port, protocol, hostname ?? null]);
        if (combos.has(combo)) {
          r.add(at, `${protocol} ${String(l.port)}${hostname ? ` ${hostname}` : ''}`, `a port, protocol and hostname no other listener has: listener ${combos.get(combo)} has the same`,
            'give the listeners different ports or hostnames, or merge them');
        } else combos.set(combo, i);
        const tls = l.tls === undefined ? undefined : record(l.tls);
        if (tls !== undefined && ['HTTP', 'TCP', 'UDP'].includes(protocol)) {
          r.add(`${at}.tls`, l.tls, `no tls on a ${protocol} listener (HTTPS and TLS listeners take one)`, 'drop tls, or make the listener HTTPS');
        }
        if (protocol === 'HTTPS' && tls !== undefined && tls.mode !== undefined && tls.mode !== '' && tls.mode !== 'Terminate') {
          r.add(`${at}.tls.mode`, tls.mode, 'Terminate: an HTTPS listener terminates TLS (a TLS listener passes it through)', 'make it a TLS listener to pass TLS through');
        }
        if (protocol === 'TLS' && (tls === undefined || tls.mode === '')) {
          r.add(`${at}.tls`, l.tls, 'a tls with a mode (Terminate with a certificate, or Passthrough): a TLS listener needs one', 'give the listener tls: { mode: Passthrough } or a certificate');
        }
        if ((protocol === 'TCP' || protocol === 'UDP') && hostname !== undefined && hostname !== '') {
          r.add(`${at}.hostname`, hostname, `no hostname on a ${protocol} listener (it does not see one)`, 'drop the hostname');
        } else if (hostname !== undefined && (!GATEWAY_HOSTNAME.test(hostname) || hostname.length > 253)) {
          r.add(`${at}.hostname`, hostname, 'a DNS name of lower-case letters, digits, \'-\' and \'.\', optionally with a leading "*." (no port, at most 253 characters)');
        }
      });
    }
  },
});
