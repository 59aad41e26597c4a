/**
 * The checks of one object at a time (src/core/checks/object-checks.ts), through the engine:
 * what the API server refuses on create, and what it accepts but the cluster cannot run.
 * Every object here is otherwise valid, so each case shows only the problem it is about.
 */
import { checkManifests } from '../../../src/check';
import { brief, Manifest } from '../../util';

type Spec = { [key: string]: any };

const container = (extra: Spec = {}): Spec => ({ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }], ...extra });
const pod = (spec: Spec = {}, metadata: Spec = {}): Manifest => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' }, ...metadata },
  spec: { containers: [container()], ...spec },
});
const service = (spec: Spec = {}, metadata: Spec = {}): Manifest => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', ...metadata },
  spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec },
});
const template = (spec: Spec = {}, labels = { app: 'web' }): Spec => ({ metadata: { labels }, spec: { containers: [container()], ...spec } });
const deployment = (spec: Spec = {}, metadata: Spec = {}): Manifest => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', ...metadata },
  spec: { selector: { matchLabels: { app: 'web' } }, template: template(), ...spec },
});
/** A Pod whose only container is `c` with these fields. */
const withContainer = (extra: Spec, spec: Spec = {}, name = 'web') => pod({ containers: [container(extra)], ...spec }, { name });

/** The problems of the objects, reduced to rule, field and value. */
const check = (...objects: Manifest[]) => brief(checkManifests(objects));

test('valid objects of every kind the checks look into pass', () => {
  expect(check(
    service(), pod(), deployment({}, { name: 'api' }),
    { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: template({}, { app: 'db' }) } },
    { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: template({}, { app: 'agent' }) } },
    { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once' }, spec: { template: template({ restartPolicy: 'Never' }, { app: 'once' }) } },
    { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' }, spec: { schedule: '0 0 * * *', jobTemplate: { spec: { template: template({ restartPolicy: 'OnFailure' }, { app: 'nightly' }) } } } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings.v1', annotations: { 'example.com/note': 'x' } }, data: { a: 'b' } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
  )).toEqual([]);
});

describe('object-name', () => {
  test('fails on an object without a name; generateName is one', () => {
    expect(check(pod({}, { name: undefined }))).toEqual([{ rule: 'object-name', field: 'metadata.name', value: undefined }]);
    expect(check(pod({}, { name: undefined, generateName: 'web-' }))).toEqual([]);
  });

  test('a Service name is a DNS-1035 label: "1-web" fails for a Service and passes for a Pod', () => {
    expect(check(service({}, { name: '1-web' }), pod({}, { name: '1-web' }))).toEqual([{ rule: 'object-name', field: 'metadata.name', value: '1-web' }]);
  });

  test('most names are DNS-1123 subdomains: fails on "Web" and "web_1", passes "web.v1"', () => {
    expect(check(pod({}, { name: 'Web' }), deployment({}, { name: 'web_1' }), pod({}, { name: 'web.v1' }))).toEqual([
      { rule: 'object-name', field: 'metadata.name', value: 'Web' },
      { rule: 'object-name', field: 'metadata.name', value: 'web_1' },
    ]);
  });

  test('a Namespace name is a DNS-1123 label; a CronJob name has at most 52 characters', () => {
    const cron = (name: string) => ({
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: template({ restartPolicy: 'Never' }, { app: 'job' }) } } },
    });
    expect(check({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } }, cron('x'.repeat(52)), cron('y'.repeat(53)))).toEqual([
      { rule: 'object-name', field: 'metadata.name', value: 'a.b' },
      { rule: 'object-name', field: 'metadata.name', value: 'y'.repeat(53) },
    ]);
  });

  test('outside an app the fix names no construct: the rule\'s own, about the manifest', () => {
    const [p] = checkManifests([service({}, { name: '1-web' })]);
    expect(p).toMatchObject({ path: 'Service/1-web', object: 'Service/1-web' });
    expect(p.fix).toMatch(/^name the object by its kind's rule/);
    expect(p.fix).not.toMatch(/construct|props/);
  });
});

