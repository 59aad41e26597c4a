import { Testing } from 'cdk8s';
import { AppPod, NginxPod } from '../src';
import { only, synth } from './util';

describe('NginxPod', () => {
  test('defaults', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web');
    expect(synth(chart)).toMatchSnapshot();
  });

  test('is an AppPod', () => {
    const chart = Testing.chart();
    expect(new NginxPod(chart, 'web')).toBeInstanceOf(AppPod);
  });

  test('runs the stock nginx image on port 80 in a container named nginx', () => {
    const chart = Testing.chart();
    const web = new NginxPod(chart, 'web');
    const [container] = only(chart, 'Pod').spec.containers;
    expect(container.image).toBe('nginx');
    expect(container.name).toBe('nginx');
    expect(container.ports).toEqual([{ containerPort: 80 }]);
    expect(web.port).toBe(80);
    expect(NginxPod.DEFAULT_IMAGE).toBe('nginx');
    expect(NginxPod.DEFAULT_PORT).toBe(80);
  });

  test('sets no security context, so the root nginx image is not refused', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web');
    const pod = only(chart, 'Pod');
    expect(pod.spec.securityContext).toBeUndefined();
    expect(pod.spec.containers[0].securityContext).toBeUndefined();
  });

  test('name, labels, image, port and containerName are used as given', () => {
    const chart = Testing.chart();
    const web = new NginxPod(chart, 'web', {
      name: 'pod-1', labels: { app: 'pod-label' }, image: 'nginx:1.27', port: 8080, containerName: 'pod-1',
    });
    const pod = only(chart, 'Pod');
    expect(pod.metadata).toEqual({ name: 'pod-1', labels: { app: 'pod-label' } });
    expect(pod.spec.containers[0]).toMatchObject({ name: 'pod-1', image: 'nginx:1.27', ports: [{ containerPort: 8080 }] });
    expect(web.name).toBe('pod-1');
    expect(web.labels).toEqual({ app: 'pod-label' });
  });

  test('fails on a port outside 1-65535', () => {
    const chart = Testing.chart();
    expect(() => new NginxPod(chart, 'web', { port: 70000 }))
      .toThrow(/\[test\/web\] containers\[0\]\.port: 70000 is not valid: an integer from 1 to 65535/);
  });
});
