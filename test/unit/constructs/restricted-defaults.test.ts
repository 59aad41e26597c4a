/**
 * What SecurityProfile.RESTRICTED adds beyond the Pod Security "restricted" level (issue 14):
 * CPU limits, a liveness probe on the long-running busybox helper, and every pod construct
 * isolated by a NetworkPolicy. The level itself: security-profile.test.ts.
 */
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AppPod, ClusterCapacity, ExposedService, FlaskPod, logFilesLiveness, logSidecar, NginxPod, PodDefaults, PodIsolation, Probe, RESTRICTED_EPHEMERAL_STORAGE,
  SecurityProfile, ServiceType, validateApp, Volume, Workload,
} from '../../../src';
import { brief, Manifest, ofKind, only, problemsOf, synthProblemsOf } from '../../util';

const web = { name: 'web', image: 'example/web:1', port: 8080 };
/** What RESTRICTED_EPHEMERAL_STORAGE writes into a container that sets no ephemeral storage. */
const ES_REQ = { 'ephemeral-storage': '64Mi' };
const ES_LIM = { 'ephemeral-storage': '1Gi' };
const allContainers = (spec: Manifest): Manifest[] => [...spec.initContainers ?? [], ...spec.containers];

describe('restricted({ cpuLimits })', () => {
  test('default: every container and init container that requests CPU gets a CPU limit equal to the request, the helpers included', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { securityProfile: SecurityProfile.RESTRICTED, logSidecar: { native: true }, page: '<h1>oi</h1>' });
    const { spec } = only(chart, 'Pod');
    expect(allContainers(spec).map(c => [c.name, c.resources])).toEqual([
      ['logs', { requests: { cpu: '10m', memory: '16Mi', ...ES_REQ }, limits: { cpu: '10m', memory: '32Mi', ...ES_LIM } }],
      ['write-page', { requests: { cpu: '10m', memory: '16Mi', ...ES_REQ }, limits: { cpu: '10m', memory: '32Mi', ...ES_LIM } }],
      ['nginx', { requests: { cpu: '50m', memory: '64Mi', ...ES_REQ }, limits: { cpu: '50m', memory: '128Mi', ...ES_LIM } }],
    ]);
    expect(SecurityProfile.RESTRICTED.setsCpuLimits).toBe(true);
    expect(validateApp(chart)).toEqual([]);
  });

  test('keeps a CPU limit the user set, above the request or without one', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', {
      securityProfile: SecurityProfile.RESTRICTED,
      containers: [
        { ...web, resources: { requests: { cpu: '100m' }, limits: { cpu: '500m' } } },
        { name: 'b', image: 'example/b:1', resources: { limits: { cpu: '200m', memory: '64Mi' } } },
      ],
    });
    expect(only(chart, 'Pod').spec.containers.map((c: Manifest) => c.resources)).toEqual([
      { requests: { cpu: '100m', ...ES_REQ }, limits: { cpu: '500m', ...ES_LIM } },
      { requests: ES_REQ, limits: { cpu: '200m', memory: '64Mi', ...ES_LIM } },
    ]);
  });

  test('a container that requests no CPU gets no CPU limit', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', { securityProfile: SecurityProfile.RESTRICTED, containers: [{ ...web, resources: { requests: { memory: '64Mi' } } }] });
    expect(only(chart, 'Pod').spec.containers[0].resources).toEqual({ requests: { memory: '64Mi', ...ES_REQ }, limits: ES_LIM });
  });

  test('cpuLimits: false, NONE and AS_BUILT write no CPU limit', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'a', { securityProfile: SecurityProfile.restricted({ cpuLimits: false }), containers: [web] });
    new AppPod(chart, 'b', { securityProfile: SecurityProfile.NONE, containers: [web] });
    new NginxPod(chart, 'c', { logSidecar: true });
    for (const pod of ofKind(chart, 'Pod')) {
      for (const c of allContainers(pod.spec)) expect([pod.metadata.name, c.name, c.resources.limits.cpu]).toEqual([pod.metadata.name, c.name, undefined]);
    }
    expect(SecurityProfile.restricted({ cpuLimits: false }).setsCpuLimits).toBe(false);
    expect(SecurityProfile.AS_BUILT.setsCpuLimits).toBe(false);
    expect(SecurityProfile.NONE.setsCpuLimits).toBe(false);
  });

  test('through PodDefaults: the profile and the resources set once, the limit from the default request', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    PodDefaults.set(app, { securityProfile: SecurityProfile.RESTRICTED, resources: { requests: { cpu: '20m', memory: '32Mi' } } });
    new AppPod(chart, 'app', { containers: [web] });
    expect(chart.toJson().find(o => o.kind === 'Pod').spec.containers[0].resources).toEqual({ requests: { cpu: '20m', memory: '32Mi', ...ES_REQ }, limits: { cpu: '20m', ...ES_LIM } });
  });

  test('the capacity check adds the same requests as without limits', () => {
    const requests = (profile: SecurityProfile) => {
      const app = Testing.app();
      const chart = new Chart(app, 'c');
      ClusterCapacity.declare(app, { nodes: 1, cpu: '1', memory: '1Gi' });
      for (const id of ['a', 'b']) new AppPod(chart, id, { securityProfile: profile, containers: [{ ...web, resources: { requests: { cpu: '600m', memory: '64Mi' } } }] });
      return brief(validateApp(app));
    };
    expect(requests(SecurityProfile.RESTRICTED)).toEqual([{ rule: 'capacity', field: 'requests.cpu (every pod of the app)', value: '1200m' }]);
    expect(requests(SecurityProfile.NONE)).toEqual(requests(SecurityProfile.RESTRICTED));
  });

  test('a ResourceQuota that sets limits.cpu counts the limits written: none is missing under RESTRICTED', () => {
    const check = (profile: SecurityProfile) => {
      const chart = Testing.chart();
      new kplus.k8s.KubeResourceQuota(chart, 'quota', { metadata: { name: 'quota' }, spec: { hard: { 'limits.cpu': kplus.k8s.Quantity.fromString('1') } } });
      new AppPod(chart, 'app', { securityProfile: profile, containers: [web] });
      return brief(validateApp(chart));
    };
    expect(check(SecurityProfile.RESTRICTED)).toEqual([]);
    expect(check(SecurityProfile.restricted({ cpuLimits: false }))).toEqual([
      { rule: 'capacity', field: 'spec.containers[*].resources.limits.cpu', value: undefined },
    ]);
  });

  test('fails on a cpuLimits or an isolate that is not a boolean', () => {
    expect(brief(problemsOf(() => SecurityProfile.restricted({ cpuLimits: 'yes' as never, isolate: 0 as never })))).toEqual([
      { rule: 'props', field: 'cpuLimits', value: 'yes' },
      { rule: 'props', field: 'isolate', value: 0 },
    ]);
  });
});

