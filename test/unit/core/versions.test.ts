/**
 * The target Kubernetes minor: the one list of known minors, which rules apply at a target
 * (`appliesTo`), the setting wherever it is read, and rule `field-version` through the paths a
 * user takes (a construct in an app, `checkManifests`, the plugin).
 */
import { App, Chart, JsonPatch, Testing } from 'cdk8s';
import {
  AppPod, DEFAULT_KUBERNETES_VERSION, ExposedService, KUBERNETES_VERSION_CONTEXT, KUBERNETES_VERSIONS, Platform, ServiceType, validateApp, ValidationError,
} from '../../../src';
import { checkManifests } from '../../../src/check';
import { RULES } from '../../../src/rules';
import { CrossObjectValidation } from '../../../src/tools/validation-plugin';
import { parseKubernetesVersion } from '../../../src/core/version-setting';
import { appliesTo, FIELD_SINCE } from '../../../src/core/versions';
import { brief, problemsOf } from '../../util';

const pod = (spec: object) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image: 'example/app:1' }], ...spec } });

describe('the known minors and the default', () => {
  test('1.28 to 1.37, oldest first; the default is 1.35, the oldest upstream supports on 2026-12-05', () => {
    expect(KUBERNETES_VERSIONS).toEqual(['1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36', '1.37']);
    expect(DEFAULT_KUBERNETES_VERSION).toBe('1.35');
  });

  test('appliesTo: from inclusive, until exclusive, none of them: every minor', () => {
    expect(KUBERNETES_VERSIONS.filter(v => appliesTo(undefined, v))).toEqual(KUBERNETES_VERSIONS);
    expect(KUBERNETES_VERSIONS.filter(v => appliesTo({ from: '1.33' }, v))).toEqual(['1.33', '1.34', '1.35', '1.36', '1.37']);
    expect(KUBERNETES_VERSIONS.filter(v => appliesTo({ until: '1.30' }, v))).toEqual(['1.28', '1.29']);
    expect(KUBERNETES_VERSIONS.filter(v => appliesTo({ from: '1.29', until: '1.31' }, v))).toEqual(['1.29', '1.30']);
    // minors compare as numbers: 1.100 is after 1.37, "1.4" before 1.28
    expect(appliesTo({ from: '1.100' }, '1.37')).toBe(false);
    expect(appliesTo({ until: '1.4' }, '1.28')).toBe(false);
  });

  test('fails on a minor the library does not know, listing the known ones, with the fix for a near miss', () => {
    const err = (v: unknown) => {
      try {
        parseKubernetesVersion(v, 'app', 'context "cdk8s-pods-services:kubernetesVersion"');
      } catch (e) {
        expect(ValidationError.isValidationError(e)).toBe(true);
        return (e as ValidationError).problems[0];
      }
      throw new Error('no error');
    };
    expect(err('1.27')).toMatchObject({ rule: 'props', field: 'context "cdk8s-pods-services:kubernetesVersion"', value: '1.27' });
    expect(err('1.27').allowed).toContain('"1.28", "1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35", "1.36", "1.37"');
    expect(err('v1.33.2').fix).toBe('write "1.33"');
    expect(err(1.3).fix).toMatch(/YAML reads 1\.30 as the number 1\.3/);
    expect(parseKubernetesVersion(undefined, 'app', 'x')).toBe('1.35');
  });
});

describe('the setting, wherever it is read', () => {
  test('fails on an unknown context value at synth, with the rest of the problems', () => {
    const app = Testing.app();
    app.node.setContext(KUBERNETES_VERSION_CONTEXT, '1.99');
    new AppPod(new Chart(app, 'c'), 'app', { containers: [{ name: 'app', image: 'example/app:1' }] });
    expect(brief(validateApp(app))).toEqual([{ rule: 'props', field: `context "${KUBERNETES_VERSION_CONTEXT}"`, value: '1.99' }]);
  });

  test('checkManifests and the plugin take kubernetesVersion, and refuse an unknown one', () => {
    const sleepy = pod({ containers: [{ name: 'app', image: 'example/app:1', lifecycle: { preStop: { sleep: { seconds: 5 } } } }] });
    expect(checkManifests([sleepy])).toEqual([]);
    expect(brief(checkManifests([sleepy], { kubernetesVersion: '1.29' }))).toEqual([{ rule: 'field-version', field: 'spec.containers[0].lifecycle.preStop.sleep', value: { seconds: 5 } }]);
    expect(brief(problemsOf(() => checkManifests([sleepy], { kubernetesVersion: '2.0' as any })))).toEqual([{ rule: 'props', field: 'kubernetesVersion', value: '2.0' }]);
    expect(brief(problemsOf(() => new CrossObjectValidation({ kubernetesVersion: '1.27' as any })))).toEqual([{ rule: 'props', field: 'properties.kubernetesVersion', value: '1.27' }]);
  });

  test('Platform.applyTo records the target; the context value wins over it', () => {
    const app = new App();
    Platform.LOCAL.applyTo(app, { kubernetesVersion: '1.29' });
    const chart = new Chart(app, 'c');
    new AppPod(chart, 'app', { containers: [{ name: 'app', image: 'example/app:1', preStop: undefined }], initContainers: [{ name: 'side', image: 'example/side:1', restartPolicy: 'Always' as any }] });
    expect(validateApp(app)).toEqual([]);
    const old = new App();
    old.node.setContext(KUBERNETES_VERSION_CONTEXT, '1.28');
    Platform.LOCAL.applyTo(old, { kubernetesVersion: '1.29' });
    new AppPod(new Chart(old, 'c'), 'app', { containers: [{ name: 'app', image: 'example/app:1' }], initContainers: [{ name: 'side', image: 'example/side:1', restartPolicy: 'Always' as any }] });
    expect(brief(validateApp(old))).toEqual([{ rule: 'field-version', field: 'spec.initContainers[0].restartPolicy', value: 'Always' }]);
    expect(brief(problemsOf(() => Platform.LOCAL.applyTo(new App(), { kubernetesVersion: '1.20' as any })))).toEqual([{ rule: 'props', field: 'kubernetesVersion', value: '1.20' }]);
  });
});

