/**
 * An HTTPS listener, and a TLS listener that terminates TLS, has a certificate: `tls` with a
 * `certificateRefs` entry. The CRD refuses `mode: Terminate` without certificateRefs (or
 * implementation options); an HTTPS listener without any `tls` passes the CRD, and the
 * controller then marks the listener invalid and serves nothing on it.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#listenertlsconfig
 */
import { defineRule } from '../rule';
import { gatewayApiOf } from '../gateway-api';

export const rule = defineRule({
  id: 'listener-certificate',
  source: 'ours',
  severity: 'error',
  kinds: ['Gateway'],
  summary: 'an HTTPS listener, and a TLS listener in mode Terminate, has tls.certificateRefs (the CRD refuses Terminate without them; an HTTPS listener without tls is accepted and then serves nothing)',
  upstream: 'gateway.networking.k8s.io_gateways.yaml (x-kubernetes-validations of ListenerTLSConfig: "certificateRefs or options must be specified when mode is Terminate")',
  check({ model, about }) {
    for (const gateway of gatewayApiOf(model).gateways) {
      for (const l of gateway.listeners) {
        const field = `spec.listeners[${l.index}]`;
        if (l.protocol === 'HTTPS' && l.tlsMode === undefined) {
          about(gateway.object).add(`${field}.tls`, undefined, 'a tls with certificateRefs: an HTTPS listener terminates TLS with a certificate',
            'give the listener a kubernetes.io/tls Secret (Gateway listener `certificate`)');
        } else if ((l.protocol === 'HTTPS' || l.protocol === 'TLS') && l.tlsMode === 'Terminate' && l.certificateRefs.length === 0 && !l.tlsOptions) {
          about(gateway.object).add(`${field}.tls.certificateRefs`, [], `at least one certificate reference: a ${l.protocol} listener in mode Terminate needs a certificate`,
            'reference a kubernetes.io/tls Secret');
        }
      }
    }
  },
});
