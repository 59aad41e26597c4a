/**
 * The rules of the fields of 1.30–1.35 (AppArmor profiles, trafficDistribution, hostUsers,
 * resizePolicy, image volumes), over raw manifests through `checkManifests`, the path a user of
 * the plugin takes; each failure by its structured problem. What upstream validates is in each
 * rule's `upstream`; the differential cases of test/integration/oracle.test.ts hold them to it.
 */
import { checkManifests } from '../../../src/check';
import type { KubernetesVersion } from '../../../src';
import { brief } from '../../util';

const c = (extra: object = {}) => ({ name: 'app', image: 'example/app:1', ...extra });
const pod = (spec: object, annotations?: object) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', annotations }, spec: { containers: [c()], ...spec } });
const deployment = (spec: object) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' },
  spec: { selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [c()], ...spec } } },
});
const service = (trafficDistribution: unknown) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }], trafficDistribution } });
/** The problems of one rule, as rule, field and value. */
const of = (rule: string, manifests: object[], kubernetesVersion?: KubernetesVersion) =>
  brief(checkManifests(manifests, kubernetesVersion === undefined ? {} : { kubernetesVersion }).filter(p => p.rule === rule));

describe('rule app-armor-profile', () => {
  test('passes RuntimeDefault, Unconfined and a named Localhost profile, on the pod and on containers', () => {
    expect(of('app-armor-profile', [pod({
      securityContext: { appArmorProfile: { type: 'RuntimeDefault' } },
      containers: [c({ securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'deny-write' } } }), c({ name: 'b', securityContext: { appArmorProfile: { type: 'Unconfined' } } })],
    })])).toEqual([]);
  });

  test('fails a Localhost profile without a name, or a padded one', () => {
    expect(of('app-armor-profile', [pod({ securityContext: { appArmorProfile: { type: 'Localhost' } } })]))
      .toEqual([{ rule: 'app-armor-profile', field: 'spec.securityContext.appArmorProfile.localhostProfile', value: undefined }]);
    expect(of('app-armor-profile', [pod({ containers: [c({ securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: ' x ' } } })] })]))
      .toEqual([{ rule: 'app-armor-profile', field: 'spec.containers[0].securityContext.appArmorProfile.localhostProfile', value: ' x ' }]);
  });

  test('fails an unknown type, and a localhostProfile beside another type', () => {
    expect(of('app-armor-profile', [deployment({ securityContext: { appArmorProfile: { type: 'Confined' } } })]))
      .toEqual([{ rule: 'app-armor-profile', field: 'spec.template.spec.securityContext.appArmorProfile.type', value: 'Confined' }]);
    expect(of('app-armor-profile', [pod({ securityContext: { appArmorProfile: { type: 'RuntimeDefault', localhostProfile: 'x' } } })]))
      .toEqual([{ rule: 'app-armor-profile', field: 'spec.securityContext.appArmorProfile.localhostProfile', value: 'x' }]);
  });

  test('fails a deprecated annotation that does not match the field, names no container, or has no profile format', () => {
    const key = 'container.apparmor.security.beta.kubernetes.io/app';
    expect(of('app-armor-profile', [pod({ containers: [c({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } })] }, { [key]: 'unconfined' })]))
      .toEqual([{ rule: 'app-armor-profile', field: 'spec.containers[0].securityContext.appArmorProfile.type', value: 'RuntimeDefault' }]);
    // a template's containers inherit the pod's profile; a Pod's annotation is first copied into a container without a field of its own
    const template = { ...deployment({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } }) };
    template.spec.template.metadata = { ...template.spec.template.metadata, annotations: { [key]: 'unconfined' } } as any;
    expect(of('app-armor-profile', [template])).toEqual([{ rule: 'app-armor-profile', field: 'spec.template.spec.containers[0].securityContext.appArmorProfile.type', value: 'RuntimeDefault' }]);
    expect(of('app-armor-profile', [pod({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } }, { [key]: 'unconfined' })])).toEqual([]);
    expect(of('app-armor-profile', [pod({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } }, { [key]: 'runtime/default' })])).toEqual([]);
    expect(of('app-armor-profile', [pod({}, { 'container.apparmor.security.beta.kubernetes.io/web': 'runtime/default', [key]: 'confined' })], '1.28')).toEqual([
      { rule: 'app-armor-profile', field: 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/web"]', value: 'web' },
      { rule: 'app-armor-profile', field: `metadata.annotations[${JSON.stringify(key)}]`, value: 'confined' },
    ]);
  });

  test('before 1.30 the field is field-version\'s (the target lacks it), not judged here', () => {
    const manifest = pod({ securityContext: { appArmorProfile: { type: 'Confined' } } });
    expect(of('app-armor-profile', [manifest], '1.29')).toEqual([]);
    expect(of('field-version', [manifest], '1.29')).toEqual([{ rule: 'field-version', field: 'spec.securityContext.appArmorProfile', value: { type: 'Confined' } }]);
  });

  test('fails Unconfined in a namespace that enforces the baseline Pod Security level (rule namespace-pod-security)', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } } };
    const inShop = (type: string) => ({ ...pod({ securityContext: { appArmorProfile: { type } } }), metadata: { name: 'p', namespace: 'shop' } });
    expect(of('namespace-pod-security', [ns, inShop('Unconfined')]).map(p => [p.field, p.value])).toEqual([['spec.securityContext.appArmorProfile.type', 'Unconfined']]);
    expect(of('namespace-pod-security', [ns, inShop('RuntimeDefault')])).toEqual([]);
  });
});

