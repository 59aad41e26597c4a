/**
 * An HTTPS listener, and a TLS listener that terminates TLS, has a certificate: `tls` with a
 * `certificateRefs` entry. The CRD refuses `mode: Terminate` without certificateRefs (or
 * implementation options); an HTTPS listener without any `tls` passes the CRD, and the
 * controller then marks the listener invalid and serves nothing on it. A certificate in another
 * namespace needs a ReferenceGrant there that lets the Gateway read it (else RefNotPermitted).
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#listenertlsconfig
 */
import { defineRule } from '../rule';
import { GATEWAY_GROUP, gatewayApiOf, grantFor, sameNamespace } from '../gateway-api';
import { str } from '../manifest';

export const rule = defineRule({
  id: 'listener-certificate',
  source: 'ours',
  severity: 'error',
  kinds: ['Gateway', 'ReferenceGrant'],
  summary: 'an HTTPS listener, and a TLS listener in mode Terminate, has tls.certificateRefs (the CRD refuses Terminate without them; an HTTPS listener without tls is accepted and then serves nothing), each in the Gateway\'s namespace or granted by a ReferenceGrant of its own',
  fix: 'give the HTTPS or TLS (Terminate) listener tls.certificateRefs naming the Secret of its certificate (Gateway listeners\' certificate option), or use TLS Passthrough',
  upstream: 'gateway.networking.k8s.io_gateways.yaml (x-kubernetes-validations of ListenerTLSConfig: "certificateRefs or options must be specified when mode is Terminate")',
  check({ model, about }) {
    const view = gatewayApiOf(model);
    for (const gateway of view.gateways) {
      for (const l of gateway.listeners) {
        const field = `spec.listeners[${l.index}]`;
        if (l.protocol === 'HTTPS' && l.tlsMode === undefined) {
          about(gateway.object).add(`${field}.tls`, undefined, 'a tls with certificateRefs: an HTTPS listener terminates TLS with a certificate',
            'give the listener a kubernetes.io/tls Secret (Gateway listener `certificate`)');
        } else if ((l.protocol === 'HTTPS' || l.protocol === 'TLS') && l.tlsMode === 'Terminate' && l.certificateRefs.length === 0 && !l.tlsOptions) {
          about(gateway.object).add(`${field}.tls.certificateRefs`, [], `at least one certificate reference: a ${l.protocol} listener in mode Terminate needs a certificate`,
            'reference a kubernetes.io/tls Secret');
        }
        l.certificateRefs.forEach((ref, i) => {
          const namespace = str(ref.namespace);
          const name = str(ref.name) ?? '';
          if (namespace === undefined || sameNamespace(namespace, gateway.object.namespace)) return;
          const to = { group: str(ref.group) ?? '', kind: str(ref.kind) ?? 'Secret', name };
          if (grantFor(view.grants, { group: GATEWAY_GROUP, kind: 'Gateway', namespace: gateway.object.namespace }, to, namespace) !== undefined) return;
          about(gateway.object).add(`${field}.tls.certificateRefs[${i}].namespace`, namespace,
            `a certificate the Gateway may read: a Gateway of ${gateway.object.namespace ?? 'the namespace it is applied to'} needs a ReferenceGrant in ${namespace} that lets it refer to ${to.kind} ${name}, and the app writes none`,
            'write a ReferenceGrant in the Secret\'s namespace (a Gateway listener given a cdk8s-plus Secret of another namespace writes one), or put the Secret beside the Gateway');
        });
      }
    }
  },
});
