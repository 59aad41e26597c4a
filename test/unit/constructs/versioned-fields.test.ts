/**
 * The typed props of the fields of Kubernetes 1.30–1.35: AppArmor profiles (pod and container),
 * hostUsers, a container's resizePolicy, image volumes and a Service's trafficDistribution.
 * Each is written as the API spells it, nothing when left out; a target that lacks the field is
 * rule field-version's error naming its first minor; a bad value is its rule's error at synth.
 */
import { App, Chart, Testing } from 'cdk8s';
import {
  AppArmorProfile, AppPod, AppPodProps, ContainerProps, ExposedService, ImagePullPolicy, KUBERNETES_VERSION_CONTEXT, KubernetesVersion, ResizeResource,
  ResizeRestartPolicy, RestartPolicy, SecurityProfile, ServiceType, TrafficDistribution, validateApp, Volume,
} from '../../../src';
import { brief, only, problemsOf, synthProblemsOf } from '../../util';

const web: ContainerProps = { name: 'web', image: 'example/web:1', port: 8080 };

/** A chart in an app that targets `version` (the default target when none). */
function chartAt(version?: KubernetesVersion): Chart {
  if (version === undefined) return Testing.chart();
  const app = Testing.app();
  app.node.setContext(KUBERNETES_VERSION_CONTEXT, version);
  return new Chart(app, 'c');
}

/** The pod spec AppPod writes for these props. */
function specOf(props: Partial<AppPodProps>) {
  const chart = Testing.chart();
  new AppPod(chart, 'pod', { containers: [web], ...props });
  return only(chart, 'Pod').spec;
}

/** The problems, in brief, the engine finds at synth in an AppPod with these props at `version`. */
function fails(props: Partial<AppPodProps>, version?: KubernetesVersion) {
  const chart = chartAt(version);
  new AppPod(chart, 'pod', { containers: [web], ...props });
  return brief(synthProblemsOf(chart));
}

/** The problems, in brief, of an AppPod with these props at construction (what cannot be written). */
const failsProps = (props: Partial<AppPodProps>) => brief(problemsOf(() => new AppPod(Testing.chart(), 'pod', { containers: [web], ...props })));

describe('defaults', () => {
  test('none of the fields is written when not given', () => {
    const spec = specOf({});
    expect(spec.hostUsers).toBeUndefined();
    expect(spec.securityContext).toBeUndefined();
    expect(Object.keys(spec.containers[0]).sort()).toEqual(['image', 'name', 'ports', 'resources']);
    const chart = Testing.chart();
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: new AppPod(chart, 'pod', { containers: [web] }) });
    expect(only(chart, 'Service').spec.trafficDistribution).toBeUndefined();
  });
});