describe('statefulset-name', () => {
  const statefulSet = (name: string) => ({
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name },
    spec: { serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: template({}, { app: 'db' }) },
  });

  test('fails on a name the API server takes but whose pods cannot be named: more than 52 characters', () => {
    expect(check(statefulSet('d'.repeat(53)), statefulSet('d'.repeat(52)))).toEqual([
      { rule: 'statefulset-name', field: 'metadata.name', value: 'd'.repeat(53) },
    ]);
  });

  test('fails on a name the API server refuses, reported once, as object-name: a StatefulSet\'s name is a DNS-1123 label (no dots)', () => {
    expect(check(statefulSet('DB'), statefulSet('db.v1'))).toEqual([
      { rule: 'object-name', field: 'metadata.name', value: 'DB' },
      { rule: 'object-name', field: 'metadata.name', value: 'db.v1' },
    ]);
  });
});

describe('unchecked-pod-template', () => {
  const statefulSet = (spec: object) => ({
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' },
    spec: { serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec } },
  });

  const badTemplate = { containers: [{ name: 'DB', image: 'postgres', resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }] };

  test('fails on what the API server before 1.34 refuses in a Pod but takes in a StatefulSet\'s template, naming the rule it breaks', () => {
    const problems = checkManifests([statefulSet(badTemplate)], { kubernetesVersion: '1.33' });
    expect(brief(problems)).toEqual([
      { rule: 'unchecked-pod-template', field: 'spec.template.spec.containers[0].name', value: 'DB' },
      { rule: 'unchecked-pod-template', field: 'spec.template.spec.containers[0].resources.requests.cpu', value: '2' },
    ]);
    expect(problems[0].allowed).toMatch(/\(rule containers: the API server accepts this StatefulSet and refuses every pod it makes\)$/);
  });

  test('fails from 1.34 under each rule itself: the API server refuses the StatefulSet (kubernetes/kubernetes#131790)', () => {
    for (const kubernetesVersion of ['1.34', '1.35', '1.37'] as const) {
      expect(brief(checkManifests([statefulSet(badTemplate)], { kubernetesVersion })).map(p => p.field)).toEqual([
        'spec.template.spec.containers[0].name', 'spec.template.spec.containers[0].resources.requests.cpu',
      ]);
      expect(checkManifests([statefulSet(badTemplate)], { kubernetesVersion }).map(p => p.rule)).not.toContain('unchecked-pod-template');
    }
  });

  test('fails on what the API server refuses in a StatefulSet all the same, under the rule itself: a quantity it cannot decode, a restart policy', () => {
    expect(brief(checkManifests([statefulSet({ restartPolicy: 'Never', containers: [{ name: 'db', image: 'postgres', resources: { requests: { cpu: 'lots' } } }] })]))).toEqual([
      { rule: 'quantities', field: 'spec.template.spec.containers[0].resources.requests.cpu', value: 'lots' },
      { rule: 'restart-policy', field: 'spec.template.spec.restartPolicy', value: 'Never' },
    ]);
  });
});

test('namespace: fails on a namespace that is not a DNS-1123 label', () => {
  expect(check(pod({}, { namespace: 'My NS' }), pod({}, { name: 'other', namespace: 'shop' }))).toEqual([
    { rule: 'namespace', field: 'metadata.namespace', value: 'My NS' },
  ]);
});

