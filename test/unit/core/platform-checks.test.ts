/**
 * What GKE Autopilot's admission and OpenShift's restricted-v2 SCC refuse
 * (src/core/checks/platform-checks.ts), through the engine over plain manifests, and the platform setting wherever the engine runs: the app's
 * context, Platform.applyTo, the validation plugin's property, checkManifests' option.
 */
import { Chart, JsonPatch, Testing } from 'cdk8s';
import {
  AppPod, FlaskPod, NginxPod, Platform, PLATFORM_CONTEXT, SecurityProfile, validateApp, Volume, Workload,
} from '../../../src';
import { checkManifests } from '../../../src/check';
import { CrossObjectValidation } from '../../../src/plugin';
import { AUTOPILOT_ALLOWED_CAPABILITIES, OPENSHIFT_ALLOWED_CAPABILITIES, OPENSHIFT_ALLOWED_VOLUMES } from '../../../src/rules';
import { brief, Manifest, problemsOf } from '../../util';

const container = (extra: object = {}) => ({ name: 'app', image: 'example/app:1', resources: { requests: { cpu: '10m', memory: '16Mi' } }, ...extra });
const pod = (spec: object): Manifest => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [container()], ...spec } });
const template = (podSpec: object) => ({ metadata: { labels: { app: 'x' } }, spec: { containers: [container()], ...podSpec } });
const workloads = (podSpec: object): Manifest[] => [
  pod(podSpec),
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: { matchLabels: { app: 'x' } }, template: template(podSpec) } },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's' }, spec: { serviceName: 's', selector: { matchLabels: { app: 'x' } }, template: template(podSpec) } },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds' }, spec: { selector: { matchLabels: { app: 'x' } }, template: template(podSpec) } },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs' }, spec: { selector: { matchLabels: { app: 'x' } }, template: template(podSpec) } },
  { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { containers: [container()], restartPolicy: 'Never', ...podSpec } } } },
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cj' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { containers: [container()], restartPolicy: 'Never', ...podSpec } } } } } },
];
const autopilot = (...objects: Manifest[]) => checkManifests(objects, { platform: 'gke-autopilot' }).filter(p => p.rule === 'platform-admission');