describe('restricted({ ephemeralStorage })', () => {
  test('default: every container and init container that sets no ephemeral storage gets RESTRICTED_EPHEMERAL_STORAGE', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { securityProfile: SecurityProfile.RESTRICTED, logSidecar: true, page: 'x' });
    for (const c of allContainers(only(chart, 'Pod').spec)) {
      expect([c.name, c.resources.requests['ephemeral-storage'], c.resources.limits['ephemeral-storage']])
        .toEqual([c.name, RESTRICTED_EPHEMERAL_STORAGE.request, RESTRICTED_EPHEMERAL_STORAGE.limit]);
    }
    expect(SecurityProfile.RESTRICTED.setsEphemeralStorage).toBe(true);
    expect(validateApp(chart)).toEqual([]);
  });

  test('a container\'s own ephemeralStorage (request or limit) is kept and nothing added; any profile writes what the props set', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'a', {
      securityProfile: SecurityProfile.RESTRICTED,
      containers: [
        { ...web, resources: { requests: { cpu: '10m', ephemeralStorage: '2Gi' }, limits: { ephemeralStorage: '4Gi' } } },
        { name: 'b', image: 'example/b:1', resources: { limits: { memory: '64Mi', ephemeralStorage: '100Mi' } } },
      ],
    });
    new AppPod(chart, 'n', { containers: [{ ...web, resources: { requests: { ephemeralStorage: '1Gi' }, limits: { ephemeralStorage: '2Gi' } } }] });
    const [a, n] = ofKind(chart, 'Pod');
    expect(a.spec.containers.map((c: Manifest) => c.resources)).toEqual([
      { requests: { 'cpu': '10m', 'ephemeral-storage': '2Gi' }, limits: { 'cpu': '10m', 'ephemeral-storage': '4Gi' } },
      { limits: { 'memory': '64Mi', 'ephemeral-storage': '100Mi' } },
    ]);
    expect(n.spec.containers[0].resources).toEqual({ requests: { 'ephemeral-storage': '1Gi' }, limits: { 'ephemeral-storage': '2Gi' } });
    expect(validateApp(chart)).toEqual([]);
  });

  test('ephemeralStorage: false, NONE and AS_BUILT write none', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'a', { securityProfile: SecurityProfile.restricted({ ephemeralStorage: false }), containers: [web] });
    new AppPod(chart, 'b', { securityProfile: SecurityProfile.NONE, containers: [web] });
    new NginxPod(chart, 'c', { logSidecar: true });
    for (const pod of ofKind(chart, 'Pod')) {
      for (const c of allContainers(pod.spec)) expect(JSON.stringify(c.resources)).not.toContain('ephemeral-storage');
    }
    expect(SecurityProfile.restricted({ ephemeralStorage: false }).setsEphemeralStorage).toBe(false);
    expect(SecurityProfile.AS_BUILT.setsEphemeralStorage).toBe(false);
  });

  test('fails on a request above its limit at synth (rule resources), on the field as written', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'a', { containers: [{ ...web, resources: { requests: { ephemeralStorage: '2Gi' }, limits: { ephemeralStorage: '1Gi' } } }] });
    expect(brief(synthProblemsOf(chart))).toEqual([
      { rule: 'resources', field: 'spec.containers[0].resources.requests.ephemeral-storage', value: '2Gi' },
    ]);
  });

  test('fails on an ephemeralStorage that is no string, or spelled as in YAML, or an ephemeralStorage option that is no boolean', () => {
    const chart = Testing.chart();
    expect(problemsOf(() => new AppPod(chart, 'a', {
      containers: [{ ...web, resources: { requests: { ephemeralStorage: 64 as unknown as string, ['ephemeral-storage' as 'cpu']: '1Gi' } } }],
    }))).toEqual([
      expect.objectContaining({ rule: 'props', field: 'containers[0].resources.requests.ephemeral-storage', value: '1Gi', fix: 'write it in camel case: ephemeralStorage' }),
      expect.objectContaining({ rule: 'props', field: 'containers[0].resources.requests.ephemeralStorage', value: 64, fix: 'quote it with its unit: "64Mi"' }),
    ]);
    expect(brief(problemsOf(() => SecurityProfile.restricted({ ephemeralStorage: 'yes' as unknown as boolean })))).toEqual([
      expect.objectContaining({ rule: 'props', field: 'ephemeralStorage', value: 'yes' }),
    ]);
  });
});

