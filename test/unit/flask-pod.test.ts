import { Testing } from 'cdk8s';
import { AppPod, FlaskPod, Probe } from '../src';
import { only, synth } from './util';

describe('FlaskPod', () => {
  test('defaults', () => {
    const chart = Testing.chart();
    new FlaskPod(chart, 'api');
    expect(synth(chart)).toMatchSnapshot();
  });

  test('is an AppPod', () => {
    const chart = Testing.chart();
    expect(new FlaskPod(chart, 'api')).toBeInstanceOf(AppPod);
  });

  test('runs sposigor/app-flask-teste:1 on port 5000 in a container named flask, without PORT', () => {
    const chart = Testing.chart();
    const api = new FlaskPod(chart, 'api');
    const [container] = only(chart, 'Pod').spec.containers;
    expect(container.image).toBe('sposigor/app-flask-teste:1');
    expect(container.name).toBe('flask');
    expect(container.ports).toEqual([{ containerPort: 5000 }]);
    expect(container.env).toBeUndefined();
    expect(api.port).toBe(5000);
  });

  test('another port also sets PORT, which the app binds', () => {
    const chart = Testing.chart();
    new FlaskPod(chart, 'api', { port: 8000 });
    const [container] = only(chart, 'Pod').spec.containers;
    expect(container.ports).toEqual([{ containerPort: 8000 }]);
    expect(container.env).toEqual([{ name: 'PORT', value: '8000' }]);
  });

  test('a PORT the user sets is kept', () => {
    const chart = Testing.chart();
    new FlaskPod(chart, 'api', { port: 8000, env: { PORT: '8000', DEBUG: '1' } });
    expect(only(chart, 'Pod').spec.containers[0].env).toEqual([{ name: 'PORT', value: '8000' }, { name: 'DEBUG', value: '1' }]);
  });

  test('name, labels, image and containerName are used as given', () => {
    const chart = Testing.chart();
    new FlaskPod(chart, 'api', { name: 'pod-2', labels: { app: 'pod-label2' }, containerName: 'pod-2', image: 'example/flask:2' });
    const pod = only(chart, 'Pod');
    expect(pod.metadata).toEqual({ name: 'pod-2', labels: { app: 'pod-label2' } });
    expect(pod.spec.containers[0]).toMatchObject({ name: 'pod-2', image: 'example/flask:2' });
  });

  test('probes by default: readiness HTTP GET / and liveness TCP on the app\'s port', () => {
    const chart = Testing.chart();
    new FlaskPod(chart, 'api');
    new FlaskPod(chart, 'moved', { port: 8000 });
    const [api, moved] = synth(chart).map(p => p.spec.containers[0]);
    expect(api.readinessProbe).toEqual({ httpGet: { path: '/', port: 5000 } });
    expect(api.livenessProbe).toEqual({ tcpSocket: { port: 5000 } });
    expect(moved.readinessProbe).toEqual({ httpGet: { path: '/', port: 8000 } });
    expect(moved.livenessProbe).toEqual({ tcpSocket: { port: 8000 } });
  });

  test('probes can be replaced or dropped', () => {
    const chart = Testing.chart();
    new FlaskPod(chart, 'api', { liveness: Probe.httpGet('/', { periodSeconds: 20 }), readiness: false });
    const [container] = only(chart, 'Pod').spec.containers;
    expect(container.livenessProbe).toEqual({ httpGet: { path: '/', port: 5000 }, periodSeconds: 20 });
    expect(container.readinessProbe).toBeUndefined();
  });

  test('fails on an empty image', () => {
    const chart = Testing.chart();
    expect(() => new FlaskPod(chart, 'api', { image: '' }))
      .toThrow(/\[test\/api\] containers\[0\]\.image: "" is not valid: a non-empty image reference/);
  });

  test('fails on an env PORT other than the port: the app would listen where nothing probes', () => {
    const chart = Testing.chart();
    expect(() => new FlaskPod(chart, 'api', { env: { PORT: '6000' } }))
      .toThrow(/\[test\/api\] env\.PORT: "6000" is not valid: the container's port, "5000": the app listens on \$PORT.*Fix: set `port` instead: it sets PORT/);
    expect(() => new FlaskPod(chart, 'same', { port: 6000, env: { PORT: '6000' } })).not.toThrow();
    expect(() => new FlaskPod(chart, 'own', { image: 'example/app:1', env: { PORT: '6000' } })).not.toThrow();
  });
});