describe('rule field-version: a field the target lacks names the first minor that has it', () => {
  // each field at the minor before its first, and at its first
  const cases: [keyof typeof FIELD_SINCE, object, string][] = [
    ['nativeSidecar', pod({ initContainers: [{ name: 's', image: 'example/s:1', restartPolicy: 'Always' }] }), 'spec.initContainers[0].restartPolicy'],
    ['sleepHook', pod({ containers: [{ name: 'app', image: 'example/app:1', lifecycle: { preStop: { sleep: { seconds: 5 } } } }] }), 'spec.containers[0].lifecycle.preStop.sleep'],
    ['appArmorProfile', pod({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } }), 'spec.securityContext.appArmorProfile'],
    ['hostUsers', pod({ hostUsers: false }), 'spec.hostUsers'],
    ['resizePolicy', pod({ containers: [{ name: 'app', image: 'example/app:1', resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }] }] }), 'spec.containers[0].resizePolicy'],
    ['imageVolume', pod({ volumes: [{ name: 'v', image: { reference: 'example/data:1' } }] }), 'spec.volumes[0].image'],
    ['trafficDistribution', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }], trafficDistribution: 'PreferClose' } }, 'spec.trafficDistribution'],
    ['podReplacementPolicy', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { podReplacementPolicy: 'Failed', template: { spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'example/app:1' }] } } } }, 'spec.podReplacementPolicy'],
  ];
  test.each(cases)('%s: accepted from its first minor', (feature, manifest) => {
    const since = FIELD_SINCE[feature];
    expect(checkManifests([manifest], { kubernetesVersion: since }).filter(p => p.rule === 'field-version')).toEqual([]);
    expect(checkManifests([manifest], { kubernetesVersion: '1.37' }).filter(p => p.rule === 'field-version')).toEqual([]);
  });
  test.each(cases)('fails on %s below its first minor, naming it', (feature, manifest, field) => {
    const since = FIELD_SINCE[feature];
    const before = KUBERNETES_VERSIONS[KUBERNETES_VERSIONS.indexOf(since) - 1];
    const found = checkManifests([manifest], { kubernetesVersion: before }).filter(p => p.rule === 'field-version');
    expect(found.map(p => p.field)).toEqual([field]);
    expect(found[0].allowed).toContain(`Kubernetes ${since} and later (the target is ${before}`);
  });

  test('fails through a construct: an ExposedService escape hatch to trafficDistribution at the target 1.30', () => {
    const app = Testing.app();
    app.node.setContext(KUBERNETES_VERSION_CONTEXT, '1.30');
    const chart = new Chart(app, 'c');
    const web = new AppPod(chart, 'web', { containers: [{ name: 'app', image: 'example/app:1', port: 8080 }] });
    const svc = new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web, ports: [{ port: 80 }] });
    svc.apiObject.addJsonPatch(JsonPatch.add('/spec/trafficDistribution', 'PreferClose'));
    expect(brief(validateApp(app))).toEqual([{ rule: 'field-version', field: 'spec.trafficDistribution', value: 'PreferClose' }]);
  });
});