describe('GKE Autopilot\'s admission, on the written manifests', () => {
  test('a pod that sets none of what Autopilot refuses passes, with requests below any minimum (Autopilot raises them)', () => {
    expect(autopilot(...workloads({}))).toEqual([]);
    expect(autopilot(pod({ hostNetwork: false, hostPID: false, containers: [container({ securityContext: { privileged: false, capabilities: { add: ['NET_BIND_SERVICE', 'SYS_PTRACE'], drop: ['NET_RAW'] } }, ports: [{ containerPort: 80, hostPort: 0 }] })] }))).toEqual([]);
  });

  test('fails on a privileged container or init container, in every kind that makes pods', () => {
    const privileged = container({ securityContext: { privileged: true } });
    const problems = autopilot(...workloads({ initContainers: [privileged] }));
    expect(problems.map(p => [p.object, p.field, p.value])).toEqual([
      ['Pod/p', 'spec.initContainers[0].securityContext.privileged', true],
      ['Deployment/d', 'spec.template.spec.initContainers[0].securityContext.privileged', true],
      ['StatefulSet/s', 'spec.template.spec.initContainers[0].securityContext.privileged', true],
      ['DaemonSet/ds', 'spec.template.spec.initContainers[0].securityContext.privileged', true],
      ['ReplicaSet/rs', 'spec.template.spec.initContainers[0].securityContext.privileged', true],
      ['Job/j', 'spec.template.spec.initContainers[0].securityContext.privileged', true],
      ['CronJob/cj', 'spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.privileged', true],
    ]);
    expect(brief(autopilot(pod({ containers: [container(), privileged] })))).toEqual([
      { rule: 'platform-admission', field: 'spec.containers[1].securityContext.privileged', value: true },
    ]);
    expect(problems[0].allowed).toContain('Autopilot refuses a privileged container');
    expect(problems[0].fix).toContain('WorkloadAllowlist');
  });

  test('fails on each capability added beyond Autopilot\'s list, and on NET_RAW', () => {
    const problems = autopilot(pod({ containers: [container({ securityContext: { capabilities: { add: ['CHOWN', 'SYS_ADMIN', 'NET_RAW', 'NET_ADMIN'] } } })] }));
    expect(brief(problems)).toEqual([
      { rule: 'platform-admission', field: 'spec.containers[0].securityContext.capabilities.add[1]', value: 'SYS_ADMIN' },
      { rule: 'platform-admission', field: 'spec.containers[0].securityContext.capabilities.add[2]', value: 'NET_RAW' },
      { rule: 'platform-admission', field: 'spec.containers[0].securityContext.capabilities.add[3]', value: 'NET_ADMIN' },
    ]);
    expect(problems[0].allowed).toContain(AUTOPILOT_ALLOWED_CAPABILITIES.join(', '));
    expect(problems[1].allowed).toContain('NET_RAW is refused by default, see https://cloud.google.com/kubernetes-engine/docs/concepts/run-autopilot-open-source-workloads');
    expect(problems[1].allowed).toContain('older Autopilot versions allowed it');
    expect(problems[0].allowed).not.toContain('older Autopilot versions');
    expect(problems[0].fix).toBe('drop the capability; Autopilot refuses it unless a WorkloadAllowlist admits the workload (a GKE partner\'s privileged workload)');
    expect(AUTOPILOT_ALLOWED_CAPABILITIES).not.toContain('NET_RAW');
  });

  test('fails on hostNetwork, hostPID and hostIPC', () => {
    const problems = autopilot(pod({ hostNetwork: true, hostPID: true, hostIPC: true }));
    expect(brief(problems)).toEqual([
      { rule: 'platform-admission', field: 'spec.hostNetwork', value: true },
      { rule: 'platform-admission', field: 'spec.hostPID', value: true },
      { rule: 'platform-admission', field: 'spec.hostIPC', value: true },
    ]);
    expect(problems[0].allowed).toContain('autogke-disallow-hostnamespaces');
  });

  test('fails on a container port with a hostPort', () => {
    const problems = autopilot(...workloads({ containers: [container({ ports: [{ containerPort: 8080 }, { containerPort: 80, hostPort: 80 }] })] }).slice(0, 2));
    expect(brief(problems)).toEqual([
      { rule: 'platform-admission', field: 'spec.containers[0].ports[1].hostPort', value: 80 },
      { rule: 'platform-admission', field: 'spec.template.spec.containers[0].ports[1].hostPort', value: 80 },
    ]);
    expect(problems[0].fix).toContain('Service');
  });

  test('fails on a hostPath volume a container mounts in write mode, or whose path is outside /var/log/', () => {
    const volumes = [
      { name: 'logs', hostPath: { path: '/var/log/pods' } },
      { name: 'docker', hostPath: { path: '/var/lib/docker/containers' } },
      { name: 'scratch', emptyDir: {} },
      { name: 'unused', hostPath: { path: '/etc' } },
    ];
    const problems = autopilot(...workloads({
      volumes,
      initContainers: [container({ volumeMounts: [{ name: 'logs', mountPath: '/logs' }] })],
      containers: [container({ volumeMounts: [
        { name: 'logs', mountPath: '/logs', readOnly: true }, { name: 'docker', mountPath: '/docker', readOnly: true }, { name: 'scratch', mountPath: '/tmp' },
      ] })],
    }).slice(0, 2));
    expect(brief(problems)).toEqual([
      { rule: 'platform-admission', field: 'spec.initContainers[0].volumeMounts[0].readOnly', value: undefined },
      { rule: 'platform-admission', field: 'spec.volumes[1].hostPath.path', value: '/var/lib/docker/containers' },
      { rule: 'platform-admission', field: 'spec.template.spec.initContainers[0].volumeMounts[0].readOnly', value: undefined },
      { rule: 'platform-admission', field: 'spec.template.spec.volumes[1].hostPath.path', value: '/var/lib/docker/containers' },
    ]);
    expect(problems[0].allowed).toBe('true: Autopilot refuses a hostPath volume mounted in write mode (policy autogke-no-write-mode-hostpath)');
    expect(problems[0].fix).toContain('readOnly: true');
    expect(problems[1].allowed).toContain('a path under /var/log/');
    expect(problems[1].allowed).toContain('autogke-no-write-mode-hostpath');
    // readOnly: false is write mode too; /var/log itself and below it, read-only, pass
    expect(brief(autopilot(pod({ volumes: [{ name: 'v', hostPath: { path: '/var/log' } }], containers: [container({ volumeMounts: [{ name: 'v', mountPath: '/v', readOnly: false }] })] })))).toEqual([
      { rule: 'platform-admission', field: 'spec.containers[0].volumeMounts[0].readOnly', value: false },
    ]);
    expect(autopilot(pod({ volumes: [{ name: 'v', hostPath: { path: '/var/log' } }], containers: [container({ volumeMounts: [{ name: 'v', mountPath: '/v', readOnly: true }] })] }))).toEqual([]);
  });

  test('without the platform, or for the local one, none of these checks fire; OpenShift refuses them too', () => {
    const refused = pod({ hostNetwork: true, containers: [container({ securityContext: { privileged: true, capabilities: { add: ['SYS_ADMIN'] } }, ports: [{ containerPort: 80, hostPort: 80 }] })] });
    expect(autopilot(refused)).toHaveLength(4);
    for (const options of [{}, { platform: 'local' as const }]) {
      expect(checkManifests([refused], options).filter(p => p.rule === 'platform-admission')).toEqual([]);
    }
    expect(checkManifests([refused], { platform: 'openshift' }).filter(p => p.rule === 'platform-admission')).toHaveLength(4);
  });

  test('fails on a platform the engine does not know', () => {
    expect(brief(problemsOf(() => checkManifests([], { platform: 'autopilot' as never })))).toEqual([{ rule: 'props', field: 'platform', value: 'autopilot' }]);
  });
});