describe('labels', () => {
  test('fails on a bad key and a bad value in metadata.labels', () => {
    expect(check(pod({}, { labels: { 'app name': 'web', app: 'x y' } }))).toEqual([
      { rule: 'labels', field: 'metadata.labels', value: 'app name' },
      { rule: 'labels', field: 'metadata.labels["app"]', value: 'x y' },
    ]);
  });

  test('fails on labels that are not an object, and on a value that is not a string', () => {
    expect(check(pod({}, { labels: 'app=web' }), pod({}, { name: 'b', labels: { app: 1 } }))).toEqual([
      { rule: 'labels', field: 'metadata.labels', value: 'app=web' },
      { rule: 'labels', field: 'metadata.labels["app"]', value: 1 },
    ]);
  });

  test('fails on bad labels in a pod template, a controller selector and a Service selector', () => {
    expect(check(
      deployment({ selector: { matchLabels: { app: '-web' } }, template: template({}, { app: '-web' }) }),
      service({ selector: { 'a/b/c': 'web' } }),
    ).filter(p => p.rule === 'labels')).toEqual([
      { rule: 'labels', field: 'spec.template.metadata.labels["app"]', value: '-web' },
      { rule: 'labels', field: 'spec.selector.matchLabels["app"]', value: '-web' },
      { rule: 'labels', field: 'spec.selector', value: 'a/b/c' },
    ]);
  });
});

describe('annotations', () => {
  test('fails on a key that is not a label key, and on a value that is not a string', () => {
    expect(check(pod({}, { annotations: { 'my note': 'x', 'example.com/Note': 'ok', count: 3 } }))).toEqual([
      { rule: 'annotations', field: 'metadata.annotations', value: 'my note' },
      { rule: 'annotations', field: 'metadata.annotations["count"]', value: 3 },
    ]);
  });

  test('fails on annotations over 256 KiB in all; 256 KiB pass', () => {
    const limit = 256 * 1024;
    expect(check(pod({}, { annotations: { a: 'x'.repeat(limit / 2), b: 'x'.repeat(limit / 2 - 2) } }))).toEqual([]);
    expect(check(pod({}, { annotations: { a: 'x'.repeat(limit / 2), b: 'x'.repeat(limit / 2) } }))).toEqual([
      { rule: 'annotations', field: 'metadata.annotations', value: limit + 2 },
    ]);
  });

  test('a pod template\'s annotations are checked like an object\'s', () => {
    const annotated = deployment({ template: { ...template(), metadata: { labels: { app: 'web' }, annotations: { 'my note': 'x', ok: 'y' } } } });
    expect(check(annotated)).toEqual([{ rule: 'annotations', field: 'spec.template.metadata.annotations', value: 'my note' }]);
  });

  test('fails on annotations that are not an object', () => {
    expect(check(pod({}, { annotations: ['x'] }))).toEqual([{ rule: 'annotations', field: 'metadata.annotations', value: ['x'] }]);
  });
});

describe('containers', () => {
  test('fails on a pod without containers', () => {
    expect(check(pod({ containers: [] }), pod({ containers: undefined }, { name: 'b' }))).toEqual([
      { rule: 'containers', field: 'spec.containers', value: [] },
      { rule: 'containers', field: 'spec.containers', value: undefined },
    ]);
  });

  test('fails on a name that is not a DNS-1123 label, and on a name an init container already has', () => {
    expect(check(pod({ initContainers: [{ name: 'setup', image: 'busybox' }], containers: [container({ name: 'Web' }), container({ name: 'setup', ports: [] })] }))).toEqual([
      { rule: 'containers', field: 'spec.containers[0].name', value: 'Web' },
      { rule: 'containers', field: 'spec.containers[1].name', value: 'setup' },
    ]);
  });

  test('the pod template of a controller is checked like a Pod, at its own path', () => {
    expect(check(deployment({ template: template({ containers: [container({ name: 'Web' })] }) }))).toEqual([
      { rule: 'containers', field: 'spec.template.spec.containers[0].name', value: 'Web' },
    ]);
  });
});

