import { Chart, Testing } from 'cdk8s';
import { AppPod, AppPodProps, ContainerProps, DEFAULT_RESOURCES, ImagePullPolicy, Probe, Protocol, Volume } from '../../../src';
import { brief, only, problemsOf, synth, synthProblemsOf } from '../../util';

const base = { name: 'c', image: 'x', port: 80 };

/** The container as written, built from `base` and `extra`. */
function written(extra: Partial<ContainerProps>): any {
  const chart = Testing.chart();
  new AppPod(chart, 'app', { containers: [{ ...base, ...extra }] });
  return only(chart, 'Pod').spec.containers[0];
}

/** The problems of a pod with one container built from `base` and `extra`. */
function problemsOfContainer(extra: Partial<ContainerProps> | { [key: string]: unknown }) {
  return problemsOf(() => new AppPod(Testing.chart(), 'app', { containers: [{ ...base, ...extra } as ContainerProps] }));
}

/** A chart with one pod of these props. */
function podChart(props: AppPodProps): Chart {
  const chart = Testing.chart();
  new AppPod(chart, 'app', props);
  return chart;
}

/** The problems the engine finds at synth in a pod with one container built from `base` and `extra`. */
function synthProblemsOfContainer(extra: Partial<ContainerProps>) {
  const chart = Testing.chart();
  new AppPod(chart, 'app', { containers: [{ ...base, ...extra }] });
  return synthProblemsOf(chart);
}