describe('a liveness probe on the log sidecar under RESTRICTED', () => {
  const probe = (paths: string[]) => ({
    exec: { command: ['sh', '-c', 'for f; do [ ! -e "$f" ] || [ -r "$f" ] || exit 1; done', 'logs-liveness', ...paths] },
    periodSeconds: 30,
    timeoutSeconds: 5,
  });
  const nginxLogs = ['/var/log/nginx/access.log', '/var/log/nginx/error.log'];
  const readiness = (dir: string) => ({
    exec: { command: ['sh', '-c', '[ -d "$1" ] && [ -r "$1" ] && [ -x "$1" ]', 'logs-readiness', dir] },
    periodSeconds: 30,
    timeoutSeconds: 5,
  });

  test('NginxPod\'s sidecar: a readable-files check of the files it follows, a readable-directory readiness probe; the init container none', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { securityProfile: SecurityProfile.RESTRICTED, logSidecar: true, page: 'x' });
    const { spec } = only(chart, 'Pod');
    // (a native sidecar at the default target 1.35: the first init container)
    const logs = spec.initContainers.find((c: Manifest) => c.name === 'logs');
    expect(logs.livenessProbe).toEqual(probe(nginxLogs));
    expect(logs.readinessProbe).toEqual(readiness('/var/log/nginx'));
    expect(logs.readinessProbe).not.toEqual(logs.livenessProbe);
    expect(spec.initContainers.map((c: Manifest) => [c.name, c.livenessProbe && 'probe'])).toEqual([['logs', 'probe'], ['write-page', undefined]]);
    expect(validateApp(chart)).toEqual([]);
  });

  test('a native sidecar (an init container restarted always) gets it too', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { securityProfile: SecurityProfile.RESTRICTED, logSidecar: { native: true } });
    const logs = only(chart, 'Pod').spec.initContainers[0];
    expect([logs.name, logs.restartPolicy, logs.livenessProbe, logs.readinessProbe]).toEqual(['logs', 'Always', probe(nginxLogs), readiness('/var/log/nginx')]);
    expect(validateApp(chart)).toEqual([]);
  });

  test('logSidecar() in an AppPod: the probe under RESTRICTED only (NONE and AS_BUILT keep the manifests as they were)', () => {
    const chart = Testing.chart();
    const logs = Volume.emptyDir('logs');
    for (const [id, securityProfile] of [['r', SecurityProfile.RESTRICTED], ['n', SecurityProfile.NONE], ['a', SecurityProfile.AS_BUILT]] as const) {
      new AppPod(chart, id, {
        securityProfile,
        containers: [{ ...web, mounts: [{ volume: logs, path: '/var/log/app' }] }, logSidecar({ volume: logs, path: '/var/log/app', files: ['app.log'] })],
      });
    }
    expect(ofKind(chart, 'Pod').map(p => p.spec.containers[1].livenessProbe)).toEqual([probe(['/var/log/app/app.log']), undefined, undefined]);
    const nginx = Testing.chart();
    new NginxPod(nginx, 'web', { logSidecar: true });
    expect(only(nginx, 'Pod').spec.initContainers.find((c: Manifest) => c.name === 'logs').livenessProbe).toBeUndefined();
  });

  test('liveness: false for none, or a probe of one\'s own, under any profile', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'a', { securityProfile: SecurityProfile.RESTRICTED, logSidecar: { liveness: false } });
    new NginxPod(chart, 'b', { logSidecar: { liveness: Probe.exec(['true']) } });
    const logs = ofKind(chart, 'Pod').map(p => p.spec.initContainers.find((c: Manifest) => c.name === 'logs'));
    expect(logs.map(c => c.livenessProbe)).toEqual([undefined, { exec: { command: ['true'] } }]);
    const own = logSidecar({ volume: Volume.emptyDir('l'), path: '/l', files: ['a'], liveness: Probe.tcpSocket({ port: 9 }) });
    expect(own.liveness?.kind).toBe('tcpSocket');
  });

  test('a container\'s own liveness probe wins over the helper\'s', () => {
    const chart = Testing.chart();
    const logs = Volume.emptyDir('logs');
    new AppPod(chart, 'app', {
      securityProfile: SecurityProfile.RESTRICTED,
      containers: [{ ...web, mounts: [{ volume: logs, path: '/l' }] }, { ...logSidecar({ volume: logs, path: '/l', files: ['a'] }), liveness: Probe.exec(['true']) }],
    });
    expect(only(chart, 'Pod').spec.containers[1].livenessProbe).toEqual({ exec: { command: ['true'] } });
  });

  test('a regular init container gets none (the API server refuses probes there)', () => {
    const chart = Testing.chart();
    const logs = Volume.emptyDir('logs');
    new AppPod(chart, 'app', { securityProfile: SecurityProfile.RESTRICTED, containers: [web], initContainers: [logSidecar({ volume: logs, path: '/l', files: ['a'] })] });
    expect(only(chart, 'Pod').spec.initContainers[0].livenessProbe).toBeUndefined();
    expect(validateApp(chart)).toEqual([]);
  });

  test('logFilesLiveness: the paths are arguments, escaped from the kubelet\'s $(VAR) expansion (exec probes get it too)', () => {
    const p = logFilesLiveness(['/l/$(HOME).log', '/l/a b']);
    expect(p._toKube(undefined)).toEqual(probe(['/l/$$(HOME).log', '/l/a b']));
  });

  test('fails on a liveness that is no Probe or false, as the container\'s liveness', () => {
    const chart = Testing.chart();
    const logs = Volume.emptyDir('logs');
    expect(brief(problemsOf(() => new AppPod(chart, 'app', {
      containers: [web, logSidecar({ volume: logs, path: '/l', files: ['a'], liveness: 'yes' as never })],
    })))).toEqual([{ rule: 'props', field: 'containers[1].liveness', value: 'yes' }]);
  });
});

