/**
 * The named platforms (src/constructs/platform.ts) beyond the local one (tested with the
 * capacity check it declares, test/unit/core/capacity-checks.test.ts).
 */
import { Chart, Testing } from 'cdk8s';
import { AppPod, AUTOPILOT_RESOURCES, ClusterCapacity, DEFAULT_RESOURCES, FlaskPod, LOCAL_CAPACITY, NginxPod, Platform, PLATFORM_CONTEXT, PodDefaults, SecurityProfile, validateApp, Workload } from '../../../src';
import { brief, Manifest, problemsOf } from '../../util';

describe('Platform.OPENSHIFT', () => {
  test('every pod construct that names no profile runs restricted with no fixed user or group: the SCC assigns them', () => {
    const app = Testing.app();
    Platform.OPENSHIFT.applyTo(app);
    expect(ClusterCapacity.of(app)).toBeUndefined();
    const chart = new Chart(app, 'c');
    new NginxPod(chart, 'web');
    new FlaskPod(chart, 'api');
    new AppPod(chart, 'app', { containers: [{ name: 'app', image: 'example/app:1' }] });
    expect(validateApp(app)).toEqual([]);
    const objects = chart.toJson();
    const [web, api, other] = objects.filter(o => o.kind === 'Pod');
    // no isolation by the profile: OpenShift's DNS is not where the default isolation lets DNS out
    expect(objects.filter(o => o.kind === 'NetworkPolicy')).toEqual([]);
    for (const pod of [web, api, other]) {
      expect(pod.spec.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.spec.automountServiceAccountToken).toBe(false);
      for (const c of pod.spec.containers) expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true });
    }
    // nginx-unprivileged, whose writable paths are group 0's, with emptyDirs where it writes
    expect(web.spec.containers[0].image).toBe(NginxPod.RESTRICTED_IMAGE);
    expect(web.spec.volumes.map((v: Manifest) => v.name)).toEqual(['tmp', 'var-cache-nginx']);
  });

  test('fails on arbitraryUser beside a user or group, or of the wrong type', () => {
    expect(brief(problemsOf(() => SecurityProfile.restricted({ arbitraryUser: true, runAsUser: 20000 })))).toEqual([{ rule: 'props', field: 'arbitraryUser', value: true }]);
    expect(brief(problemsOf(() => SecurityProfile.restricted({ arbitraryUser: 1 as never })))).toEqual([{ rule: 'props', field: 'arbitraryUser', value: 1 }]);
    expect(SecurityProfile.restricted({ arbitraryUser: true }).arbitraryUser).toBe(true);
    expect(SecurityProfile.RESTRICTED.arbitraryUser).toBe(false);
  });
});