describe('container-image and image-reference', () => {
  test('fails on a missing image and on one with surrounding whitespace', () => {
    expect(check(withContainer({ image: undefined }), withContainer({ image: ' nginx' }, {}, 'b'))).toEqual([
      { rule: 'container-image', field: 'spec.containers[0].image', value: undefined },
      { rule: 'container-image', field: 'spec.containers[0].image', value: ' nginx' },
    ]);
  });

  test('fails on an image the API server takes and no runtime can pull: the repository in upper case', () => {
    expect(check(withContainer({ image: 'NGINX:Latest' }), withContainer({ image: 'ghcr.io/org/app:Latest' }, {}, 'b'))).toEqual([
      { rule: 'image-reference', field: 'spec.containers[0].image', value: 'NGINX:Latest' },
    ]);
  });

  test('init containers are checked too', () => {
    expect(check(pod({ initContainers: [{ name: 'setup', image: 'BusyBox' }] }))).toEqual([
      { rule: 'image-reference', field: 'spec.initContainers[0].image', value: 'BusyBox' },
    ]);
  });
});

describe('container-ports', () => {
  test('fails on a port outside 1-65535, a bad name, two ports of one name, an unknown protocol', () => {
    expect(check(withContainer({
      ports: [{ containerPort: 0 }, { containerPort: 81, name: 'HTTP' }, { containerPort: 82, name: 'web' }, { containerPort: 83, name: 'web' }, { containerPort: 84, protocol: 'HTTP' }],
    }))).toEqual([
      { rule: 'container-ports', field: 'spec.containers[0].ports[0].containerPort', value: 0 },
      { rule: 'container-ports', field: 'spec.containers[0].ports[1].name', value: 'HTTP' },
      { rule: 'container-ports', field: 'spec.containers[0].ports[3].name', value: 'web' },
      { rule: 'container-ports', field: 'spec.containers[0].ports[4].protocol', value: 'HTTP' },
    ]);
  });

  test('one port over TCP, UDP and SCTP passes', () => {
    expect(check(withContainer({ ports: [{ containerPort: 53 }, { containerPort: 53, protocol: 'UDP' }, { containerPort: 53, protocol: 'SCTP' }] }))).toEqual([]);
  });
});

describe('no-port-clash-in-pod', () => {
  test('fails on two containers of one pod on the same port and protocol', () => {
    const [p] = checkManifests([pod({ containers: [container(), container({ name: 'sidecar', image: 'busybox' })] })]);
    expect(p).toMatchObject({ rule: 'no-port-clash-in-pod', field: 'spec.containers[1].ports[0]', value: '80/TCP', object: 'Pod/web' });
  });

  test('the same port over another protocol, or on an init container, passes', () => {
    expect(check(pod({
      initContainers: [{ name: 'setup', image: 'busybox', ports: [{ containerPort: 80 }] }],
      containers: [container(), container({ name: 'dns', ports: [{ containerPort: 80, protocol: 'UDP' }] })],
    }))).toEqual([]);
  });
});

describe('env', () => {
  test('fails on a bad name, on both value and valueFrom, and on a value that is not a string', () => {
    expect(check(withContainer({
      env: [{ name: 'A=1', value: 'x' }, { name: '1A', value: 'x' }, { name: 'B', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'C', value: 3 }, { name: 'my.var-1', value: '' }],
    }))).toEqual([
      { rule: 'env', field: 'spec.containers[0].env[0].name', value: 'A=1' },
      { rule: 'env', field: 'spec.containers[0].env[2].valueFrom', value: { fieldRef: { fieldPath: 'metadata.name' } } },
      { rule: 'env', field: 'spec.containers[0].env[3].value', value: 3 },
    ]);
  });
});