describe('rule traffic-distribution', () => {
  test('passes PreferClose from 1.31, PreferSameZone and PreferSameNode from 1.34', () => {
    expect(checkManifests([service('PreferClose')], { kubernetesVersion: '1.31' })).toEqual([]);
    expect(of('traffic-distribution', [service('PreferSameZone')], '1.34')).toEqual([]);
    expect(of('traffic-distribution', [service('PreferSameNode')])).toEqual([]);
  });

  test('fails PreferSameZone before 1.34, naming the minor that has it', () => {
    const found = checkManifests([service('PreferSameNode')], { kubernetesVersion: '1.33' }).filter(p => p.rule === 'traffic-distribution');
    expect(brief(found)).toEqual([{ rule: 'traffic-distribution', field: 'spec.trafficDistribution', value: 'PreferSameNode' }]);
    expect(found[0].allowed).toContain('PreferSameNode from 1.34');
  });

  test('fails a value no minor knows', () => {
    expect(of('traffic-distribution', [service('PreferNearby')], '1.37')).toEqual([{ rule: 'traffic-distribution', field: 'spec.trafficDistribution', value: 'PreferNearby' }]);
  });
});

describe('rule traffic-distribution-deprecated', () => {
  test('fails PreferClose from 1.35 with a warning, as the API server warns', () => {
    const found = checkManifests([service('PreferClose')]).filter(p => p.rule === 'traffic-distribution-deprecated');
    expect(found.map(p => [p.rule, p.severity, p.field, p.value])).toEqual([['traffic-distribution-deprecated', 'warning', 'spec.trafficDistribution', 'PreferClose']]);
  });

  test('passes PreferClose before 1.35, and PreferSameZone', () => {
    expect(of('traffic-distribution-deprecated', [service('PreferClose')], '1.34')).toEqual([]);
    expect(of('traffic-distribution-deprecated', [service('PreferSameZone')], '1.37')).toEqual([]);
  });
});