describe('Platform.GKE_AUTOPILOT', () => {
  const autopilotResources = { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '250m', memory: '512Mi' } };
  const helperResources = { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } };

  test('sets its resources and AS_BUILT, declares no budget, and records the platform for the app', () => {
    const app = Testing.app();
    Platform.GKE_AUTOPILOT.applyTo(app);
    expect(AUTOPILOT_RESOURCES).toEqual(autopilotResources);
    expect(PodDefaults.of(app)).toEqual({ resources: autopilotResources, securityProfile: SecurityProfile.AS_BUILT });
    expect(ClusterCapacity.of(app)).toBeUndefined();
    expect(Platform.GKE_AUTOPILOT.name).toBe('gke-autopilot');
    expect(Platform.of(app)).toBe(Platform.GKE_AUTOPILOT);
    expect(Platform.of(Testing.app())).toBeUndefined();
  });

  test('every container that gives none requests 250m / 512Mi with equal limits: AppPod\'s containers and init containers, the presets\' main containers', () => {
    const app = Testing.app();
    Platform.GKE_AUTOPILOT.applyTo(app);
    const chart = new Chart(app, 'c');
    new AppPod(chart, 'app', {
      initContainers: [{ name: 'setup', image: 'example/setup:1' }],
      containers: [{ name: 'app', image: 'example/app:1' }, { name: 'side', image: 'example/side:1' }],
    });
    new NginxPod(chart, 'web', { logSidecar: true, page: '<h1>hi</h1>' });
    new FlaskPod(chart, 'api');
    expect(validateApp(app)).toEqual([]);
    const [pod, web, api] = chart.toJson();
    expect(pod.spec.initContainers[0].resources).toEqual(autopilotResources);
    expect(pod.spec.containers.map((c: Manifest) => c.resources)).toEqual([autopilotResources, autopilotResources]);
    expect(web.spec.containers[0].resources).toEqual(autopilotResources);
    expect(api.spec.containers[0].resources).toEqual(autopilotResources);
    // the busybox helpers keep HELPER_RESOURCES (Autopilot may raise them: a change, not a refusal)
    expect(web.spec.initContainers.map((c: Manifest) => [c.name, c.resources])).toEqual([['logs', helperResources], ['write-page', helperResources]]);
  });

  test('every pod construct that names no profile runs AS_BUILT: seccomp RuntimeDefault on the pod, the presets\' known images without NET_RAW', () => {
    const app = Testing.app();
    Platform.GKE_AUTOPILOT.applyTo(app);
    const chart = new Chart(app, 'c');
    const pod = new AppPod(chart, 'app', { containers: [{ name: 'app', image: 'example/app:1' }], workload: Workload.deployment({ replicas: 2 }) });
    new NginxPod(chart, 'web');
    new FlaskPod(chart, 'api');
    expect(pod.securityProfile).toBe(SecurityProfile.AS_BUILT);
    const [deployment, web, api] = chart.toJson().filter(o => o.kind !== 'PodDisruptionBudget');
    for (const spec of [deployment.spec.template.spec, web.spec, api.spec]) expect(spec.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
    // AppPod's own container keeps its own security context
    expect(deployment.spec.template.spec.containers[0].securityContext).toBeUndefined();
    expect(web.spec.containers[0].securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: expect.arrayContaining(['NET_RAW']) } });
    expect(api.spec.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  });

  test('a construct\'s own props win over the platform\'s, and so do a nearer scope\'s PodDefaults', () => {
    const app = Testing.app();
    Platform.GKE_AUTOPILOT.applyTo(app);
    const burst = { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '64Mi' } };
    const chart = new Chart(app, 'c');
    PodDefaults.set(chart, { resources: burst });
    const own = { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '500m', memory: '1Gi' } };
    new AppPod(chart, 'app', { containers: [{ name: 'app', image: 'example/app:1', resources: own }, { name: 'side', image: 'example/side:1' }], securityProfile: SecurityProfile.NONE });
    new FlaskPod(chart, 'api', { securityProfile: SecurityProfile.RESTRICTED });
    const [pod, api] = chart.toJson();
    expect(pod.spec.containers.map((c: Manifest) => c.resources)).toEqual([own, burst]);
    expect(pod.spec.securityContext).toBeUndefined();
    expect(api.spec.securityContext.runAsUser).toBe(FlaskPod.RESTRICTED_USER);
    // (RESTRICTED also limits the CPU to the request)
    // (and gives ephemeral storage to a container that sets none: RESTRICTED_EPHEMERAL_STORAGE)
    expect(api.spec.containers[0].resources).toEqual({
      requests: { ...burst.requests, 'ephemeral-storage': '64Mi' }, limits: { ...burst.limits, 'cpu': '50m', 'ephemeral-storage': '1Gi' },
    });
  });

  test('the context value names the platform over the one applied in code', () => {
    const app = Testing.app();
    Platform.GKE_AUTOPILOT.applyTo(app);
    app.node.setContext(PLATFORM_CONTEXT, 'openshift');
    expect(Platform.of(app)).toBe(Platform.OPENSHIFT);
    const other = Testing.app();
    other.node.setContext(PLATFORM_CONTEXT, 'gke-autopilot');
    expect(Platform.of(other)).toBe(Platform.GKE_AUTOPILOT);
  });

  test('fails on a platform name the engine does not know, naming the context key', () => {
    const app = Testing.app();
    app.node.setContext(PLATFORM_CONTEXT, 'GKE-Autopilot');
    const problems = problemsOf(() => Platform.of(app));
    expect(brief(problems)).toEqual([{ rule: 'props', field: `context "${PLATFORM_CONTEXT}"`, value: 'GKE-Autopilot' }]);
    expect(problems[0].fix).toBe('write "gke-autopilot"');
  });
});