describe('restricted({ isolate })', () => {
  const policies = (chart: Chart): Manifest[] => ofKind(chart, 'NetworkPolicy');

  test('default: the pod construct is isolated exactly as isolate() with no options isolates it', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'app', { securityProfile: SecurityProfile.RESTRICTED, containers: [web], labels: { app: 'web' } });
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: pod, port: 80 });
    const other = Testing.chart();
    const plain = new AppPod(other, 'app', { securityProfile: SecurityProfile.restricted({ isolate: false }), containers: [web], labels: { app: 'web' } });
    new ExposedService(other, 'svc', { type: ServiceType.CLUSTER_IP, target: plain, port: 80 });
    plain.isolate();
    const [policy] = policies(chart);
    expect(policies(chart)).toHaveLength(1);
    expect(policy.spec).toEqual(only(other, 'NetworkPolicy').spec);
    expect(policy.spec).toEqual({
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ ports: [{ port: 8080 }] }],
      egress: [{
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [{ port: 53, protocol: 'UDP' }, { port: 53 }],
      }],
    });
    expect(pod.node.tryFindChild('Isolation')).toBeInstanceOf(PodIsolation);
    expect(SecurityProfile.RESTRICTED.isolatesPods).toBe(true);
    expect(validateApp(chart)).toEqual([]);
  });

  test('every pod construct, under every workload, the presets too; a StatefulSet\'s headless Service ports are let in', () => {
    const chart = Testing.chart();
    const securityProfile = SecurityProfile.RESTRICTED;
    new NginxPod(chart, 'nginx', { securityProfile, labels: { app: 'nginx' } });
    new FlaskPod(chart, 'flask', { securityProfile, labels: { app: 'flask' }, workload: Workload.deployment({ replicas: 2 }) });
    new AppPod(chart, 'db', { securityProfile, labels: { app: 'db' }, containers: [{ name: 'db', image: 'example/db:1', port: 5432 }], workload: Workload.statefulSet() });
    new AppPod(chart, 'agent', { securityProfile, labels: { app: 'agent' }, containers: [{ name: 'agent', image: 'example/agent:1' }], workload: Workload.daemonSet() });
    expect(policies(chart).map(p => [p.spec.podSelector.matchLabels.app, p.spec.ingress])).toEqual([
      ['nginx', undefined], ['flask', undefined], ['db', [{ ports: [{ port: 5432 }] }]], ['agent', undefined],
    ]);
    expect(validateApp(chart)).toEqual([]);
  });

  test('isolate: false, NONE and AS_BUILT write no NetworkPolicy', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'a', { securityProfile: SecurityProfile.restricted({ isolate: false }), containers: [web] });
    new AppPod(chart, 'b', { securityProfile: SecurityProfile.NONE, containers: [web] });
    new NginxPod(chart, 'c');
    expect(policies(chart)).toEqual([]);
    expect(SecurityProfile.restricted({ isolate: false }).isolatesPods).toBe(false);
    expect(SecurityProfile.AS_BUILT.isolatesPods).toBe(false);
  });

  test('through PodDefaults', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    PodDefaults.set(app, { securityProfile: SecurityProfile.RESTRICTED });
    new NginxPod(chart, 'web', { labels: { app: 'web' } });
    expect(chart.toJson().filter(o => o.kind === 'NetworkPolicy').map(p => p.spec.podSelector)).toEqual([{ matchLabels: { app: 'web' } }]);
  });

  test('the user\'s isolate(options) replaces the profile\'s policy: one policy, the user\'s; a second call fails', () => {
    const chart = Testing.chart();
    const pod = new NginxPod(chart, 'web', { securityProfile: SecurityProfile.RESTRICTED, labels: { app: 'web' } });
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: pod, port: 80 });
    const isolation = pod.isolate({ name: 'web', allowFrom: [kplus.Pods.select(chart, 'clients', { labels: { access: 'true' } })] });
    expect(pod.node.tryFindChild('Isolation')).toBe(isolation);
    expect(policies(chart).map(p => [p.metadata.name, p.spec.ingress])).toEqual([
      ['web', [{ from: [{ podSelector: { matchLabels: { access: 'true' } } }], ports: [{ port: 8080 }] }]],
    ]);
    expect(validateApp(chart)).toEqual([]);
    expect(brief(problemsOf(() => pod.isolate()))).toEqual([{ rule: 'props', field: 'isolate()', value: 'Isolation' }]);
  });

  test('the profile\'s policy, once replaced, lets nothing in: a Service port the user\'s policy keeps out fails at synth', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'app', { securityProfile: SecurityProfile.RESTRICTED, containers: [web], labels: { app: 'web' } });
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: pod, port: 80 });
    pod.isolate({ allowFrom: [] });
    expect(brief(validateApp(chart))).toEqual([{ rule: 'service-port-allowed', field: 'spec.ports[0]', value: 80 }]);
  });

  test('a failed isolate() leaves the profile\'s policy in place (fail closed), and may be called again', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'app', { securityProfile: SecurityProfile.RESTRICTED, containers: [web], labels: { app: 'web' } });
    const before = policies(chart);
    expect(brief(problemsOf(() => pod.isolate({ name: 5 as never })))).toEqual([{ rule: 'props', field: 'name', value: 5 }]);
    expect(policies(chart)).toEqual(before);
    pod.isolate({ name: 'web', isolateEgress: false });
    expect(policies(chart).map(p => [p.metadata.name, p.spec.policyTypes])).toEqual([['web', ['Ingress']]]);
  });

  test('a PodIsolation of the user\'s, anywhere, replaces the profile\'s policy too', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'app', { securityProfile: SecurityProfile.RESTRICTED, containers: [web], labels: { app: 'web' } });
    new PodIsolation(chart, 'mine', { target: pod, name: 'mine', allowDns: false });
    expect(policies(chart).map(p => p.metadata.name)).toEqual(['mine']);
    expect(pod.node.tryFindChild('Isolation')).toBeUndefined();
  });

  test('fails on a bare pod with no labels under a profile that isolates it; passes with isolate: false', () => {
    const chart = Testing.chart();
    const problems = problemsOf(() => new AppPod(chart, 'app', { securityProfile: SecurityProfile.RESTRICTED, containers: [web], labels: {} }));
    expect(brief(problems)).toEqual([{ rule: 'profile-isolation', field: 'labels', value: {} }]);
    expect(problems[0].fix).toContain('isolate: false');
    new AppPod(chart, 'ok', { securityProfile: SecurityProfile.restricted({ isolate: false }), containers: [web], labels: {} });
    expect(ofKind(chart, 'Pod')).toHaveLength(1);
  });

  test('a controller with no labels under a profile that isolates it fails once, as the isolation (its selector is judged at synth)', () => {
    const chart = Testing.chart();
    expect(brief(problemsOf(() => new AppPod(chart, 'app', {
      securityProfile: SecurityProfile.RESTRICTED, containers: [web], labels: {}, workload: Workload.deployment(),
    })))).toEqual([{ rule: 'profile-isolation', field: 'labels', value: {} }]);
  });
});

describe('the tutorial under RESTRICTED', () => {
  test('every pod construct is isolated, the Services\' ports are let in (service-port-allowed passes), and every container has a CPU limit', async () => {
    const { buildTutorial } = await import('../../../app/tutorial');
    const app = Testing.app();
    buildTutorial(app, { securityProfile: SecurityProfile.RESTRICTED });
    expect(validateApp(app)).toEqual([]);
    const objects = app.charts.flatMap(c => c.toJson() as Manifest[]);
    const templates = objects.filter(o => o.kind === 'Pod' || o.kind === 'Deployment').map(o => o.kind === 'Pod' ? o : o.spec.template);
    const isolated = objects.filter(o => o.kind === 'NetworkPolicy').map(p => p.spec.podSelector.matchLabels.app);
    expect(templates.map(t => t.metadata.labels.app).sort()).toEqual([...isolated].sort());
    for (const t of templates) {
      for (const c of allContainers(t.spec)) expect([c.name, c.resources.limits.cpu]).toEqual([c.name, c.resources.requests.cpu]);
    }
  });
});