describe('a container', () => {
  test('its fields are written as the API spells them', () => {
    expect(written({
      name: 'app', image: 'example/app:1', command: ['python'], args: ['app.py'], workingDir: '/srv', imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
      env: { A: '1', B: '' }, port: undefined, ports: [{ number: 5000, name: 'http' }, { number: 5353, protocol: Protocol.UDP }],
      readiness: Probe.httpGet('/healthz'), liveness: Probe.tcpSocket({ periodSeconds: 5 }), startup: Probe.exec(['true']),
      securityContext: { runAsUser: 1000 },
    })).toEqual({
      name: 'app', image: 'example/app:1', command: ['python'], args: ['app.py'], workingDir: '/srv', imagePullPolicy: 'IfNotPresent',
      env: [{ name: 'A', value: '1' }, { name: 'B', value: '' }],
      ports: [{ containerPort: 5000, name: 'http' }, { containerPort: 5353, protocol: 'UDP' }],
      readinessProbe: { httpGet: { path: '/healthz', port: 5000 } },
      livenessProbe: { tcpSocket: { port: 5000 }, periodSeconds: 5 },
      startupProbe: { exec: { command: ['true'] } },
      securityContext: { runAsUser: 1000 },
      resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
    });
  });

  describe('defaults', () => {
    test('only name, image and the default resources are written', () => {
      expect(written({ port: undefined })).toEqual({
        name: 'c', image: 'x', resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
      });
    });

    test('resources: DEFAULT_RESOURCES, which cannot be changed', () => {
      expect(written({}).resources).toEqual(DEFAULT_RESOURCES);
      expect(Object.isFrozen(DEFAULT_RESOURCES) && Object.isFrozen(DEFAULT_RESOURCES.requests) && Object.isFrozen(DEFAULT_RESOURCES.limits)).toBe(true);
    });

    test('resources given replace the defaults as a whole: no default limit is added', () => {
      expect(written({ resources: { requests: { cpu: '1' } } }).resources).toEqual({ requests: { cpu: '1' } });
      expect(written({ resources: { requests: { cpu: '1' }, limits: { cpu: '2', memory: '1Gi' } } }).resources)
        .toEqual({ requests: { cpu: '1' }, limits: { cpu: '2', memory: '1Gi' } });
    });

    test('`port` comes first, then `ports`; a port\'s protocol (TCP) and name are written only when given', () => {
      expect(written({ port: 80, ports: [{ number: 81, protocol: Protocol.TCP }, { number: 82 }] }).ports)
        .toEqual([{ containerPort: 80 }, { containerPort: 81, protocol: 'TCP' }, { containerPort: 82 }]);
    });

    test('an empty env and empty mounts write nothing', () => {
      const c = written({ env: {}, mounts: [] });
      expect(c.env).toBeUndefined();
      expect(c.volumeMounts).toBeUndefined();
    });
  });

  test('env values are written as given: the kubelet\'s $(VAR) expansion is the user\'s to use', () => {
    expect(written({ env: { URL: 'http://$(HOST):80' } }).env).toEqual([{ name: 'URL', value: 'http://$(HOST):80' }]);
  });

  test('quantities in every notation the API server takes are accepted', () => {
    const chart = Testing.chart();
    const quantities = [{ cpu: '0.1', memory: '1e6' }, { cpu: '100m', memory: '64Mi' }, { cpu: '2', memory: '1G' }, { cpu: '.5', memory: '128974848' }];
    quantities.forEach((q, i) => new AppPod(chart, `p${i}`, { containers: [{ ...base, resources: { requests: q, limits: q } }] }));
    expect(synth(chart)).toHaveLength(quantities.length);
  });

  describe('image', () => {
    test.each(['nginx', 'nginx:1.27', 'Example.com/app:1', 'localhost:5000/app', 'ghcr.io/org/app:v1.2-rc_1', `nginx@sha256:${'a'.repeat(64)}`])(
      'accepts %s', image => {
        expect(written({ image }).image).toBe(image);
      });

    test('fails on upper case in the repository: the API server accepts it, the runtime cannot pull it', () => {
      const problems = synthProblemsOfContainer({ image: 'NGINX:Latest' });
      expect(brief(problems)).toEqual([{ rule: 'image-reference', field: 'spec.containers[0].image', value: 'NGINX:Latest' }]);
      expect(problems[0].fix).toContain('"nginx:Latest"');
    });

    test('fails on a digest too short to be one, with no fix about case (the rule\'s own)', () => {
      const problems = synthProblemsOfContainer({ image: 'nginx@sha256:abc' });
      expect(brief(problems)).toEqual([{ rule: 'image-reference', field: 'spec.containers[0].image', value: 'nginx@sha256:abc' }]);
      expect(problems[0].fix).toMatch(/^write the image as a pullable reference/);
    });

    test.each(['', ' nginx', 'nginx\n'])('fails on %p: the API server refuses it', image => {
      expect(brief(synthProblemsOfContainer({ image }))).toEqual([{ rule: 'container-image', field: 'spec.containers[0].image', value: image }]);
    });
  });

  describe('fails', () => {
    test('fails on a container name that is not a DNS-1123 label', () => {
      expect(brief(synthProblemsOfContainer({ name: 'Web' }))).toEqual([{ rule: 'containers', field: 'spec.containers[0].name', value: 'Web' }]);
    });

    test('fails on a port outside 1-65535, as `port` or in `ports`', () => {
      expect(brief(synthProblemsOfContainer({ port: 0, ports: [{ number: 65536 }] }))).toEqual([
        { rule: 'container-ports', field: 'spec.containers[0].ports[0].containerPort', value: 0 },
        { rule: 'container-ports', field: 'spec.containers[0].ports[1].containerPort', value: 65536 },
      ]);
    });

    test('fails on a port name that is not an IANA service name', () => {
      expect(brief(synthProblemsOfContainer({ ports: [{ number: 81, name: 'http--alt' }] })))
        .toEqual([{ rule: 'container-ports', field: 'spec.containers[0].ports[1].name', value: 'http--alt' }]);
    });

    test('fails on two ports of one name', () => {
      expect(brief(synthProblemsOfContainer({ ports: [{ number: 81, name: 'http' }, { number: 82, name: 'http' }] })))
        .toEqual([{ rule: 'container-ports', field: 'spec.containers[0].ports[2].name', value: 'http' }]);
    });

    test('fails on an unknown protocol', () => {
      expect(brief(synthProblemsOfContainer({ ports: [{ number: 81, protocol: 'HTTP' as Protocol }] })))
        .toEqual([{ rule: 'container-ports', field: 'spec.containers[0].ports[1].protocol', value: 'HTTP' }]);
    });

    test.each(['MY=VAR', 'é', ''])('fails on the environment variable name %p', name => {
      expect(brief(synthProblemsOfContainer({ env: { [name]: '1' } }))).toEqual([{ rule: 'env', field: 'spec.containers[0].env[0].name', value: name }]);
    });

    test('fails on a number as an env value, with the fix to quote it', () => {
      const problems = problemsOfContainer({ env: { PORT: 5000 as any } });
      expect(brief(problems)).toEqual([{ rule: 'props', field: 'containers[0].env.PORT', value: 5000 }]);
      expect(problems[0].fix).toContain('"5000"');
      expect(problemsOfContainer({ env: { DEBUG: true as any } })[0].fix).toContain('"true"');
    });

    test.each<[string, object, string, unknown, string]>([
      ['a CPU request that is not a quantity', { requests: { cpu: 'lots' } }, 'requests.cpu', 'lots', 'quantities'],
      ['a negative memory limit', { limits: { memory: '-1Mi' } }, 'limits.memory', '-1Mi', 'resources'],
      ['a memory request above its limit', { requests: { memory: '1Gi' }, limits: { memory: '128Mi' } }, 'requests.memory', '1Gi', 'resources'],
      ['a CPU request above its limit, in other units', { requests: { cpu: '1.5' }, limits: { cpu: '1000m' } }, 'requests.cpu', '1.5', 'resources'],
    ])('fails on %s', (_name, resources, field, value, rule) => {
      expect(brief(synthProblemsOfContainer({ resources }))).toEqual([{ rule, field: `spec.containers[0].resources.${field}`, value }]);
    });

    test('a request equal to its limit, in other units, is fine', () => {
      expect(written({ resources: { requests: { cpu: '1' }, limits: { cpu: '1000m' } } }).resources).toEqual({ requests: { cpu: '1' }, limits: { cpu: '1000m' } });
    });

    test.each<[string, object, string, unknown]>([
      ['an empty mount path', { path: '' }, 'mountPath', ''],
      ['an absolute subPath', { path: '/data', subPath: '/etc' }, 'subPath', '/etc'],
      ['a subPath that climbs out', { path: '/data', subPath: 'a/../../b' }, 'subPath', 'a/../../b'],
    ])('fails on %s', (_name, mount, field, value) => {
      expect(brief(synthProblemsOfContainer({ mounts: [{ volume: Volume.emptyDir('data'), ...mount } as any] })))
        .toEqual([{ rule: 'volumes', field: `spec.containers[0].volumeMounts[0].${field}`, value }]);
    });

    test('fails on two mounts at one path', () => {
      expect(brief(synthProblemsOfContainer({ mounts: [{ volume: Volume.emptyDir('a'), path: '/data' }, { volume: Volume.emptyDir('b'), path: '/data' }] })))
        .toEqual([{ rule: 'volumes', field: 'spec.containers[0].volumeMounts[1].mountPath', value: '/data' }]);
    });

    test('fails on a port probe with no port to reach (written as port 0)', () => {
      expect(brief(synthProblemsOfContainer({ port: undefined, readiness: Probe.httpGet('/') })))
        .toEqual([{ rule: 'probes', field: 'spec.containers[0].readinessProbe.httpGet.port', value: 0 }]);
    });

    test('fails on probes on an init container; ports on one pass (the API server accepts them)', () => {
      expect(() => Testing.synth(podChart({ containers: [base], initContainers: [{ name: 'init', image: 'busybox', port: 8080 }] }))).not.toThrow();
      expect(brief(synthProblemsOf(podChart({ containers: [base], initContainers: [{ name: 'init', image: 'busybox', readiness: Probe.exec(['true']) }] }))))
        .toEqual([{ rule: 'probes', field: 'spec.initContainers[0].readinessProbe', value: ['exec'] }]);
    });

    test('fails on every problem of a container at once', () => {
      expect(brief(synthProblemsOfContainer({ name: 'C', image: '', port: 0, env: { 'A=B': '1' } }))).toEqual([
        { rule: 'containers', field: 'spec.containers[0].name', value: 'C' },
        { rule: 'container-image', field: 'spec.containers[0].image', value: '' },
        { rule: 'container-ports', field: 'spec.containers[0].ports[0].containerPort', value: 0 },
        { rule: 'env', field: 'spec.containers[0].env[0].name', value: 'A=B' },
      ]);
    });
  });

  describe('wrong types from JavaScript are reported as props, never as a TypeError', () => {
    test.each<[string, { [key: string]: unknown }, string, unknown]>([
      ['ports not an array', { ports: 80 }, 'containers[0].ports', 80],
      ['a null port', { ports: [null] }, 'containers[0].ports[0]', null],
      ['env as an array', { env: ['A=1'] }, 'containers[0].env', ['A=1']],
      ['null env', { env: null }, 'containers[0].env', null],
      ['command as a string', { command: 'python app.py' }, 'containers[0].command', 'python app.py'],
      ['args with a number', { args: ['--port', 80] }, 'containers[0].args', ['--port', 80]],
      ['null resources', { resources: null }, 'containers[0].resources', null],
      ['null resource requests', { resources: { requests: null } }, 'containers[0].resources.requests', null],
      ['a number as a quantity', { resources: { limits: { memory: 128 } } }, 'containers[0].resources.limits.memory', 128],
      ['mounts not an array', { mounts: { path: '/a' } }, 'containers[0].mounts', { path: '/a' }],
      ['a mount without a volume', { mounts: [{ path: '/a' }] }, 'containers[0].mounts[0]', { path: '/a' }],
      ['a mount readOnly that is not a boolean', { mounts: [{ volume: Volume.emptyDir('v'), path: '/v', readOnly: 'yes' }] }, 'containers[0].mounts[0].readOnly', 'yes'],
      ['a numeric workingDir', { workingDir: 5 }, 'containers[0].workingDir', 5],
      ['a securityContext that is not an object', { securityContext: 'restricted' }, 'containers[0].securityContext', 'restricted'],
      ['an unknown imagePullPolicy', { imagePullPolicy: 'Sometimes' }, 'containers[0].imagePullPolicy', 'Sometimes'],
      ['a plain object as a probe', { readiness: { kind: 'httpGet' } }, 'containers[0].readiness', { kind: 'httpGet' }],
    ])('fails on %s', (_name, extra, field, value) => {
      expect(brief(problemsOfContainer(extra))).toEqual([{ rule: 'props', field, value }]);
    });

    test('fails on a container that is not an object', () => {
      expect(brief(problemsOf(() => new AppPod(Testing.chart(), 'app', { containers: ['nginx' as any] }))))
        .toEqual([{ rule: 'props', field: 'containers[0]', value: 'nginx' }]);
    });

    test('fails on a missing name and image, each once', () => {
      expect(brief(problemsOf(() => new AppPod(Testing.chart(), 'app', { containers: [{} as any] })))).toEqual([
        { rule: 'props', field: 'containers[0].name', value: undefined },
        { rule: 'props', field: 'containers[0].image', value: undefined },
      ]);
    });
  });
});