describe('resources', () => {
  test('fails on a request or limit that is not a quantity (quantities), a negative one, and a request above its limit', () => {
    expect(check(withContainer({
      resources: { requests: { cpu: 'lots', memory: '1Gi' }, limits: { memory: '128Mi', cpu: '-1' } },
    }))).toEqual([
      { rule: 'quantities', field: 'spec.containers[0].resources.requests.cpu', value: 'lots' },
      { rule: 'resources', field: 'spec.containers[0].resources.limits.cpu', value: '-1' },
      { rule: 'resources', field: 'spec.containers[0].resources.requests.memory', value: '1Gi' },
    ]);
  });

  test('compares quantities in any notation: 1.5 CPUs is above 1000m; 0.5 equals 500m', () => {
    expect(check(withContainer({ resources: { requests: { cpu: '1.5' }, limits: { cpu: '1000m' } } }))).toEqual([
      { rule: 'resources', field: 'spec.containers[0].resources.requests.cpu', value: '1.5' },
    ]);
    expect(check(withContainer({ resources: { requests: { cpu: '0.5', memory: '1e6' }, limits: { cpu: '500m', memory: '1M' } } }))).toEqual([]);
  });
});

describe('volumes', () => {
  const emptyDir = (name: string) => ({ name, emptyDir: {} });

  test('fails on a bad volume name, a name used twice, and a volume with no source or two', () => {
    expect(check(pod({ volumes: [emptyDir('Bad_Name'), emptyDir('data'), emptyDir('data'), { name: 'none' }, { name: 'two', emptyDir: {}, configMap: { name: 'x' } }] }))).toEqual([
      { rule: 'volumes', field: 'spec.volumes[0].name', value: 'Bad_Name' },
      { rule: 'volumes', field: 'spec.volumes[2].name', value: 'data' },
      { rule: 'volumes', field: 'spec.volumes[3]', value: [] },
      { rule: 'volumes', field: 'spec.volumes[4]', value: ['emptyDir', 'configMap'] },
    ]);
  });

  test('fails on a mount of a volume the pod does not have, two mounts at one path, a subPath that climbs out; a ":" in a path passes (the API server accepts it)', () => {
    expect(check(withContainer({
      volumeMounts: [
        { name: 'lost', mountPath: '/lost' }, { name: 'data', mountPath: '/a:b' }, { name: 'data', mountPath: '/data' },
        { name: 'data', mountPath: '/data' }, { name: 'data', mountPath: '/etc/x', subPath: '../../etc' },
      ],
    }, { volumes: [emptyDir('data')] }))).toEqual([
      { rule: 'volumes', field: 'spec.containers[0].volumeMounts[0].name', value: 'lost' },
      { rule: 'volumes', field: 'spec.containers[0].volumeMounts[3].mountPath', value: '/data' },
      { rule: 'volumes', field: 'spec.containers[0].volumeMounts[4].subPath', value: '../../etc' },
    ]);
  });

  test('a mount of a pod volume at its own path, with a relative subPath, passes', () => {
    expect(check(withContainer({ volumeMounts: [{ name: 'data', mountPath: '/data', subPath: 'app' }] }, { volumes: [emptyDir('data')] }))).toEqual([]);
  });
});

