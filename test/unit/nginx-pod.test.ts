import { Testing } from 'cdk8s';
import { AppPod, NginxPod, Probe, SecurityProfile, Volume } from '../src';
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

  test('probes by default: readiness and liveness HTTP GET / on its port', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { port: 8080 });
    const [container] = only(chart, 'Pod').spec.containers;
    expect(container.readinessProbe).toEqual({ httpGet: { path: '/', port: 8080 } });
    expect(container.livenessProbe).toEqual({ httpGet: { path: '/', port: 8080 } });
  });

  test('probes can be replaced or dropped', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { readiness: Probe.httpGet('/healthz', { periodSeconds: 5 }), liveness: false });
    const [container] = only(chart, 'Pod').spec.containers;
    expect(container.readinessProbe).toEqual({ httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5 });
    expect(container.livenessProbe).toBeUndefined();
  });

  test('with a log sidecar and a page', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { logSidecar: true, page: '<h1>Olá</h1>' });
    expect(synth(chart)).toMatchSnapshot();
  });

  test('logSidecar: nginx writes its logs into an emptyDir a busybox sidecar follows to its stdout', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { logSidecar: true });
    const spec = only(chart, 'Pod').spec;
    const [nginx, logs] = spec.containers;
    expect(spec.volumes).toEqual([{ name: 'nginx-logs', emptyDir: {} }]);
    // The volume at /var/log/nginx hides the image's links to /dev/stdout: nginx writes real files.
    expect(nginx.volumeMounts).toEqual([{ name: 'nginx-logs', mountPath: '/var/log/nginx' }]);
    expect(logs).toMatchObject({
      name: 'logs', image: 'busybox:1.36',
      command: ['tail', '-n', '+1', '-F', '/var/log/nginx/access.log', '/var/log/nginx/error.log'],
      volumeMounts: [{ name: 'nginx-logs', mountPath: '/var/log/nginx', readOnly: true }],
      resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
    });
    expect(logs.ports).toBeUndefined();
  });

  test('logSidecar takes options, and comes before the user\'s own extra containers', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { logSidecar: { name: 'tail', image: 'busybox:1.37' }, containers: [{ name: 'extra', image: 'x' }] });
    const containers = only(chart, 'Pod').spec.containers;
    expect(containers.map((c: any) => [c.name, c.image])).toEqual([['nginx', 'nginx'], ['tail', 'busybox:1.37'], ['extra', 'x']]);
  });

  test('page: an init container writes index.html into a shared emptyDir nginx serves read-only', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { page: '<h1>Olá</h1>', mounts: [{ volume: Volume.emptyDir('cache'), path: '/var/cache/nginx' }] });
    const spec = only(chart, 'Pod').spec;
    const [init] = spec.initContainers;
    expect(init).toMatchObject({
      name: 'write-page', image: 'busybox:1.36', workingDir: '/usr/share/nginx/html',
      env: [{ name: 'FILE_0_NAME', value: 'index.html' }, { name: 'FILE_0_CONTENT', value: '<h1>Olá</h1>' }],
      volumeMounts: [{ name: 'html', mountPath: '/usr/share/nginx/html' }],
    });
    expect(spec.containers[0].volumeMounts).toEqual([
      { name: 'cache', mountPath: '/var/cache/nginx' }, { name: 'html', mountPath: '/usr/share/nginx/html', readOnly: true },
    ]);
  });

  describe('another port on a stock image: nginx is told to listen there', () => {
    const conf = (pod: any) => pod.spec.initContainers?.find((c: any) => c.name === 'write-conf');

    test('port 8080 on the stock image: write-conf writes a default.conf listening on 8080 into conf.d', () => {
      const chart = Testing.chart();
      new NginxPod(chart, 'web', { port: 8080, page: '<h1>x</h1>' });
      const pod = only(chart, 'Pod');
      const init = conf(pod);
      expect(init).toMatchObject({ image: 'busybox:1.36', workingDir: '/etc/nginx/conf.d', volumeMounts: [{ name: 'nginx-conf', mountPath: '/etc/nginx/conf.d' }] });
      const file = init.env.find((e: any) => e.value === 'default.conf');
      const content = init.env.find((e: any) => e.name === file.name.replace('_NAME', '_CONTENT')).value;
      expect(content).toMatch(/^server \{\n {4}listen {7}8080;\n/);
      expect(content).toContain('location / { root /usr/share/nginx/html; index index.html index.htm; }');
      expect(pod.spec.containers[0].volumeMounts).toContainEqual({ name: 'nginx-conf', mountPath: '/etc/nginx/conf.d', readOnly: true });
      expect(pod.spec.containers[0].readinessProbe).toEqual({ httpGet: { path: '/', port: 8080 } });
      expect(pod.spec.initContainers.map((c: any) => c.name)).toEqual(['write-page', 'write-conf']);
    });

    test('any tag or registry spelling of the stock images counts', () => {
      for (const image of ['nginx:1.27', 'docker.io/library/nginx:1.27-alpine', 'nginx@sha256:abc', 'nginxinc/nginx-unprivileged:1.27']) {
        const chart = Testing.chart();
        new NginxPod(chart, 'web', { image, port: 9090 });
        expect(conf(only(chart, 'Pod'))).toBeDefined();
      }
    });

    test('the stock port, or another image, gets no config: the image listens where it listens', () => {
      for (const props of [{}, { port: 80 }, { image: 'nginxinc/nginx-unprivileged', port: 8080 }, { image: 'example/web:1', port: 8080 }, { image: 'example/nginx', port: 8080 }]) {
        const chart = Testing.chart();
        new NginxPod(chart, 'web', props);
        expect(only(chart, 'Pod').spec.initContainers).toBeUndefined();
      }
    });

    test('under the restricted profile: 8080 is the image\'s own port, another port gets the config', () => {
      const plain = Testing.chart();
      new NginxPod(plain, 'web', { securityProfile: SecurityProfile.RESTRICTED });
      expect(only(plain, 'Pod').spec.initContainers).toBeUndefined();
      const moved = Testing.chart();
      new NginxPod(moved, 'web', { securityProfile: SecurityProfile.RESTRICTED, port: 9090 });
      const pod = only(moved, 'Pod');
      expect(conf(pod).securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
      expect(pod.spec.containers[0].ports).toEqual([{ containerPort: 9090 }]);
    });
  });

  test('fails on a volume of the user named like the log volume', () => {
    const chart = Testing.chart();
    expect(() => new NginxPod(chart, 'web', { logSidecar: true, mounts: [{ volume: Volume.emptyDir('nginx-logs'), path: '/x' }] }))
      .toThrow(/\[test\/web\] containers\[0\]\.mounts: "nginx-logs" is not valid: a volume name no other volume of the Pod has/);
  });

  test('fails on a port outside 1-65535', () => {
    const chart = Testing.chart();
    expect(() => new NginxPod(chart, 'web', { port: 70000 }))
      .toThrow(/\[test\/web\] containers\[0\]\.port: 70000 is not valid: an integer from 1 to 65535/);
  });
});
