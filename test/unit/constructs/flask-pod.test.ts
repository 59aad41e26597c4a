import { Chart, Testing } from 'cdk8s';
import { FlaskPod, FlaskPodProps, Hook, Probe, Workload } from '../../../src';
import { brief, ofKind, only, problemsOf, synth, synthProblemsOf } from '../../util';

describe('FlaskPod', () => {
  test('defaults', () => {
    const chart = Testing.chart();
    new FlaskPod(chart, 'api');
    expect(synth(chart)).toMatchSnapshot();
  });

  describe('defaults', () => {
    test('sposigor/app-flask-teste:1 on port 5000 in a container named flask, without PORT', () => {
      const chart = Testing.chart();
      const api = new FlaskPod(chart, 'api');
      const [container] = only(chart, 'Pod').spec.containers;
      expect(container).toMatchObject({ name: 'flask', image: 'sposigor/app-flask-teste:1', ports: [{ containerPort: 5000 }] });
      expect(container.env).toBeUndefined();
      expect(api.port).toBe(5000);
    });

    test('readiness HTTP GET / and liveness TCP, on the app\'s port', () => {
      const chart = Testing.chart();
      new FlaskPod(chart, 'api');
      const [container] = only(chart, 'Pod').spec.containers;
      expect(container.readinessProbe).toEqual({ httpGet: { path: '/', port: 5000 } });
      expect(container.livenessProbe).toEqual({ tcpSocket: { port: 5000 } });
    });

    test('SecurityProfile.AS_BUILT: root as built, seccomp RuntimeDefault, no capability, no escalation, no token; one container, no volume', () => {
      const chart = Testing.chart();
      new FlaskPod(chart, 'api');
      const { spec } = only(chart, 'Pod');
      expect(spec.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
      expect(spec.containers).toHaveLength(1);
      expect(spec.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      expect(spec.automountServiceAccountToken).toBe(false);
      expect(spec.volumes).toBeUndefined();
    });

    test('another image under SecurityProfile.AS_BUILT keeps its capabilities (we do not know what it needs)', () => {
      const chart = Testing.chart();
      new FlaskPod(chart, 'api', { image: 'example/flask:2' });
      expect(only(chart, 'Pod').spec.containers[0].securityContext).toBeUndefined();
    });
  });

  describe('port and PORT', () => {
    test('another port also sets PORT, which the app binds; the probes follow', () => {
      const chart = Testing.chart();
      new FlaskPod(chart, 'api', { port: 8000 });
      const [container] = only(chart, 'Pod').spec.containers;
      expect(container.ports).toEqual([{ containerPort: 8000 }]);
      expect(container.env).toEqual([{ name: 'PORT', value: '8000' }]);
      expect(container.readinessProbe).toEqual({ httpGet: { path: '/', port: 8000 } });
      expect(container.livenessProbe).toEqual({ tcpSocket: { port: 8000 } });
    });

    test('PORT joins the variables the user sets', () => {
      const chart = Testing.chart();
      new FlaskPod(chart, 'api', { port: 8000, env: { DEBUG: '1' } });
      expect(only(chart, 'Pod').spec.containers[0].env).toEqual([{ name: 'DEBUG', value: '1' }, { name: 'PORT', value: '8000' }]);
    });

    test('a PORT the user sets to the port is kept as given', () => {
      const chart = Testing.chart();
      new FlaskPod(chart, 'a', { port: 8000, env: { PORT: '8000', DEBUG: '1' } });
      new FlaskPod(chart, 'b', { env: { PORT: '5000' } });
      expect(ofKind(chart, 'Pod').map(o => o.spec.containers[0].env)).toEqual([
        [{ name: 'PORT', value: '8000' }, { name: 'DEBUG', value: '1' }], [{ name: 'PORT', value: '5000' }],
      ]);
    });

    test('fails on a PORT other than the port: the app would listen where nothing probes', () => {
      const problems = problemsOf(() => new FlaskPod(Testing.chart(), 'api', { env: { PORT: '8080' } }));
      expect(brief(problems)).toEqual([{ rule: 'preset-image', field: 'env.PORT', value: '8080' }]);
      expect(problems[0].path).toBe('test/api');
      expect(brief(problemsOf(() => new FlaskPod(Testing.chart(), 'moved', { port: 8000, env: { PORT: '9000' } }))))
        .toEqual([{ rule: 'preset-image', field: 'env.PORT', value: '9000' }]);
    });

    test('another image is not the tutorial\'s app: its PORT is its own business', () => {
      expect(() => new FlaskPod(Testing.chart(), 'own', { image: 'example/app:1', env: { PORT: '6000' } })).not.toThrow();
    });

    test('fails on a number as PORT as a type problem, with the fix to quote it, not as a port mismatch', () => {
      const problems = problemsOf(() => new FlaskPod(Testing.chart(), 'api', { env: { PORT: 5000 as any } }));
      expect(brief(problems)).toEqual([{ rule: 'props', field: 'containers[0].env.PORT', value: 5000 }]);
      expect(problems[0].fix).toContain('"5000"');
    });
  });

  describe('what is given is written', () => {
    test('name, labels, image and containerName', () => {
      const chart = Testing.chart();
      new FlaskPod(chart, 'api', { name: 'pod-2', labels: { app: 'pod-label2' }, containerName: 'pod-2', image: 'example/flask:2' });
      const pod = only(chart, 'Pod');
      expect(pod.metadata).toEqual({ name: 'pod-2', labels: { app: 'pod-label2' } });
      expect(pod.spec.containers[0]).toMatchObject({ name: 'pod-2', image: 'example/flask:2' });
    });

    test('probes can be replaced or dropped', () => {
      const chart = Testing.chart();
      new FlaskPod(chart, 'api', { liveness: Probe.httpGet('/', { periodSeconds: 20 }), readiness: false });
      const [container] = only(chart, 'Pod').spec.containers;
      expect(container.livenessProbe).toEqual({ httpGet: { path: '/', port: 5000 }, periodSeconds: 20 });
      expect(container.readinessProbe).toBeUndefined();
    });
  });

  describe('fails', () => {
    /** What the engine finds at synth in a FlaskPod of these props. */
    const judged = (props: FlaskPodProps) => {
      const chart = Testing.chart();
      new FlaskPod(chart, 'api', props);
      return brief(synthProblemsOf(chart));
    };

    test('fails on an empty image', () => {
      expect(judged({ image: '' })).toEqual([{ rule: 'container-image', field: 'spec.containers[0].image', value: '' }]);
    });

    test('fails on a bad container name and a bad port together', () => {
      expect(judged({ containerName: 'Flask', port: 0 })).toEqual([
        { rule: 'containers', field: 'spec.containers[0].name', value: 'Flask' },
        { rule: 'container-ports', field: 'spec.containers[0].ports[0].containerPort', value: 0 },
        // (the preset's probes reach the container's port, and are written with it)
        { rule: 'probes', field: 'spec.containers[0].readinessProbe.httpGet.port', value: 0 },
        { rule: 'probes', field: 'spec.containers[0].livenessProbe.tcpSocket.port', value: 0 },
      ]);
    });
  });

  describe('wrong types from JavaScript are reported as props, never as a TypeError', () => {
    test.each<[string, (chart: Chart) => unknown, string, unknown]>([
      ['null props', chart => new FlaskPod(chart, 'x', null as any), 'props', null],
      ['containers as a number', chart => new FlaskPod(chart, 'x', { containers: 5 as any }), 'containers', 5],
      ['null env', chart => new FlaskPod(chart, 'x', { env: null as any }), 'containers[0].env', null],
      ['env as an array, with another port', chart => new FlaskPod(chart, 'x', { port: 8000, env: ['PORT=8000'] as any }), 'containers[0].env', ['PORT=8000']],
      ['{} as the workload', chart => new FlaskPod(chart, 'x', { workload: {} as any }), 'workload', {}],
    ])('fails on %s', (_name, build, field, value) => {
      expect(brief(problemsOf(() => build(Testing.chart())))).toEqual([{ rule: 'props', field, value }]);
    });
  });
});

describe('FlaskPod: preStop', () => {
  test('default: none, under a controller too', () => {
    const chart = Testing.chart();
    new FlaskPod(chart, 'api', { workload: Workload.deployment() });
    expect(only(chart, 'Deployment').spec.template.spec.containers[0].lifecycle).toBeUndefined();
  });

  test('a preStop hook of your own on the main container', () => {
    const chart = Testing.chart();
    new FlaskPod(chart, 'api', { preStop: Hook.exec(['sleep', '3']) });
    expect(only(chart, 'Pod').spec.containers[0].lifecycle).toEqual({ preStop: { exec: { command: ['sleep', '3'] } } });
  });
});