describe('rule host-users', () => {
  test('passes hostUsers: false alone, and host namespaces in the node\'s user namespace', () => {
    expect(of('host-users', [pod({ hostUsers: false }), pod({ hostUsers: true, hostPID: true })])).toEqual([]);
  });

  test('fails host namespaces and volumeDevices beside hostUsers: false', () => {
    expect(of('host-users', [pod({ hostUsers: false, hostPID: true, hostNetwork: true })])).toEqual([
      { rule: 'host-users', field: 'spec.hostNetwork', value: true }, { rule: 'host-users', field: 'spec.hostPID', value: true },
    ]);
    expect(of('host-users', [pod({ hostUsers: false, containers: [c({ volumeDevices: [{ name: 'raw', devicePath: '/dev/xvda' }] })] })]))
      .toEqual([{ rule: 'host-users', field: 'spec.containers[0].volumeDevices', value: [{ name: 'raw', devicePath: '/dev/xvda' }] }]);
  });
});

describe('rule resize-policy', () => {
  const resize = (policy: object[], restartPolicy?: string) => pod({ restartPolicy, containers: [c({ resizePolicy: policy })] });

  test('passes cpu and memory once each, NotRequired or RestartContainer', () => {
    expect(of('resize-policy', [resize([{ resourceName: 'cpu', restartPolicy: 'NotRequired' }, { resourceName: 'memory', restartPolicy: 'RestartContainer' }])])).toEqual([]);
    expect(of('resize-policy', [resize([{ resourceName: 'memory', restartPolicy: 'NotRequired' }], 'Never')])).toEqual([]);
  });

  test('fails another resource, a resource twice, another policy', () => {
    expect(of('resize-policy', [resize([
      { resourceName: 'ephemeral-storage', restartPolicy: 'NotRequired' }, { resourceName: 'cpu', restartPolicy: 'Restart' }, { resourceName: 'cpu', restartPolicy: 'NotRequired' },
    ])])).toEqual([
      { rule: 'resize-policy', field: 'spec.containers[0].resizePolicy[0].resourceName', value: 'ephemeral-storage' },
      { rule: 'resize-policy', field: 'spec.containers[0].resizePolicy[1].restartPolicy', value: 'Restart' },
      { rule: 'resize-policy', field: 'spec.containers[0].resizePolicy[2].resourceName', value: 'cpu' },
    ]);
  });

  test('fails RestartContainer in a pod that is never restarted', () => {
    expect(of('resize-policy', [resize([{ resourceName: 'cpu', restartPolicy: 'RestartContainer' }], 'Never')]))
      .toEqual([{ rule: 'resize-policy', field: 'spec.containers[0].resizePolicy[0].restartPolicy', value: 'RestartContainer' }]);
  });
});

describe('rule image-volume', () => {
  const volume = (image: object) => ({ volumes: [{ name: 'data', image }], containers: [c({ volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true }] })] });

  test('passes an image with or without a pull policy', () => {
    expect(checkManifests([pod(volume({ reference: 'example/data:1' })), deployment(volume({ reference: 'example/data:1', pullPolicy: 'Always' }))])).toEqual([]);
  });

  test('fails a Pod\'s image volume without a reference; a template\'s only from 1.37', () => {
    expect(of('image-volume', [pod(volume({}))])).toEqual([{ rule: 'image-volume', field: 'spec.volumes[0].image.reference', value: undefined }]);
    expect(of('image-volume', [deployment(volume({ reference: '' }))], '1.36')).toEqual([]);
    expect(of('image-volume', [deployment(volume({ reference: '' }))], '1.37')).toEqual([{ rule: 'image-volume', field: 'spec.template.spec.volumes[0].image.reference', value: '' }]);
  });

  test('fails a pull policy other than Always, IfNotPresent and Never', () => {
    expect(of('image-volume', [pod(volume({ reference: 'example/data:1', pullPolicy: 'Sometimes' }))])).toEqual([{ rule: 'image-volume', field: 'spec.volumes[0].image.pullPolicy', value: 'Sometimes' }]);
  });

  test('fails before 1.35 as a volume without a known source (the API server drops it, or does not know it) and by field-version', () => {
    expect(checkManifests([pod(volume({ reference: 'example/data:1' }))], { kubernetesVersion: '1.34' }).map(p => [p.rule, p.field])).toEqual([
      ['field-version', 'spec.volumes[0].image'], ['volumes', 'spec.volumes[0]'],
    ]);
  });
});