describe('AppArmorProfile', () => {
  test('the pod\'s profile is securityContext.appArmorProfile, merged with the security profile\'s fields', () => {
    expect(specOf({ podSecurity: { appArmorProfile: AppArmorProfile.RUNTIME_DEFAULT } }).securityContext).toEqual({ appArmorProfile: { type: 'RuntimeDefault' } });
    expect(specOf({ securityProfile: SecurityProfile.AS_BUILT, podSecurity: { fsGroup: 2000, appArmorProfile: AppArmorProfile.localhost('deny-write') } }).securityContext).toEqual({
      seccompProfile: { type: 'RuntimeDefault' }, fsGroup: 2000, appArmorProfile: { type: 'Localhost', localhostProfile: 'deny-write' },
    });
  });

  test('a container\'s profile is its securityContext.appArmorProfile, beside its own security context and the profile\'s', () => {
    const spec = specOf({
      securityProfile: SecurityProfile.RESTRICTED, labels: { app: 'web' },
      containers: [{ ...web, appArmorProfile: AppArmorProfile.localhost('deny-write'), securityContext: { readOnlyRootFilesystem: false } }],
    });
    expect(spec.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: false, runAsNonRoot: true,
      appArmorProfile: { type: 'Localhost', localhostProfile: 'deny-write' },
    });
  });

  test('fails UNCONFINED under SecurityProfile.RESTRICTED (the Pod Security Standards\' baseline refuses it)', () => {
    expect(fails({ securityProfile: SecurityProfile.RESTRICTED, labels: { app: 'web' }, podSecurity: { appArmorProfile: AppArmorProfile.UNCONFINED } }))
      .toEqual([{ rule: 'restricted-profile', field: 'spec.securityContext.appArmorProfile.type', value: 'Unconfined' }]);
    expect(fails({ securityProfile: SecurityProfile.RESTRICTED, labels: { app: 'web' }, containers: [{ ...web, appArmorProfile: AppArmorProfile.UNCONFINED }] }))
      .toEqual([{ rule: 'restricted-profile', field: 'spec.containers[0].securityContext.appArmorProfile.type', value: 'Unconfined' }]);
  });

  test('fails an empty Localhost profile name at synth (rule app-armor-profile)', () => {
    expect(fails({ containers: [{ ...web, appArmorProfile: AppArmorProfile.localhost('') }] }))
      .toEqual([{ rule: 'app-armor-profile', field: 'spec.containers[0].securityContext.appArmorProfile.localhostProfile', value: '' }]);
  });

  test('fails at a target before 1.30, naming 1.30 (rule field-version)', () => {
    const chart = chartAt('1.29');
    new AppPod(chart, 'pod', { containers: [web], podSecurity: { appArmorProfile: AppArmorProfile.RUNTIME_DEFAULT } });
    const found = validateApp(chart);
    expect(brief(found)).toEqual([{ rule: 'field-version', field: 'spec.securityContext.appArmorProfile', value: { type: 'RuntimeDefault' } }]);
    expect(found[0].allowed).toContain('Kubernetes 1.30 and later (the target is 1.29');
  });

  test('fails what cannot be written: no profile name, no AppArmorProfile, two profiles for one container', () => {
    expect(brief(problemsOf(() => AppArmorProfile.localhost(7 as any)))).toEqual([{ rule: 'props', field: 'profile', value: 7 }]);
    expect(failsProps({ podSecurity: { appArmorProfile: 'RuntimeDefault' as any } })).toEqual([{ rule: 'props', field: 'podSecurity.appArmorProfile', value: 'RuntimeDefault' }]);
    expect(failsProps({ containers: [{ ...web, appArmorProfile: { type: 'Unconfined' } as any }] })).toEqual([{ rule: 'props', field: 'containers[0].appArmorProfile', value: { type: 'Unconfined' } }]);
    expect(failsProps({ containers: [{ ...web, appArmorProfile: AppArmorProfile.RUNTIME_DEFAULT, securityContext: { appArmorProfile: { type: 'Unconfined' } } }] }))
      .toEqual([{ rule: 'props', field: 'containers[0].appArmorProfile', value: { type: 'RuntimeDefault' } }]);
  });

  test('is recognised across copies of the package (a brand, not instanceof)', () => {
    expect(AppArmorProfile.isAppArmorProfile(AppArmorProfile.UNCONFINED)).toBe(true);
    expect(AppArmorProfile.isAppArmorProfile({ type: 'Unconfined' })).toBe(false);
  });
});

describe('hostUsers', () => {
  test('is written as given', () => {
    expect(specOf({ hostUsers: false }).hostUsers).toBe(false);
  });

  test('fails at a target before 1.33, naming 1.33 (rule field-version)', () => {
    expect(fails({ hostUsers: false }, '1.32')).toEqual([{ rule: 'field-version', field: 'spec.hostUsers', value: false }]);
    const chart = chartAt('1.33');
    new AppPod(chart, 'pod', { containers: [web], hostUsers: false });
    expect(validateApp(chart)).toEqual([]);
  });

  test('fails what is not a boolean', () => {
    expect(failsProps({ hostUsers: 'no' as any })).toEqual([{ rule: 'props', field: 'hostUsers', value: 'no' }]);
  });
});

describe('resizePolicy', () => {
  const resize = [{ resourceName: ResizeResource.CPU, restartPolicy: ResizeRestartPolicy.NOT_REQUIRED }, { resourceName: ResizeResource.MEMORY, restartPolicy: ResizeRestartPolicy.RESTART_CONTAINER }];

  test('is written as the API spells it', () => {
    expect(specOf({ containers: [{ ...web, resizePolicy: resize }] }).containers[0].resizePolicy).toEqual([
      { resourceName: 'cpu', restartPolicy: 'NotRequired' }, { resourceName: 'memory', restartPolicy: 'RestartContainer' },
    ]);
  });

  test('fails RestartContainer in a pod that is never restarted (rule resize-policy)', () => {
    expect(fails({ restartPolicy: RestartPolicy.NEVER, containers: [{ ...web, resizePolicy: resize }] }))
      .toEqual([{ rule: 'resize-policy', field: 'spec.containers[0].resizePolicy[1].restartPolicy', value: 'RestartContainer' }]);
  });

  test('fails at a target before 1.33, naming 1.33 (rule field-version)', () => {
    expect(fails({ containers: [{ ...web, resizePolicy: resize }] }, '1.32').map(p => [p.rule, p.field])).toEqual([['field-version', 'spec.containers[0].resizePolicy']]);
  });

  test('fails what cannot be written', () => {
    expect(failsProps({ containers: [{ ...web, resizePolicy: { cpu: 'NotRequired' } as any }] })).toEqual([{ rule: 'props', field: 'containers[0].resizePolicy', value: { cpu: 'NotRequired' } }]);
  });
});

