import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AppPod, AppPodProps, FlaskPod, NginxPod, Protocol, RestartPolicy, validateApp, Volume, Workload } from '../../../src';
import { brief, only, problemsOf, synth, synthProblemsOf } from '../../util';

const web = { name: 'web', image: 'nginx', port: 80 };

/** A chart with one pod of these props, under the id `id`. */
function podChart(id: string, props: AppPodProps): Chart {
  const chart = Testing.chart();
  new AppPod(chart, id, props);
  return chart;
}

describe('AppPod', () => {
  test('defaults', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', { containers: [{ name: 'app', image: 'example/app:1' }] });
    expect(synth(chart)).toMatchSnapshot();
  });

  describe('defaults', () => {
    test('name: a unique name derived from the construct path', () => {
      const chart = Testing.chart();
      const pod = new AppPod(chart, 'app', { containers: [web] });
      expect(pod.name).toMatch(/^test-app-[0-9a-f]{8}$/);
      expect(only(chart, 'Pod').metadata.name).toBe(pod.name);
    });

    test('labels: { app: <the pod\'s name> }, and nothing else', () => {
      const chart = Testing.chart();
      const pod = new AppPod(chart, 'app', { containers: [web] });
      expect(pod.labels).toEqual({ app: pod.name });
      expect(only(chart, 'Pod').metadata).toEqual({ name: pod.name, labels: { app: pod.name } });
    });

    test('annotations and namespace: none written', () => {
      const chart = Testing.chart();
      new AppPod(chart, 'app', { containers: [web] });
      const { metadata } = only(chart, 'Pod');
      expect(metadata.annotations).toBeUndefined();
      expect(metadata.namespace).toBeUndefined();
    });

    test('restartPolicy: Kubernetes\' default, not written', () => {
      const chart = Testing.chart();
      new AppPod(chart, 'app', { containers: [web] });
      expect(only(chart, 'Pod').spec.restartPolicy).toBeUndefined();
    });

    test('initContainers and volumes: none written', () => {
      const chart = Testing.chart();
      new AppPod(chart, 'app', { containers: [web] });
      const { spec } = only(chart, 'Pod');
      expect(spec.initContainers).toBeUndefined();
      expect(spec.volumes).toBeUndefined();
    });

    test('fails at synth with no containers (the default: none)', () => {
      const chart = Testing.chart();
      const pod = new AppPod(chart, 'app');
      expect(pod.containers).toEqual([]);
      const problems = validateApp(chart);
      expect(brief(problems)).toContainEqual({ rule: 'containers', field: 'spec.containers', value: [] });
      expect(problems.find(p => p.rule === 'containers')?.path).toBe('test/app');
    });

    test('a container added later satisfies the app at synth', () => {
      const chart = Testing.chart();
      const pod = new AppPod(chart, 'app');
      pod.addContainer(web);
      expect(validateApp(chart)).toEqual([]);
    });
  });

  describe('what is given is written', () => {
    test('labels are the only labels (no cdk8s.io/metadata.addr)', () => {
      const chart = Testing.chart();
      const pod = new AppPod(chart, 'app', { labels: { app: 'x', tier: 'web' }, containers: [web] });
      expect(only(chart, 'Pod').metadata.labels).toEqual({ app: 'x', tier: 'web' });
      expect(pod.selectorLabels).toEqual({ app: 'x', tier: 'web' });
    });

    test('name, namespace, annotations and restartPolicy', () => {
      const chart = Testing.chart();
      const pod = new AppPod(chart, 'app', {
        name: 'pod-1', namespace: 'demo', annotations: { note: 'x' }, restartPolicy: RestartPolicy.NEVER, containers: [web],
      });
      const written = only(chart, 'Pod');
      expect(pod.name).toBe('pod-1');
      expect(written.metadata).toEqual({ name: 'pod-1', namespace: 'demo', annotations: { note: 'x' }, labels: { app: 'pod-1' } });
      expect(written.spec.restartPolicy).toBe('Never');
    });

    test('several containers share the Pod; addContainer appends', () => {
      const chart = Testing.chart();
      const pod = new AppPod(chart, 'app', { containers: [web] });
      pod.addContainer({ name: 'helper', image: 'busybox', args: ['sh', '-c', 'sleep 3600'] });
      expect(only(chart, 'Pod').spec.containers.map((c: any) => c.name)).toEqual(['web', 'helper']);
      expect(pod.containers.map(c => c.name)).toEqual(['web', 'helper']);
    });

    test('init containers are written apart from the app containers, in order; addInitContainer appends', () => {
      const chart = Testing.chart();
      const pod = new AppPod(chart, 'app', { containers: [web], initContainers: [{ name: 'first', image: 'busybox' }] });
      pod.addInitContainer({ name: 'second', image: 'busybox' });
      const { spec } = only(chart, 'Pod');
      expect(spec.initContainers.map((c: any) => c.name)).toEqual(['first', 'second']);
      expect(spec.containers.map((c: any) => c.name)).toEqual(['web']);
      expect(pod.initContainers.map(c => c.name)).toEqual(['first', 'second']);
    });

    test('mounted volumes are added to the Pod once, however many containers mount them', () => {
      const chart = Testing.chart();
      const logs = Volume.emptyDir('logs');
      new AppPod(chart, 'app', {
        containers: [
          { ...web, mounts: [{ volume: logs, path: '/var/log/nginx' }] },
          { name: 'tail', image: 'busybox', mounts: [{ volume: logs, path: '/logs', readOnly: true }] },
        ],
      });
      const { spec } = only(chart, 'Pod');
      expect(spec.volumes).toEqual([{ name: 'logs', emptyDir: {} }]);
      expect(spec.containers.map((c: any) => c.volumeMounts)).toEqual([
        [{ name: 'logs', mountPath: '/var/log/nginx' }], [{ name: 'logs', mountPath: '/logs', readOnly: true }],
      ]);
    });

    test('volumes nobody mounts (given or added) come after the mounted ones', () => {
      const chart = Testing.chart();
      const pod = new AppPod(chart, 'app', {
        volumes: [Volume.configMap('conf', 'app-conf')],
        containers: [{ ...web, mounts: [{ volume: Volume.emptyDir('data'), path: '/data' }] }],
      });
      pod.addVolume(Volume.emptyDir('spare'));
      expect(only(chart, 'Pod').spec.volumes.map((v: any) => v.name)).toEqual(['data', 'conf', 'spare']);
    });
  });

  describe('what it offers other constructs', () => {
    test('exposedPorts lists every app container port with its protocol; port is the first', () => {
      const chart = Testing.chart();
      const pod = new AppPod(chart, 'app', {
        containers: [{ name: 'side', image: 'x' }, web, { name: 'dns', image: 'x', ports: [{ number: 53, name: 'dns', protocol: Protocol.UDP }] }],
        initContainers: [{ name: 'init', image: 'busybox' }],
      });
      expect(pod.exposedPorts).toEqual([
        { container: 'web', number: 80, name: undefined, protocol: 'TCP' },
        { container: 'dns', number: 53, name: 'dns', protocol: 'UDP' },
      ]);
      expect(pod.port).toBe(80);
    });

    test('a pod without ports has no port', () => {
      const chart = Testing.chart();
      expect(new AppPod(chart, 'app', { containers: [{ name: 'x', image: 'x' }] }).port).toBeUndefined();
    });

    test('containers and labels are copies: changing them changes nothing', () => {
      const chart = Testing.chart();
      const pod = new AppPod(chart, 'app', { labels: { app: 'x' }, containers: [web] });
      (pod.containers[0] as any).name = 'changed';
      pod.labels.app = 'changed';
      expect(pod.containers[0].name).toBe('web');
      expect(only(chart, 'Pod').metadata.labels).toEqual({ app: 'x' });
    });

    test('the props it was given are copied: changing them afterwards changes nothing', () => {
      const chart = Testing.chart();
      const container = { ...web };
      new AppPod(chart, 'app', { containers: [container] });
      container.image = 'changed';
      expect(only(chart, 'Pod').spec.containers[0].image).toBe('nginx');
    });

    test('apiObject is the underlying Pod, and it composes with cdk8s-plus as a pod selector', () => {
      const chart = Testing.chart();
      const pod = new AppPod(chart, 'app', { labels: { app: 'x' }, namespace: 'shop', containers: [web] });
      expect(pod.apiObject.kind).toBe('Pod');
      new kplus.NetworkPolicy(chart, 'np', { selector: pod, metadata: { namespace: 'shop' } });
      expect(only(chart, 'NetworkPolicy').spec.podSelector).toEqual({ matchLabels: { app: 'x' } });
      expect(pod.toPodSelectorConfig().namespaces?.names).toEqual(['shop']);
    });
  });

  describe('AppPod.isAppPod', () => {
    test('recognises pods and presets, and nothing else', () => {
      const chart = Testing.chart();
      expect(AppPod.isAppPod(new AppPod(chart, 'a', { containers: [web] }))).toBe(true);
      expect(AppPod.isAppPod(new NginxPod(chart, 'n'))).toBe(true);
      expect(AppPod.isAppPod(new FlaskPod(chart, 'f'))).toBe(true);
      expect(AppPod.isAppPod(new Construct(chart, 'c'))).toBe(false);
      expect(AppPod.isAppPod({})).toBe(false);
      expect(AppPod.isAppPod(null)).toBe(false);
    });

    test('recognises a pod of another copy of the package, by its brand', () => {
      const foreign = Object.defineProperty({}, Symbol.for('cdk8s-pods-services.AppPod'), { value: true });
      expect(AppPod.isAppPod(foreign)).toBe(true);
    });
  });

  describe('fails', () => {
    test('fails on an invalid pod name', () => {
      const problems = synthProblemsOf(podChart('app', { name: 'Pod_1', containers: [web] }));
      expect(brief(problems)).toEqual([{ rule: 'object-name', field: 'metadata.name', value: 'Pod_1' }]);
      expect(problems[0].path).toBe('test/app');
    });

    test('fails on an invalid namespace', () => {
      expect(brief(synthProblemsOf(podChart('app', { namespace: 'My NS', containers: [web] }))))
        .toEqual([{ rule: 'namespace', field: 'metadata.namespace', value: 'My NS' }]);
    });

    test('fails on a label value with a space', () => {
      expect(brief(synthProblemsOf(podChart('app', { labels: { app: 'my app' }, containers: [web] }))))
        .toEqual([{ rule: 'labels', field: 'metadata.labels["app"]', value: 'my app' }]);
    });

    test('fails on an invalid label key', () => {
      expect(brief(synthProblemsOf(podChart('app', { labels: { '-bad': 'x' }, containers: [web] }))))
        .toEqual([{ rule: 'labels', field: 'metadata.labels', value: '-bad' }]);
    });

    test('fails on a name too long for the default label { app: <name> }; labels given lift it', () => {
      const name = `web.${'a'.repeat(60)}`;
      const problems = synthProblemsOf(podChart('app', { name, containers: [web] }));
      expect(brief(problems)).toEqual([{ rule: 'labels', field: 'metadata.labels["app"]', value: name }]);
      expect(() => Testing.synth(podChart('ok', { name, labels: { app: 'web' }, containers: [web] }))).not.toThrow();
    });

    test('fails on a bad name as a name, and again as the default label { app: <name> } it is written into', () => {
      const name = `My ${'a'.repeat(70)}`;
      expect(brief(synthProblemsOf(podChart('app', { name, containers: [web] }))))
        .toEqual([{ rule: 'object-name', field: 'metadata.name', value: name }, { rule: 'labels', field: 'metadata.labels["app"]', value: name }]);
    });

    test('fails on an annotation key that is not a label key', () => {
      expect(brief(synthProblemsOf(podChart('app', { annotations: { 'my note': 'x' }, containers: [web] }))))
        .toEqual([{ rule: 'annotations', field: 'metadata.annotations', value: 'my note' }]);
    });

    test('fails on annotations over 256 KiB, keys and values together; exactly 256 KiB passes', () => {
      const limit = 256 * 1024;
      const exactly = { a: 'x'.repeat(limit / 2 - 1), b: 'y'.repeat(limit / 2 - 1) };
      expect(() => Testing.synth(podChart('ok', { annotations: exactly, containers: [web] }))).not.toThrow();
      const over = { ...exactly, c: '' };
      const problems = synthProblemsOf(podChart('app', { annotations: over, containers: [web] }));
      expect(problems).toEqual([expect.objectContaining({ rule: 'annotations', field: 'metadata.annotations', path: 'test/app', value: limit + 1 })]);
    });

    test('fails on an unknown restartPolicy', () => {
      expect(brief(synthProblemsOf(podChart('app', { restartPolicy: 'Sometimes' as RestartPolicy, containers: [web] }))))
        .toEqual([{ rule: 'restart-policy', field: 'spec.restartPolicy', value: 'Sometimes' }]);
    });

    test('fails on two containers with the same name', () => {
      expect(brief(synthProblemsOf(podChart('app', { containers: [web, { name: 'web', image: 'busybox' }] }))))
        .toEqual([{ rule: 'containers', field: 'spec.containers[1].name', value: 'web' }]);
    });

    test('fails on an app container named like an init container (init containers are checked first)', () => {
      expect(brief(synthProblemsOf(podChart('app', { containers: [web], initContainers: [{ name: 'web', image: 'busybox' }] }))))
        .toEqual([{ rule: 'containers', field: 'spec.containers[0].name', value: 'web' }]);
    });

    test('fails on a container added with the name of one the pod has', () => {
      const chart = Testing.chart();
      const pod = new AppPod(chart, 'app', { containers: [web] });
      pod.addContainer({ name: 'web', image: 'busybox' });
      pod.addInitContainer({ name: 'web', image: 'busybox' });
      expect(brief(synthProblemsOf(chart))).toEqual([
        { rule: 'containers', field: 'spec.containers[0].name', value: 'web' },
        { rule: 'containers', field: 'spec.containers[1].name', value: 'web' },
      ]);
    });

    test('fails on two containers on the same port and protocol; another protocol is fine', () => {
      expect(brief(synthProblemsOf(podChart('app', { containers: [web, { name: 'other', image: 'x', port: 80 }] }))))
        .toEqual([{ rule: 'no-port-clash-in-pod', field: 'spec.containers[1].ports[0]', value: '80/TCP' }]);
      expect(() => Testing.synth(podChart('udp', { containers: [web, { name: 'other', image: 'x', ports: [{ number: 80, protocol: Protocol.UDP }] }] })))
        .not.toThrow();
    });

    test('fails on a container added on a port another container has', () => {
      const chart = Testing.chart();
      const pod = new AppPod(chart, 'app', { containers: [web] });
      pod.addContainer({ name: 'other', image: 'x', port: 80 });
      expect(brief(synthProblemsOf(chart))).toEqual([{ rule: 'no-port-clash-in-pod', field: 'spec.containers[1].ports[0]', value: '80/TCP' }]);
    });

    test('fails on two different volumes with one name', () => {
      const chart = Testing.chart();
      const pod = new AppPod(chart, 'app', { containers: [{ ...web, mounts: [{ volume: Volume.emptyDir('data'), path: '/a' }] }] });
      pod.addVolume(Volume.emptyDir('data'));
      expect(brief(synthProblemsOf(chart))).toEqual([{ rule: 'volumes', field: 'spec.volumes[1].name', value: 'data' }]);
      expect(brief(synthProblemsOf(podChart('two', {
        containers: [{ ...web, mounts: [{ volume: Volume.emptyDir('data'), path: '/a' }, { volume: Volume.emptyDir('data'), path: '/b' }] }],
      })))).toEqual([{ rule: 'volumes', field: 'spec.volumes[1].name', value: 'data' }]);
    });

    test('one Volume mounted twice, or given and mounted, is one volume', () => {
      const data = Volume.emptyDir('data');
      const chart = Testing.chart();
      new AppPod(chart, 'app', { volumes: [data], containers: [{ ...web, mounts: [{ volume: data, path: '/a' }] }, { name: 'b', image: 'x', mounts: [{ volume: data, path: '/b' }] }] });
      expect(only(chart, 'Pod').spec.volumes).toEqual([{ name: 'data', emptyDir: {} }]);
    });
  });

  describe('every problem of a pod in one error', () => {
    test('fails on two bad containers with both problems, in one throw', () => {
      const problems = synthProblemsOf(podChart('app', { containers: [{ name: 'Web', image: 'nginx' }, { name: 'api', image: '' }] }));
      expect(brief(problems)).toEqual([
        { rule: 'containers', field: 'spec.containers[0].name', value: 'Web' },
        { rule: 'container-image', field: 'spec.containers[1].image', value: '' },
      ]);
      expect(problems.map(p => p.path)).toEqual(['test/app', 'test/app']);
    });

    test('fails on a bad name, bad labels and a bad container, all three at once', () => {
      expect(brief(synthProblemsOf(podChart('app', { name: 'BAD', labels: { app: 'a b' }, containers: [{ name: 'Web', image: 'nginx' }] }))))
        .toEqual([
          { rule: 'object-name', field: 'metadata.name', value: 'BAD' },
          { rule: 'labels', field: 'metadata.labels["app"]', value: 'a b' },
          { rule: 'containers', field: 'spec.containers[0].name', value: 'Web' },
        ]);
    });

    test('fails on a name too long for the default label and a bad container, both at once', () => {
      const name = `web.${'a'.repeat(60)}`;
      expect(brief(synthProblemsOf(podChart('app', { name, containers: [{ name: 'Web', image: 'nginx' }] }))))
        .toEqual([
          { rule: 'labels', field: 'metadata.labels["app"]', value: name },
          { rule: 'containers', field: 'spec.containers[0].name', value: 'Web' },
        ]);
    });

    test('a pod that fails leaves nothing to synthesize', () => {
      const chart = Testing.chart();
      problemsOf(() => new AppPod(chart, 'app', { workload: {} as any, containers: [web] }));
      expect(synth(chart)).toEqual([]);
    });
  });

  describe('wrong types from JavaScript are reported as props, never as a TypeError', () => {
    const c = { name: 'c', image: 'x' };
    test.each<[string, (chart: Chart) => unknown, string, unknown]>([
      ['null props', chart => new AppPod(chart, 'x', null as any), 'props', null],
      ['containers as a string', chart => new AppPod(chart, 'x', { containers: 'nginx' as any }), 'containers', 'nginx'],
      ['initContainers as an object', chart => new AppPod(chart, 'x', { containers: [c], initContainers: { name: 'i' } as any }), 'initContainers', { name: 'i' }],
      ['volumes as a Volume, not a list', chart => new AppPod(chart, 'x', { containers: [c], volumes: Volume.emptyDir('v') as any }), 'volumes', Volume.emptyDir('v')],
      ['a null container', chart => new AppPod(chart, 'x', { containers: [null as any] }), 'containers[0]', null],
      ['a plain object as a volume', chart => new AppPod(chart, 'x', { containers: [c], volumes: [{ name: 'v' } as any] }), 'volumes[0]', { name: 'v' }],
      ['{} as the securityProfile', chart => new AppPod(chart, 'x', { securityProfile: {} as any, containers: [c] }), 'securityProfile', {}],
      ['a string as the securityProfile', chart => new AppPod(chart, 'x', { securityProfile: 'restricted' as any, containers: [c] }), 'securityProfile', 'restricted'],
      ['{} as the workload', chart => new AppPod(chart, 'x', { workload: {} as any, containers: [c] }), 'workload', {}],
      ['null to addContainer', chart => new AppPod(chart, 'x', { containers: [c] }).addContainer(null as any), 'containers[1]', null],
      ['null to addVolume', chart => new AppPod(chart, 'x', { containers: [c] }).addVolume(null as any), 'volumes[0]', null],
    ])('fails on %s', (_name, build, field, value) => {
      expect(brief(problemsOf(() => build(Testing.chart())))).toEqual([{ rule: 'props', field, value }]);
    });

    test.each<[string, (chart: Chart) => unknown, string, unknown]>([
      ['labels as a string', chart => new AppPod(chart, 'x', { labels: 'app=web' as any, containers: [c] }), 'labels', 'app=web'],
      ['null labels', chart => new AppPod(chart, 'x', { labels: null as any, containers: [c] }), 'labels', null],
      ['null annotations', chart => new AppPod(chart, 'x', { annotations: null as any, containers: [c] }), 'annotations', null],
      ['a numeric annotation value', chart => new AppPod(chart, 'x', { annotations: { note: 1 as any }, containers: [c] }), 'annotations["note"]', 1],
      ['a number where a label value goes (a label value is a string)', chart => new AppPod(chart, 'x', { labels: { app: 1 as any }, containers: [c] }), 'labels["app"]', 1],
      ['a number as the name', chart => new AppPod(chart, 'x', { name: 1 as any, containers: [c] }), 'name', 1],
    ])('fails on %s: labels and annotations are objects of strings', (_name, build, field, value) => {
      expect(brief(problemsOf(() => build(Testing.chart())))).toEqual([{ rule: 'props', field, value }]);
    });

    test('fails on a bad workload and a wrong type of name together, both props', () => {
      expect(brief(problemsOf(() => new AppPod(Testing.chart(), 'x', { workload: {} as any, name: 5 as any, containers: [c] }))))
        .toEqual([{ rule: 'props', field: 'workload', value: {} }, { rule: 'props', field: 'name', value: 5 }]);
    });
  });
});

describe('AppPod: review fixes', () => {
  test('fails outside any Chart, as props, not with cdk8s\'s plain error', () => {
    const app = Testing.app();
    expect(brief(problemsOf(() => new AppPod(app, 'pod', { containers: [{ name: 'app', image: 'nginx' }] }))))
      .toEqual([{ rule: 'props', field: 'scope', value: '<app>' }]);
  });

  test('a container that declares its own port twice clashes with nobody (the API server accepts it)', () => {
    expect(() => new AppPod(Testing.chart(), 'pod', { containers: [{ name: 'app', image: 'nginx', port: 80, ports: [{ number: 80 }] }] })).not.toThrow();
  });

  test('a StatefulSet name that is too long is reported once, not again through the headless Service name derived from it (63 characters: a valid name)', () => {
    expect(brief(synthProblemsOf(podChart('pod', { name: 'x'.repeat(53), workload: Workload.statefulSet(), containers: [{ name: 'app', image: 'nginx' }] }))))
      .toEqual([{ rule: 'statefulset-name', field: 'metadata.name', value: 'x'.repeat(53) }]);
  });
});