describe('probes', () => {
  const http = { httpGet: { path: '/', port: 80 } };

  test('fails on a probe without a handler or with two', () => {
    expect(check(withContainer({ readinessProbe: {}, livenessProbe: { ...http, tcpSocket: { port: 80 } } }))).toEqual([
      { rule: 'probes', field: 'spec.containers[0].readinessProbe', value: [] },
      { rule: 'probes', field: 'spec.containers[0].livenessProbe', value: ['httpGet', 'tcpSocket'] },
    ]);
  });

  test('fails on negative or fractional timings, and on a liveness or startup successThreshold other than 1', () => {
    expect(check(withContainer({
      readinessProbe: { ...http, periodSeconds: -1, successThreshold: 3 },
      livenessProbe: { ...http, timeoutSeconds: 0.5, successThreshold: 2 },
      startupProbe: { ...http, successThreshold: 1 },
    }))).toEqual([
      { rule: 'probes', field: 'spec.containers[0].readinessProbe.periodSeconds', value: -1 },
      { rule: 'probes', field: 'spec.containers[0].livenessProbe.timeoutSeconds', value: 0.5 },
      { rule: 'probes', field: 'spec.containers[0].livenessProbe.successThreshold', value: 2 },
    ]);
  });

  test('fails on a probe port that is neither a port number nor a port name', () => {
    expect(check(withContainer({ readinessProbe: { httpGet: { path: '/', port: 0 } }, livenessProbe: { tcpSocket: { port: 'HTTP_PORT' } }, startupProbe: { tcpSocket: { port: 'http' } }, ports: [{ containerPort: 80, name: 'http' }] }))).toEqual([
      { rule: 'probes', field: 'spec.containers[0].readinessProbe.httpGet.port', value: 0 },
      { rule: 'probes', field: 'spec.containers[0].livenessProbe.tcpSocket.port', value: 'HTTP_PORT' },
    ]);
  });

  test('fails on a probe on an init container', () => {
    expect(check(pod({ initContainers: [{ name: 'setup', image: 'busybox', readinessProbe: http }] }))).toEqual([
      { rule: 'probes', field: 'spec.initContainers[0].readinessProbe', value: ['httpGet'] },
    ]);
  });
});

describe('restart-policy', () => {
  test('fails on an unknown policy', () => {
    expect(check(pod({ restartPolicy: 'Sometimes' }))).toEqual([{ rule: 'restart-policy', field: 'spec.restartPolicy', value: 'Sometimes' }]);
  });

  test('a Pod takes any of Always, OnFailure, Never; a Deployment only Always', () => {
    expect(check(pod({ restartPolicy: 'Never' }), pod({ restartPolicy: 'OnFailure' }, { name: 'b' }), deployment({ template: template({ restartPolicy: 'Always' }) }))).toEqual([]);
    expect(check(deployment({ template: template({ restartPolicy: 'OnFailure' }) }))).toEqual([
      { rule: 'restart-policy', field: 'spec.template.spec.restartPolicy', value: 'OnFailure' },
    ]);
  });

  test('a Job and a CronJob need OnFailure or Never (Always is the default)', () => {
    const job = (name: string, restartPolicy?: string) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name }, spec: { template: template({ restartPolicy }, { app: name }) } });
    expect(check(job('a', 'Always'), job('b', undefined))).toEqual([
      { rule: 'restart-policy', field: 'spec.template.spec.restartPolicy', value: 'Always' },
      { rule: 'restart-policy', field: 'spec.template.spec.restartPolicy', value: undefined },
    ]);
  });
});

describe('security-context', () => {
  test('fails on a user or group that is not an int32 of 0 or more, on the pod or a container', () => {
    expect(check(withContainer({ securityContext: { runAsGroup: 1.5 } }, { securityContext: { runAsUser: -1, runAsGroup: 0 } }))).toEqual([
      { rule: 'security-context', field: 'spec.containers[0].securityContext.runAsGroup', value: 1.5 },
      { rule: 'security-context', field: 'spec.securityContext.runAsUser', value: -1 },
    ]);
  });
});

describe('replicas', () => {
  test('fails on replicas beyond int32, negative or fractional', () => {
    expect(check(deployment({ replicas: 2147483648 }), deployment({ replicas: -1 }, { name: 'b' }), deployment({ replicas: 1.5 }, { name: 'c' }))).toEqual([
      { rule: 'replicas', field: 'spec.replicas', value: 2147483648 },
      { rule: 'replicas', field: 'spec.replicas', value: -1 },
      { rule: 'replicas', field: 'spec.replicas', value: 1.5 },
    ]);
  });

  test('0 and 2147483647 pass', () => {
    expect(check(deployment({ replicas: 0 }), deployment({ replicas: 2147483647 }, { name: 'b' }))).toEqual([]);
  });
});

