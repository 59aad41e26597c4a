import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { AppPod, ExposedService, FlaskPod, NginxPod, PodDefaults, SecurityProfile, ServiceType, TaintEffect, TolerationOperator, Workload } from '../../../src';
import { brief, only, problemsOf, synth, synthProblemsOf } from '../../util';

const web = { name: 'web', image: 'example/web:1', port: 8080 };
const small = { requests: { cpu: '20m', memory: '32Mi' }, limits: { memory: '64Mi' } };

describe('PodDefaults', () => {
  test('without defaults nothing changes: of() is empty, and pods keep their own defaults', () => {
    const chart = Testing.chart();
    expect(PodDefaults.of(chart)).toEqual({});
    new AppPod(chart, 'app', { containers: [web] });
    const { metadata, spec } = only(chart, 'Pod');
    expect(Object.keys(metadata.labels)).toEqual(['app']);
    expect(spec.containers[0].resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } });
    expect(spec.automountServiceAccountToken).toBeUndefined();
  });

  test('every pod construct below the scope reads them: AppPod, NginxPod and FlaskPod', () => {
    const chart = Testing.chart();
    PodDefaults.set(chart, {
      resources: small, automountServiceAccountToken: false, imagePullSecrets: ['regcred'], serviceAccountName: 'runner',
      priorityClassName: 'low', terminationGracePeriodSeconds: 10, nodeSelector: { pool: 'apps' },
      tolerations: [{ key: 'dedicated', operator: TolerationOperator.EQUAL, value: 'apps', effect: TaintEffect.NO_SCHEDULE }],
      annotations: { owner: 'shop' },
    });
    new AppPod(chart, 'app', { containers: [web] });
    new NginxPod(chart, 'nginx');
    new FlaskPod(chart, 'flask');
    for (const pod of synth(chart)) {
      expect(pod.metadata.annotations).toEqual({ owner: 'shop' });
      expect(pod.spec).toMatchObject({
        automountServiceAccountToken: false, imagePullSecrets: [{ name: 'regcred' }], serviceAccountName: 'runner',
        priorityClassName: 'low', terminationGracePeriodSeconds: 10, nodeSelector: { pool: 'apps' },
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'apps', effect: 'NoSchedule' }],
      });
      expect(pod.spec.containers[0].resources).toEqual(small);
    }
  });

  test('the security profile of the scope: NginxPod switches to its unprivileged image as with its own prop', () => {
    const chart = Testing.chart();
    PodDefaults.set(chart, { securityProfile: SecurityProfile.RESTRICTED });
    const pod = new NginxPod(chart, 'web');
    expect(pod.securityProfile.isRestricted).toBe(true);
    expect(pod.port).toBe(NginxPod.RESTRICTED_PORT);
    expect(only(chart, 'Pod').spec.containers[0].image).toBe(NginxPod.RESTRICTED_IMAGE);
  });

  test('a construct\'s own props win, maps merge under its own keys, lists are replaced', () => {
    const chart = Testing.chart();
    PodDefaults.set(chart, {
      resources: small, securityProfile: SecurityProfile.RESTRICTED, automountServiceAccountToken: false,
      imagePullSecrets: ['regcred'], annotations: { owner: 'shop', tier: 'web' }, nodeSelector: { pool: 'apps' },
    });
    const own = { requests: { cpu: '100m', memory: '100Mi' } };
    const pod = new AppPod(chart, 'app', {
      containers: [{ ...web, resources: own }, { name: 'second', image: 'example/second:1' }],
      securityProfile: SecurityProfile.NONE, automountServiceAccountToken: true, imagePullSecrets: ['other'],
      annotations: { tier: 'api' }, nodeSelector: { zone: 'a' },
    });
    expect(pod.securityProfile).toBe(SecurityProfile.NONE);
    const { metadata, spec } = only(chart, 'Pod');
    expect(metadata.annotations).toEqual({ owner: 'shop', tier: 'api' });
    expect(spec.nodeSelector).toEqual({ pool: 'apps', zone: 'a' });
    expect(spec.automountServiceAccountToken).toBe(true);
    expect(spec.imagePullSecrets).toEqual([{ name: 'other' }]);
    expect(spec.securityContext).toBeUndefined();
    // a container's own resources win; one without gets the scope's
    expect(spec.containers.map((c: any) => c.resources)).toEqual([own, small]);
  });

  test('the helper containers keep their own resources', () => {
    const chart = Testing.chart();
    PodDefaults.set(chart, { resources: small });
    new NginxPod(chart, 'web', { logSidecar: true, page: '<h1>hi</h1>' });
    const { spec } = only(chart, 'Pod');
    expect(spec.containers[0].resources).toEqual(small);
    // (the log sidecar is a native sidecar at the default target: an init container, before write-page)
    expect(spec.initContainers.map((c: { resources?: unknown }) => c.resources)).toEqual([1, 2].map(() => ({ requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } })));
  });

  test('nearer scopes win: App, then Chart, then any construct; maps merge across them', () => {
    const app = new App();
    PodDefaults.set(app, { automountServiceAccountToken: false, annotations: { a: 'app', b: 'app' }, imagePullSecrets: ['app-cred'] });
    const chart = new Chart(app, 'c');
    PodDefaults.set(chart, { annotations: { b: 'chart' }, imagePullSecrets: ['chart-cred'] });
    const group = new Construct(chart, 'group');
    PodDefaults.set(group, { automountServiceAccountToken: true, annotations: { c: 'group' } });
    expect(PodDefaults.of(group)).toEqual({ automountServiceAccountToken: true, annotations: { a: 'app', b: 'chart', c: 'group' }, imagePullSecrets: ['chart-cred'] });
    new AppPod(group, 'inner', { containers: [web] });
    new AppPod(chart, 'outer', { containers: [web] });
    const [inner, outer] = chart.toJson();
    expect(inner.metadata.annotations).toEqual({ a: 'app', b: 'chart', c: 'group' });
    expect(inner.spec.automountServiceAccountToken).toBe(true);
    expect(outer.metadata.annotations).toEqual({ a: 'app', b: 'chart' });
    expect(outer.spec.automountServiceAccountToken).toBe(false);
    expect(outer.spec.imagePullSecrets).toEqual([{ name: 'chart-cred' }]);
  });

  test('two charts with different defaults: each pod gets its own chart\'s', () => {
    const app = new App();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    PodDefaults.set(a, { securityProfile: SecurityProfile.RESTRICTED, resources: small });
    PodDefaults.set(b, { imagePullSecrets: ['b-cred'] });
    new FlaskPod(a, 'flask');
    new FlaskPod(b, 'flask');
    const [podA] = a.toJson();
    const [podB] = b.toJson();
    expect(podA.spec.securityContext.runAsUser).toBe(FlaskPod.RESTRICTED_USER);
    // RESTRICTED: the CPU request is also the limit
    expect(podA.spec.containers[0].resources).toEqual({
      requests: { ...small.requests, 'ephemeral-storage': '64Mi' }, limits: { ...small.limits, 'cpu': small.requests.cpu, 'ephemeral-storage': '1Gi' },
    });
    expect(podA.spec.imagePullSecrets).toBeUndefined();
    // the preset's own default profile, AS_BUILT
    expect(podB.spec.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
    expect(podB.spec.containers[0].resources.requests).toEqual({ cpu: '50m', memory: '64Mi' });
    expect(podB.spec.imagePullSecrets).toEqual([{ name: 'b-cred' }]);
  });

  test('two sets on one scope merge: the second\'s fields win, maps merge', () => {
    const chart = Testing.chart();
    PodDefaults.set(chart, { automountServiceAccountToken: false, labels: { team: 'shop' }, resources: small });
    PodDefaults.set(chart, { automountServiceAccountToken: true, labels: { env: 'dev' } });
    expect(PodDefaults.of(chart)).toEqual({ automountServiceAccountToken: true, labels: { team: 'shop', env: 'dev' }, resources: small });
  });

  test('labels are added to the pods, never to a selector: Services and controllers select the own labels', () => {
    const chart = Testing.chart();
    PodDefaults.set(chart, { labels: { team: 'shop', app: 'ignored' } });
    const pod = new AppPod(chart, 'app', { labels: { app: 'web' }, containers: [web], workload: Workload.deployment({ replicas: 2 }) });
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: pod, port: 80 });
    expect(pod.labels).toEqual({ app: 'web' });
    expect(pod.podLabels).toEqual({ team: 'shop', app: 'web' });
    const deployment = only(chart, 'Deployment');
    expect(deployment.metadata.labels).toEqual({ team: 'shop', app: 'web' });
    expect(deployment.spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(deployment.spec.template.metadata.labels).toEqual({ team: 'shop', app: 'web' });
    expect(only(chart, 'Service').spec.selector).toEqual({ app: 'web' });
  });

  test('what was set is copied: changing the caller\'s arrays later changes nothing', () => {
    const chart = Testing.chart();
    const secrets = ['regcred'];
    PodDefaults.set(chart, { imagePullSecrets: secrets });
    secrets.push('late');
    new AppPod(chart, 'app', { containers: [web] });
    expect(only(chart, 'Pod').spec.imagePullSecrets).toEqual([{ name: 'regcred' }]);
  });

  test('fails to set defaults on a scope that has a pod construct below it already, naming it', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    new AppPod(chart, 'early', { containers: [web] });
    const problems = problemsOf(() => PodDefaults.set(app, { automountServiceAccountToken: false }));
    expect(brief(problems)).toEqual([{ rule: 'pod-defaults', field: 'scope', value: '<app>' }]);
    expect(problems[0].path).toBe('<app> (PodDefaults)');
    expect(problems[0].allowed).toContain('c/early');
    expect(problems[0].fix).toBe('call PodDefaults.set() right after creating the scope, before its pods');
    // another chart, with no pod yet, may still get its own
    const other = new Chart(app, 'd');
    PodDefaults.set(other, { automountServiceAccountToken: false });
  });

  test('fails on defaults that cannot be written, every problem at once, as props', () => {
    const chart = Testing.chart();
    const problems = problemsOf(() => PodDefaults.set(chart, {
      resources: { requests: { cpu: 5 } }, labels: { app: 1 }, imagePullSecrets: 'regcred' as any,
      automountServiceAccountToken: 'no' as any, securityProfile: 'restricted' as any, serviceAccountName: 7,
      nodeSelector: 'pool', colour: 'blue',
    } as any));
    expect(brief(problems)).toEqual([
      { rule: 'props', field: 'colour', value: 'blue' },
      { rule: 'props', field: 'securityProfile', value: 'restricted' },
      { rule: 'props', field: 'resources.requests.cpu', value: 5 },
      { rule: 'props', field: 'labels["app"]', value: 1 },
      { rule: 'props', field: 'serviceAccountName', value: 7 },
      { rule: 'props', field: 'automountServiceAccountToken', value: 'no' },
      { rule: 'props', field: 'imagePullSecrets', value: 'regcred' },
      { rule: 'props', field: 'nodeSelector', value: 'pool' },
    ]);
    expect(problems.every(p => p.path === 'test (PodDefaults)')).toBe(true);
    // nothing was set
    expect(PodDefaults.of(chart)).toEqual({});
  });

  test('fails at synth on bad default values, in the pods they are written into, with the written field', () => {
    const chart = Testing.chart();
    PodDefaults.set(chart, {
      resources: { requests: { cpu: 'lots' } }, labels: { 'bad key!': 'x' }, serviceAccountName: 'Not_A_Name', priorityClassName: 'Low!',
      nodeSelector: { pool: 'bad value!' },
    });
    new AppPod(chart, 'app', { containers: [web] });
    expect(brief(synthProblemsOf(chart))).toEqual([
      { rule: 'labels', field: 'metadata.labels', value: 'bad key!' },
      { rule: 'labels', field: 'spec.nodeSelector["pool"]', value: 'bad value!' },
      { rule: 'quantities', field: 'spec.containers[0].resources.requests.cpu', value: 'lots' },
      { rule: 'pod-identity', field: 'spec.serviceAccountName', value: 'Not_A_Name' },
      { rule: 'pod-identity', field: 'spec.priorityClassName', value: 'Low!' },
    ]);
  });

  test('without defaults each construct keeps its own security profile and token default: AppPod NONE and no field, the presets AS_BUILT and false', () => {
    const chart = Testing.chart();
    const app = new AppPod(chart, 'app', { containers: [web] });
    const nginx = new NginxPod(chart, 'nginx');
    const flask = new FlaskPod(chart, 'flask');
    expect(app.securityProfile).toBe(SecurityProfile.NONE);
    expect(nginx.securityProfile).toBe(SecurityProfile.AS_BUILT);
    expect(flask.securityProfile).toBe(SecurityProfile.AS_BUILT);
    const [appPod, nginxPod, flaskPod] = synth(chart);
    expect(appPod.spec.securityContext).toBeUndefined();
    expect(appPod.spec.automountServiceAccountToken).toBeUndefined();
    for (const pod of [nginxPod, flaskPod]) {
      expect(pod.spec.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.spec.automountServiceAccountToken).toBe(false);
    }
  });

  test('fails on a scope that is no construct, with a props problem, not a TypeError', () => {
    for (const scope of [undefined, null, {}, 'app']) {
      const problems = problemsOf(() => PodDefaults.set(scope as any, {}));
      expect(brief(problems)).toEqual([{ rule: 'props', field: 'scope', value: scope }]);
      expect(problems[0].path).toBe('PodDefaults.set()');
    }
    expect(brief(problemsOf(() => PodDefaults.set(undefined as any, 'x' as any)))).toEqual([
      { rule: 'props', field: 'scope', value: undefined },
      { rule: 'props', field: 'defaults', value: 'x' },
    ]);
    expect(brief(problemsOf(() => PodDefaults.of(undefined as any)))).toEqual([{ rule: 'props', field: 'scope', value: undefined }]);
  });

  test('fails on defaults that are no object', () => {
    expect(brief(problemsOf(() => PodDefaults.set(Testing.chart(), 'restricted' as any)))).toEqual([{ rule: 'props', field: 'defaults', value: 'restricted' }]);
  });
});