describe('Volume.image', () => {
  test('is written as an image volume; its mounts read-only unless they say otherwise', () => {
    const data = Volume.image('data', 'registry.example.com/data:1.2', { pullPolicy: ImagePullPolicy.IF_NOT_PRESENT });
    const spec = specOf({ containers: [{ ...web, mounts: [{ volume: data, path: '/data' }] }, { name: 'side', image: 'example/side:1', mounts: [{ volume: data, path: '/data', readOnly: false }] }] });
    expect(spec.volumes).toEqual([{ name: 'data', image: { reference: 'registry.example.com/data:1.2', pullPolicy: 'IfNotPresent' } }]);
    expect(spec.containers.map((c: any) => c.volumeMounts)).toEqual([[{ name: 'data', mountPath: '/data', readOnly: true }], [{ name: 'data', mountPath: '/data', readOnly: false }]]);
    expect(Volume.image('models', 'example/models:1')._toKube()).toEqual({ name: 'models', image: { reference: 'example/models:1' } });
  });

  test('fails an empty reference at synth (rule image-volume)', () => {
    expect(fails({ containers: [{ ...web, mounts: [{ volume: Volume.image('data', ''), path: '/data' }] }] }))
      .toEqual([{ rule: 'image-volume', field: 'spec.volumes[0].image.reference', value: '' }]);
  });

  test('fails at a target before 1.35, naming 1.35 (rule field-version; the API server then sees a volume without a source)', () => {
    const found = fails({ containers: [{ ...web, mounts: [{ volume: Volume.image('data', 'example/data:1'), path: '/data' }] }] }, '1.34');
    expect(found.map(p => [p.rule, p.field])).toEqual([['field-version', 'spec.volumes[0].image'], ['volumes', 'spec.volumes[0]']]);
  });

  test('fails what cannot be written', () => {
    expect(brief(problemsOf(() => Volume.image('data', undefined as any)))).toEqual([{ rule: 'props', field: 'reference', value: undefined }]);
    expect(brief(problemsOf(() => Volume.image('data', 'example/data:1', { pullPolicy: 1 as any })))).toEqual([{ rule: 'props', field: 'pullPolicy', value: 1 }]);
  });
});

describe('ExposedService trafficDistribution', () => {
  function service(version: KubernetesVersion | undefined, trafficDistribution: TrafficDistribution): Chart {
    const chart = chartAt(version);
    const target = new AppPod(chart, 'pod', { containers: [web] });
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target, trafficDistribution });
    return chart;
  }

  test('is written as given', () => {
    expect(only(service(undefined, TrafficDistribution.PREFER_SAME_ZONE), 'Service').spec.trafficDistribution).toBe('PreferSameZone');
  });

  test('fails PreferSameNode before 1.34 (rule traffic-distribution) and any value before 1.31 (rule field-version)', () => {
    expect(brief(synthProblemsOf(service('1.33', TrafficDistribution.PREFER_SAME_NODE)))).toEqual([{ rule: 'traffic-distribution', field: 'spec.trafficDistribution', value: 'PreferSameNode' }]);
    expect(brief(synthProblemsOf(service('1.30', TrafficDistribution.PREFER_CLOSE)))).toEqual([{ rule: 'field-version', field: 'spec.trafficDistribution', value: 'PreferClose' }]);
    expect(validateApp(service('1.33', TrafficDistribution.PREFER_CLOSE))).toEqual([]);
  });

  test('fails on an ExternalName Service, which has no endpoints to prefer (props)', () => {
    const problems = problemsOf(() => new ExposedService(new Chart(new App(), 'c'), 'svc', {
      type: ServiceType.EXTERNAL_NAME, externalName: 'db.example.com', trafficDistribution: TrafficDistribution.PREFER_SAME_ZONE,
    } as any));
    expect(brief(problems)).toEqual([{ rule: 'props', field: 'trafficDistribution', value: 'PreferSameZone' }]);
  });
});