describe('OpenShift\'s restricted-v2 SCC, on the written manifests', () => {
  const openshift = (...objects: Manifest[]) => checkManifests(objects, { platform: 'openshift' }).filter(p => p.rule === 'platform-admission');

  test('fails on a fixed runAsUser, on the pod or a container: the SCC assigns the user from a range the manifests cannot know', () => {
    const problems = openshift(...workloads({
      securityContext: { runAsUser: 10000, runAsNonRoot: true },
      initContainers: [container({ securityContext: { runAsUser: 1001 } })],
    }).slice(0, 2));
    expect(brief(problems)).toEqual([
      { rule: 'platform-admission', field: 'spec.securityContext.runAsUser', value: 10000 },
      { rule: 'platform-admission', field: 'spec.initContainers[0].securityContext.runAsUser', value: 1001 },
      { rule: 'platform-admission', field: 'spec.template.spec.securityContext.runAsUser', value: 10000 },
      { rule: 'platform-admission', field: 'spec.template.spec.initContainers[0].securityContext.runAsUser', value: 1001 },
    ]);
    expect(problems[0].allowed).toContain('restricted-v2');
    expect(problems[0].fix).toContain('arbitraryUser: true');
  });

  test('passes a pod without a fixed user (runAsNonRoot, runAsGroup, supplementalGroups are free); GKE Autopilot does not check the user', () => {
    expect(openshift(pod({ securityContext: { runAsNonRoot: true, runAsGroup: 0, supplementalGroups: [5555], seccompProfile: { type: 'RuntimeDefault' } } }))).toEqual([]);
    expect(autopilot(pod({ securityContext: { runAsUser: 10000, fsGroup: 2000 } }))).toEqual([]);
  });

  test('fails on a fixed fsGroup: the SCC assigns it from the namespace\'s supplemental groups', () => {
    const problems = openshift(...workloads({ securityContext: { fsGroup: 2000 } }).slice(0, 2));
    expect(brief(problems)).toEqual([
      { rule: 'platform-admission', field: 'spec.securityContext.fsGroup', value: 2000 },
      { rule: 'platform-admission', field: 'spec.template.spec.securityContext.fsGroup', value: 2000 },
    ]);
    expect(problems[0].allowed).toContain('openshift.io/sa.scc.supplemental-groups');
    expect(problems[0].fix).toBe('drop fsGroup (the SCC sets one from the range), or grant the pod\'s ServiceAccount an SCC that admits it and skip this rule');
  });

  test('fails on a privileged container, privilege escalation, and a capability added other than NET_BIND_SERVICE', () => {
    const problems = openshift(pod({
      initContainers: [container({ name: 'init', securityContext: { privileged: true } })],
      containers: [container({ securityContext: { allowPrivilegeEscalation: true, capabilities: { add: ['NET_BIND_SERVICE', 'CHOWN', 'NET_RAW'], drop: ['ALL'] } } })],
    }));
    expect(brief(problems)).toEqual([
      { rule: 'platform-admission', field: 'spec.initContainers[0].securityContext.privileged', value: true },
      { rule: 'platform-admission', field: 'spec.containers[0].securityContext.allowPrivilegeEscalation', value: true },
      { rule: 'platform-admission', field: 'spec.containers[0].securityContext.capabilities.add[1]', value: 'CHOWN' },
      { rule: 'platform-admission', field: 'spec.containers[0].securityContext.capabilities.add[2]', value: 'NET_RAW' },
    ]);
    expect(problems[0].allowed).toBe('false or unset: OpenShift\'s restricted-v2 SCC refuses a privileged container (allowPrivilegedContainer: false)');
    expect(problems[1].allowed).toContain('allowPrivilegeEscalation: false');
    expect(problems[2].allowed).toContain('NET_BIND_SERVICE (allowedCapabilities');
    expect(OPENSHIFT_ALLOWED_CAPABILITIES).toEqual(['NET_BIND_SERVICE']);
    for (const p of problems) expect(p.fix).toContain('grant the pod\'s ServiceAccount an SCC that allows it (oc adm policy add-scc-to-user <scc> -z <serviceaccount>) and skip this rule');
    expect(openshift(pod({ containers: [container({ securityContext: { privileged: false, allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'] } } })] }))).toEqual([]);
  });

  test('fails on hostNetwork, hostPID, hostIPC and a hostPort', () => {
    const problems = openshift(pod({ hostNetwork: true, hostPID: true, hostIPC: true, containers: [container({ ports: [{ containerPort: 80, hostPort: 80 }] })] }));
    expect(brief(problems)).toEqual([
      { rule: 'platform-admission', field: 'spec.hostNetwork', value: true },
      { rule: 'platform-admission', field: 'spec.hostPID', value: true },
      { rule: 'platform-admission', field: 'spec.hostIPC', value: true },
      { rule: 'platform-admission', field: 'spec.containers[0].ports[0].hostPort', value: 80 },
    ]);
    expect(problems.map(p => p.allowed.replace(/.*\((.*)\)$/, '$1'))).toEqual(['allowHostNetwork: false', 'allowHostPID: false', 'allowHostIPC: false', 'allowHostPorts: false']);
  });

  test('fails on a volume type outside the SCC\'s list: hostPath, nfs; passes every type on it', () => {
    const problems = openshift(pod({ volumes: [
      { name: 'host', hostPath: { path: '/var/log' } }, { name: 'share', nfs: { server: 'nfs.example', path: '/export' } }, { name: 'scratch', emptyDir: {} },
    ] }));
    expect(brief(problems)).toEqual([
      { rule: 'platform-admission', field: 'spec.volumes[0].hostPath', value: { path: '/var/log' } },
      { rule: 'platform-admission', field: 'spec.volumes[1].nfs', value: { server: 'nfs.example', path: '/export' } },
    ]);
    expect(problems[0].allowed).toBe(`a volume type the restricted-v2 SCC allows: ${OPENSHIFT_ALLOWED_VOLUMES.join(', ')} (no host directory: allowHostDirVolumePlugin is false)`);
    expect(problems[1].allowed).not.toContain('host directory');
    const allowed = OPENSHIFT_ALLOWED_VOLUMES.map((type, i) => ({ name: `v${i}`, [type]: {} }));
    expect(openshift(pod({ volumes: allowed }))).toEqual([]);
    expect(OPENSHIFT_ALLOWED_VOLUMES).toEqual(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);
  });

  test('fails on a seccomp profile other than RuntimeDefault, on the pod or a container', () => {
    const problems = openshift(pod({
      securityContext: { seccompProfile: { type: 'Unconfined' } },
      containers: [container({ securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'my.json' } } }), container({ name: 'ok', securityContext: { seccompProfile: { type: 'RuntimeDefault' } } })],
    }));
    expect(brief(problems)).toEqual([
      { rule: 'platform-admission', field: 'spec.securityContext.seccompProfile.type', value: 'Unconfined' },
      { rule: 'platform-admission', field: 'spec.containers[0].securityContext.seccompProfile.type', value: 'Localhost' },
    ]);
    expect(problems[0].allowed).toContain('runtime/default seccomp profile only');
  });

  test('Platform.OPENSHIFT\'s own pods pass; a pod construct that names a fixed user under it fails', () => {
    const app = Testing.app();
    Platform.OPENSHIFT.applyTo(app);
    const chart = new Chart(app, 'c');
    new FlaskPod(chart, 'api');
    new NginxPod(chart, 'web', { logSidecar: true, page: '<h1>hi</h1>', workload: Workload.deployment({ replicas: 2 }) });
    new AppPod(chart, 'app', { containers: [{ name: 'app', image: 'example/app:1', mounts: [{ volume: Volume.emptyDir('cache'), path: '/cache' }] }] });
    expect(validateApp(app)).toEqual([]);
    new FlaskPod(chart, 'pinned', { securityProfile: SecurityProfile.RESTRICTED });
    expect(validateApp(app).map(p => [p.rule, p.path, p.field, p.value])).toEqual([
      ['platform-admission', 'c/pinned', 'spec.securityContext.runAsUser', FlaskPod.RESTRICTED_USER],
    ]);
  });
});

describe('the platform, wherever the engine runs', () => {
  const refusedPatch = JsonPatch.add('/spec/hostNetwork', true);

  test('Platform.applyTo names it for the app: an escape hatch Autopilot refuses fails at synth', () => {
    const app = Testing.app();
    Platform.GKE_AUTOPILOT.applyTo(app);
    const chart = new Chart(app, 'c');
    const web = new NginxPod(chart, 'web');
    new FlaskPod(chart, 'api', { workload: Workload.deployment({ replicas: 2 }) });
    new AppPod(chart, 'app', { containers: [{ name: 'app', image: 'example/app:1', securityContext: { capabilities: { add: ['NET_BIND_SERVICE'] } } }] });
    expect(validateApp(app)).toEqual([]);
    web.apiObject.addJsonPatch(refusedPatch);
    const problems = validateApp(app);
    expect(problems.map(p => [p.rule, p.path, p.field, p.value])).toEqual([['platform-admission', 'c/web', 'spec.hostNetwork', true]]);
  });

  test('the context value names it, and wins over Platform.applyTo', () => {
    const app = Testing.app();
    app.node.setContext(PLATFORM_CONTEXT, 'gke-autopilot');
    const chart = new Chart(app, 'c');
    new AppPod(chart, 'app', { containers: [{ name: 'app', image: 'example/app:1', securityContext: { privileged: true } }] });
    expect(brief(validateApp(app))).toEqual([{ rule: 'platform-admission', field: 'spec.containers[0].securityContext.privileged', value: true }]);

    const local = Testing.app();
    Platform.GKE_AUTOPILOT.applyTo(local);
    local.node.setContext(PLATFORM_CONTEXT, 'local');
    new AppPod(new Chart(local, 'c'), 'app', { containers: [{ name: 'app', image: 'example/app:1', securityContext: { privileged: true } }] });
    expect(validateApp(local)).toEqual([]);
  });

  test('a malformed context value is reported, naming the key (and no platform\'s checks run)', () => {
    const app = Testing.app();
    app.node.setContext(PLATFORM_CONTEXT, ['gke-autopilot']);
    new AppPod(new Chart(app, 'c'), 'app', { containers: [{ name: 'app', image: 'example/app:1', securityContext: { privileged: true } }] });
    const problems = validateApp(app);
    expect(brief(problems)).toEqual([{ rule: 'props', field: `context "${PLATFORM_CONTEXT}"`, value: ['gke-autopilot'] }]);
    expect(problems[0].allowed).toBe('a platform\'s name: "local", "openshift", "gke-autopilot"');
  });

  test('the validation plugin takes it as a property, and refuses a malformed one', async () => {
    const violations: { ruleName: string; violatingResources: { locations: string[] }[] }[] = [];
    const objects = [pod({ hostPID: true })];
    await new CrossObjectValidation({ platform: 'gke-autopilot' }).validate({
      manifests: ['all.yaml'], parseManifest: () => objects,
      report: { addViolation: (v: never) => violations.push(v), submit: () => undefined },
    } as never);
    expect(violations.map(v => [v.ruleName, v.violatingResources[0].locations])).toEqual([['platform-admission', ['spec.hostPID']]]);
    expect(brief(problemsOf(() => new CrossObjectValidation({ platform: 'gke' as never })))).toEqual([
      { rule: 'props', field: 'properties.platform', value: 'gke' },
    ]);
  });
});
