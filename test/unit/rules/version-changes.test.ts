/**
 * Validation that changed between minors without a new field, found by the generated
 * differential of test/integration/oracle.test.ts at 1.35–1.37 (each the minor it changed at,
 * read in that release's CHANGELOG and validation code), over raw manifests through
 * `checkManifests`: each failure by its structured problem.
 */
import { checkManifests } from '../../../src/check';
import type { KubernetesVersion } from '../../../src';
import { brief } from '../../util';

const of = (rule: string, manifests: object[], kubernetesVersion: KubernetesVersion) =>
  brief(checkManifests(manifests, { kubernetesVersion }).filter(p => p.rule === rule));

describe('externalTrafficPolicy on a ClusterIP Service with externalIPs (kubernetes/kubernetes#119150, 1.29)', () => {
  const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }], externalIPs: ['192.0.2.10'], externalTrafficPolicy: 'Local' } };

  test('fails at 1.28: only NodePort and LoadBalancer Services take it', () => {
    expect(of('traffic-policy', [service], '1.28')).toEqual([{ rule: 'traffic-policy', field: 'spec.externalTrafficPolicy', value: 'Local' }]);
  });

  test('passes from 1.29: the Service takes outside traffic through its externalIPs', () => {
    for (const v of ['1.29', '1.35', '1.37'] as const) expect(of('traffic-policy', [service], v)).toEqual([]);
  });

  test('fails from 1.29 on a ClusterIP Service without externalIPs, and on a value not Cluster or Local', () => {
    const { externalIPs: _, ...internal } = service.spec;
    expect(of('traffic-policy', [{ ...service, spec: internal }], '1.35')).toEqual([{ rule: 'traffic-policy', field: 'spec.externalTrafficPolicy', value: 'Local' }]);
    expect(of('traffic-policy', [{ ...service, spec: { ...service.spec, externalTrafficPolicy: 'Nearby' } }], '1.35')).toEqual([{ rule: 'traffic-policy', field: 'spec.externalTrafficPolicy', value: 'Nearby' }]);
  });
});

describe('an Ingress backend\'s Service name (RelaxedServiceNameValidation, 1.36)', () => {
  const ingress = (name: string) => ({
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' },
    spec: { defaultBackend: { service: { name, port: { number: 80 } } } },
  });

  test('fails a name starting with a digit before 1.36', () => {
    expect(of('ingress', [ingress('1-web')], '1.35')).toEqual([{ rule: 'ingress', field: 'spec.defaultBackend.service.name', value: '1-web' }]);
  });

  test('passes it from 1.36, and still fails what is no DNS-1123 label', () => {
    expect(of('ingress', [ingress('1-web')], '1.36')).toEqual([]);
    expect(of('ingress', [ingress('Web')], '1.36')).toEqual([{ rule: 'ingress', field: 'spec.defaultBackend.service.name', value: 'Web' }]);
  });
});

describe('a StatefulSet\'s mounts (its pod template validated on create from 1.34)', () => {
  const statefulSet = (mount: string) => ({
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' },
    spec: {
      serviceName: 'db', selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres', volumeMounts: [{ name: mount, mountPath: '/data' }] }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  });

  test('fails a mount of no volume and no claim template under volume-claim-templates before 1.34 (the API server takes the StatefulSet)', () => {
    expect(of('volume-claim-templates', [statefulSet('missing')], '1.33')).toEqual([
      { rule: 'volume-claim-templates', field: 'spec.template.spec.containers[0].volumeMounts[0].name', value: 'missing' },
      { rule: 'volume-claim-templates', field: 'spec.volumeClaimTemplates[0].metadata.name', value: 'data' },
    ]);
    expect(of('volumes', [statefulSet('missing')], '1.33')).toEqual([]);
  });

  test('fails it under volumes from 1.34 (the API server refuses the StatefulSet), and passes a claim template\'s mount', () => {
    expect(of('volumes', [statefulSet('missing')], '1.35')).toEqual([{ rule: 'volumes', field: 'spec.template.spec.containers[0].volumeMounts[0].name', value: 'missing' }]);
    expect(of('volume-claim-templates', [statefulSet('missing')], '1.35').map(p => p.field)).toEqual(['spec.volumeClaimTemplates[0].metadata.name']);
    expect(of('volumes', [statefulSet('data')], '1.35')).toEqual([]);
  });
});