describe('one platform per app, applied at the app before its pods', () => {
  test('fails to apply another platform to any scope of an app that has one, naming both, and changes nothing', () => {
    const app = Testing.app();
    Platform.LOCAL.applyTo(app);
    const chart = new Chart(app, 'c');
    for (const scope of [app, chart]) {
      const problems = problemsOf(() => Platform.GKE_AUTOPILOT.applyTo(scope));
      expect(brief(problems)).toEqual([{ rule: 'one-platform', field: 'platform', value: 'gke-autopilot' }]);
      expect(problems[0].path).toBe(`${scope.node.path || '<app>'} (Platform.GKE_AUTOPILOT)`);
      expect(problems[0].allowed).toContain('Platform.LOCAL, applied already: one platform per app');
      expect(problems[0].fix).toBe('apply one platform, at the app, before its pods: keep Platform.LOCAL.applyTo(app) or Platform.GKE_AUTOPILOT.applyTo(app), not both');
    }
    // LOCAL's defaults, budget and admission stay as they were
    expect(PodDefaults.of(chart)).toEqual({ resources: DEFAULT_RESOURCES });
    expect(ClusterCapacity.of(app)).toEqual(LOCAL_CAPACITY);
    expect(Platform.of(app)).toBe(Platform.LOCAL);
    expect(brief(problemsOf(() => Platform.OPENSHIFT.applyTo(chart)))).toEqual([{ rule: 'one-platform', field: 'platform', value: 'openshift' }]);
  });

  test('the same platform twice is fine: where it applies already it does nothing, even once pods exist', () => {
    const app = Testing.app();
    Platform.GKE_AUTOPILOT.applyTo(app);
    Platform.GKE_AUTOPILOT.applyTo(app);
    const chart = new Chart(app, 'c');
    new FlaskPod(chart, 'api');
    Platform.GKE_AUTOPILOT.applyTo(app);
    Platform.GKE_AUTOPILOT.applyTo(chart);
    expect(PodDefaults.of(chart)).toEqual({ resources: AUTOPILOT_RESOURCES, securityProfile: SecurityProfile.AS_BUILT });
    expect(Platform.of(chart)).toBe(Platform.GKE_AUTOPILOT);
    expect(validateApp(app)).toEqual([]);
  });

  test('fails to apply a platform after pod constructs exist below the scope, naming Platform.applyTo and the pods', () => {
    const app = Testing.app();
    new FlaskPod(new Chart(app, 'c'), 'early');
    const problems = problemsOf(() => Platform.LOCAL.applyTo(app));
    expect(brief(problems)).toEqual([{ rule: 'pod-defaults', field: 'scope', value: '<app>' }]);
    expect(problems[0].path).toBe('<app> (Platform.LOCAL)');
    expect(problems[0].allowed).toBe('Platform.LOCAL applied before any pod construct below the scope is made: c/early exist already and would not get its defaults');
    expect(problems[0].fix).toBe('call Platform.LOCAL.applyTo(app) right after creating the app, before its pods');
    // nothing was recorded: no budget, no platform
    expect(ClusterCapacity.of(app)).toBeUndefined();
    expect(Platform.of(app)).toBeUndefined();
  });

  test('fails on a scope that is no construct, with a props problem, not a TypeError', () => {
    for (const scope of [undefined, null, {}, 'app']) {
      const problems = problemsOf(() => Platform.LOCAL.applyTo(scope as never));
      expect(brief(problems)).toEqual([{ rule: 'props', field: 'scope', value: scope }]);
      expect(problems[0].path).toBe('Platform.LOCAL.applyTo()');
    }
    expect(brief(problemsOf(() => Platform.of(undefined as never)))).toEqual([{ rule: 'props', field: 'scope', value: undefined }]);
  });

  test('the context value chooses the admission checks only: no pod defaults, no budget', () => {
    const app = Testing.app();
    app.node.setContext(PLATFORM_CONTEXT, 'gke-autopilot');
    const chart = new Chart(app, 'c');
    const pod = new AppPod(chart, 'app', { containers: [{ name: 'app', image: 'example/app:1' }] });
    expect(Platform.of(app)).toBe(Platform.GKE_AUTOPILOT);
    expect(PodDefaults.of(chart)).toEqual({});
    expect(ClusterCapacity.of(app)).toBeUndefined();
    expect(pod.securityProfile).toBe(SecurityProfile.NONE);
    expect(chart.toJson()[0].spec.containers[0].resources).toEqual(DEFAULT_RESOURCES);
  });
});