describe('controller-selector', () => {
  test('fails on a Deployment without a selector, or with an empty one', () => {
    expect(check(deployment({ selector: undefined }), deployment({ selector: { matchLabels: {} } }, { name: 'b' }))).toEqual([
      { rule: 'controller-selector', field: 'spec.selector', value: undefined },
      { rule: 'controller-selector', field: 'spec.selector', value: { matchLabels: {} } },
    ]);
  });

  test('fails on a selector that does not match the template\'s labels', () => {
    expect(check(deployment({ selector: { matchLabels: { app: 'api' } } }))).toEqual([
      { rule: 'controller-selector', field: 'spec.selector.matchLabels', value: { app: 'api' } },
    ]);
  });

  test('a selector of matchExpressions only passes', () => {
    expect(check(deployment({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] } }))).toEqual([]);
  });

  test('fails on expressions the template\'s labels do not satisfy', () => {
    const matchExpressions = [{ key: 'app', operator: 'In', values: ['web'] }, { key: 'tier', operator: 'Exists' }];
    expect(check(deployment({ selector: { matchExpressions } }))).toEqual([
      { rule: 'controller-selector', field: 'spec.selector.matchExpressions', value: matchExpressions },
    ]);
  });

  test('fails on an expression\'s operator and the values it needs, not on the match then', () => {
    expect(check(deployment({ selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'app', operator: 'Is', values: ['web'] }, { key: 'app', operator: 'In' }] } }))).toEqual([
      { rule: 'controller-selector', field: 'spec.selector.matchExpressions[0].operator', value: 'Is' },
      { rule: 'controller-selector', field: 'spec.selector.matchExpressions[1].values', value: undefined },
    ]);
  });
});

describe('service-type', () => {
  test('fails on a type that is not one of the four', () => {
    expect(check(service({ type: 'Internal' }), pod())).toEqual([{ rule: 'service-type', field: 'spec.type', value: 'Internal' }]);
  });
});

describe('service-ports', () => {
  test('fails on a Service without ports; a headless or ExternalName Service may have none', () => {
    expect(check(service({ ports: undefined }), service({ ports: [], clusterIP: 'None' }, { name: 'headless' }), pod())).toEqual([
      { rule: 'service-ports', field: 'spec.ports', value: undefined },
    ]);
  });

  test('fails on a port outside 1-65535, a bad or missing name with several ports, a name or (port, protocol) used twice', () => {
    expect(check(service({
      ports: [{ name: 'a', port: 0 }, { name: 'Web_Port', port: 81 }, { port: 82 }, { name: 'a', port: 83 }, { name: 'b', port: 83 }],
    }), pod({ containers: [container({ ports: [81, 82, 83].map(containerPort => ({ containerPort })) })] })).filter(p => p.rule === 'service-ports')).toEqual([
      { rule: 'service-ports', field: 'spec.ports[0].port', value: 0 },
      { rule: 'service-ports', field: 'spec.ports[1].name', value: 'Web_Port' },
      { rule: 'service-ports', field: 'spec.ports[2].name', value: undefined },
      { rule: 'service-ports', field: 'spec.ports[3].name', value: 'a' },
      { rule: 'service-ports', field: 'spec.ports[4].port', value: '83/TCP' },
    ]);
  });

  test('one port over TCP and UDP passes', () => {
    expect(check(service({ ports: [{ name: 'tcp', port: 53 }, { name: 'udp', port: 53, protocol: 'UDP' }] }), pod({
      containers: [container({ ports: [{ containerPort: 53 }, { containerPort: 53, protocol: 'UDP' }] })],
    }))).toEqual([]);
  });

  test('fails on an unknown protocol, and on a targetPort that is neither a port number nor a port name; targetPort 0 passes (the API server defaults it to port)', () => {
    expect(check(service({ ports: [{ name: 'a', port: 80, protocol: 'HTTP' }, { name: 'b', port: 81, targetPort: 'HTTP_PORT' }, { name: 'c', port: 82, targetPort: 0 }] }))
      .filter(p => p.rule === 'service-ports')).toEqual([
      { rule: 'service-ports', field: 'spec.ports[0].protocol', value: 'HTTP' },
      { rule: 'service-ports', field: 'spec.ports[1].targetPort', value: 'HTTP_PORT' },
    ]);
  });
});