describe('rules that follow the target', () => {
  test('the engine runs only the rules whose versions include the target: field-version until the newest first minor it knows', () => {
    const newest = Object.values(FIELD_SINCE).reduce((a, b) => (Number(b.split('.')[1]) > Number(a.split('.')[1]) ? b : a));
    expect(RULES['field-version'].versions).toEqual({ from: '1.28', until: newest });
    const resize = pod({ containers: [{ name: 'app', image: 'example/app:1', resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }] }] });
    expect(brief(checkManifests([resize], { kubernetesVersion: '1.32' }))).toEqual([{ rule: 'field-version', field: 'spec.containers[0].resizePolicy', value: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }] }]);
    expect(checkManifests([resize], { kubernetesVersion: '1.33' })).toEqual([]);
  });

  test('fails on a sysctl the target\'s kubelet and Pod Security deem unsafe, and not once the target makes it safe (1.29, 1.32, 1.37)', () => {
    const withSysctl = (name: string) => pod({ securityContext: { sysctls: [{ name, value: '1' }] } });
    const flagged = (name: string, v: '1.28' | '1.29' | '1.31' | '1.32' | '1.36' | '1.37') => checkManifests([withSysctl(name)], { kubernetesVersion: v }).map(p => p.rule);
    expect(flagged('net.ipv4.tcp_keepalive_time', '1.28')).toEqual(['unsafe-sysctl']);
    expect(flagged('net.ipv4.tcp_keepalive_time', '1.29')).toEqual([]);
    expect(flagged('net.ipv4.tcp_rmem', '1.31')).toEqual(['unsafe-sysctl']);
    expect(flagged('net.ipv4.tcp_rmem', '1.32')).toEqual([]);
    expect(flagged('net.ipv4.tcp_notsent_lowat', '1.36')).toEqual(['unsafe-sysctl']);
    expect(flagged('net.ipv4.tcp_notsent_lowat', '1.37')).toEqual([]);
    const found = checkManifests([withSysctl('net.ipv4.tcp_keepalive_time')], { kubernetesVersion: '1.28' })[0];
    expect(found).toMatchObject({ rule: 'unsafe-sysctl', severity: 'warning', field: 'spec.securityContext.sysctls[0].name', value: 'net.ipv4.tcp_keepalive_time' });
    expect(found.fix).toMatch(/target 1\.29 or later/);
  });

  test('fails on a matchLabelKeys key also in the spread selector before 1.34; from 1.34 only where the API server\'s merge repeats it (a Pod with that label, or the user\'s own expressions)', () => {
    const spread = (labelSelector: object, key: string) => ({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector, matchLabelKeys: [key] }] });
    const labelled = (name: string, extra: object) => ({ ...pod(extra), metadata: { name, labels: { app: 'web' } } });
    const deployment = (name: string, extra: object) => ({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: pod(extra).spec } },
    });
    // (what the 1.28 and 1.35-1.37 oracles answer for these five: all refused at 1.28; a, c, e refused from 1.35)
    const objects = [
      labelled('a', spread({ matchLabels: { app: 'web' } }, 'app')),
      labelled('b', spread({ matchLabels: { tier: 'x' } }, 'tier')),
      labelled('c', spread({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, 'app')),
      deployment('d', spread({ matchLabels: { app: 'web' } }, 'app')),
      deployment('e', spread({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'app', operator: 'Exists' }] }, 'app')),
    ];
    const refused = (kubernetesVersion: '1.33' | '1.34' | '1.35') => checkManifests(objects, { kubernetesVersion }).filter(p => p.rule === 'topology-spread').map(p => p.path);
    expect(refused('1.33')).toEqual(['Pod/a', 'Pod/b', 'Pod/c', 'Deployment/d', 'Deployment/e']);
    expect(refused('1.34')).toEqual(['Pod/a', 'Pod/c', 'Deployment/e']);
    expect(brief(checkManifests(objects, { kubernetesVersion: '1.35' }).filter(p => p.rule === 'topology-spread'))).toEqual([
      { rule: 'topology-spread', field: 'spec.topologySpreadConstraints[0].matchLabelKeys[0]', value: 'app' },
      { rule: 'topology-spread', field: 'spec.topologySpreadConstraints[0].matchLabelKeys[0]', value: 'app' },
      { rule: 'topology-spread', field: 'spec.template.spec.topologySpreadConstraints[0].matchLabelKeys[0]', value: 'app' },
    ]);
  });

  test('fails on an environment variable name or envFrom prefix that is not a C-like name before 1.32, and not from 1.32 (relaxed names), but still on "="', () => {
    const withEnv = (name: string, prefix: string) => pod({ containers: [{ name: 'app', image: 'example/app:1', env: [{ name, value: 'x' }], envFrom: [{ prefix, configMapRef: { name: 'c' } }] }] });
    expect(brief(checkManifests([withEnv('A B', '1_')], { kubernetesVersion: '1.31' }))).toEqual([
      { rule: 'env', field: 'spec.containers[0].env[0].name', value: 'A B' },
      { rule: 'env-sources', field: 'spec.containers[0].envFrom[0].prefix', value: '1_' },
    ]);
    expect(brief(checkManifests([withEnv('..', 'A')], { kubernetesVersion: '1.28' }))).toEqual([{ rule: 'env', field: 'spec.containers[0].env[0].name', value: '..' }]);
    expect(checkManifests([withEnv('A B', '1_')], { kubernetesVersion: '1.32' })).toEqual([]);
    expect(checkManifests([withEnv('1A', '..')], {})).toEqual([]);
    expect(brief(checkManifests([withEnv('A=B', 'P=')], { kubernetesVersion: '1.37' }))).toEqual([
      { rule: 'env', field: 'spec.containers[0].env[0].name', value: 'A=B' },
      { rule: 'env-sources', field: 'spec.containers[0].envFrom[0].prefix', value: 'P=' },
    ]);
  });
});