describe('external-name', () => {
  const external = (spec: Spec, name = 'ext') => service({ type: 'ExternalName', selector: undefined, ports: undefined, ...spec }, { name });

  test('fails on an ExternalName Service without a host, or with one that is not a DNS subdomain', () => {
    expect(check(external({}), external({ externalName: 'Not A Host' }, 'other'))).toEqual([
      { rule: 'external-name', field: 'spec.externalName', value: undefined },
      { rule: 'external-name', field: 'spec.externalName', value: 'Not A Host' },
    ]);
  });

  test('a host with a trailing dot, and ports, pass', () => {
    expect(check(external({ externalName: 'foo.example.com.', ports: [{ port: 80 }] }))).toEqual([]);
  });
});

describe('node-port on a Service of the wrong type', () => {
  test('fails on a nodePort on a ClusterIP Service', () => {
    expect(check(service({ ports: [{ port: 80, nodePort: 30080 }] }), pod())).toEqual([
      { rule: 'node-port', field: 'spec.ports[0].nodePort', value: 30080 },
    ]);
  });
});

describe('cluster-ip', () => {
  test('fails on a headless NodePort or LoadBalancer Service, and on a clusterIP of an ExternalName Service', () => {
    expect(check(
      service({ type: 'NodePort', clusterIP: 'None' }, { name: 'np' }),
      service({ type: 'LoadBalancer', clusterIP: 'None' }, { name: 'lb' }),
      service({ type: 'ExternalName', externalName: 'db.example.com', clusterIP: '10.0.0.1', selector: undefined, ports: undefined }, { name: 'ext' }),
    ).filter(p => p.rule === 'cluster-ip')).toEqual([
      { rule: 'cluster-ip', field: 'spec.clusterIP', value: 'None' },
      { rule: 'cluster-ip', field: 'spec.clusterIP', value: 'None' },
      { rule: 'cluster-ip', field: 'spec.clusterIP', value: '10.0.0.1' },
    ]);
  });

  test('a headless ClusterIP Service passes, with or without ports', () => {
    expect(check(service({ clusterIP: 'None' }), service({ clusterIP: 'None', ports: undefined }, { name: 'bare' }), pod())).toEqual([]);
  });
});

describe('type-field (ours: the API server accepts and ignores these)', () => {
  test('fails on an externalName on a ClusterIP Service and a nodePort on an ExternalName Service', () => {
    expect(check(
      service({ externalName: 'db.example.com' }, { name: 'cip' }),
      service({ type: 'ExternalName', externalName: 'db.example.com', selector: undefined, ports: [{ port: 80, nodePort: 30080 }] }, { name: 'ext' }),
    ).filter(p => p.rule === 'type-field')).toEqual([
      { rule: 'type-field', field: 'spec.externalName', value: 'db.example.com' },
      { rule: 'type-field', field: 'spec.ports[0].nodePort', value: 30080 },
    ]);
  });
});

describe('pod-template-image (ours: the API server accepts the template, then refuses its pods)', () => {
  test('fails on an image with surrounding whitespace in a controller\'s template; a missing one is the API server\'s own rule', () => {
    expect(check(
      deployment({ template: template({ containers: [container({ image: 'nginx ' })] }) }),
      deployment({ template: template({ containers: [container({ image: '' })] }) }, { name: 'empty' }),
    )).toEqual([
      { rule: 'pod-template-image', field: 'spec.template.spec.containers[0].image', value: 'nginx ' },
      { rule: 'container-image', field: 'spec.template.spec.containers[0].image', value: '' },
    ]);
  });
});
