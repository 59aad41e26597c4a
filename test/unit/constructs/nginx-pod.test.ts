import { Chart, Testing } from 'cdk8s';
import { HELPER_IMAGE, Hook, ImagePullPolicy, KUBERNETES_VERSION_CONTEXT, NGINX_DRAIN_SECONDS, NginxPod, NginxPodProps, Probe, SecurityProfile, validateApp, Volume, Workload } from '../../../src';
import { brief, only, problemsOf, synth, synthProblemsOf } from '../../util';

/** The init container that writes nginx's default.conf, if the pod has one. */
const writeConf = (pod: any) => pod.spec.initContainers?.find((c: any) => c.name === 'write-conf');

describe('NginxPod', () => {
  test('defaults', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web');
    expect(synth(chart)).toMatchSnapshot();
  });

  describe('defaults', () => {
    test('the stock nginx image, on port 80, in a container named nginx', () => {
      const chart = Testing.chart();
      const web = new NginxPod(chart, 'web');
      const [container] = only(chart, 'Pod').spec.containers;
      expect(container).toMatchObject({ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] });
      expect(web.port).toBe(80);
    });

    test('readiness HTTP GET / and liveness a TCP connection, both on its port: distinct, so a page that fails takes the pod out of service without restarting nginx', () => {
      const chart = Testing.chart();
      new NginxPod(chart, 'web');
      const [container] = only(chart, 'Pod').spec.containers;
      expect(container.readinessProbe).toEqual({ httpGet: { path: '/', port: 80 } });
      expect(container.livenessProbe).toEqual({ tcpSocket: { port: 80 } });
    });

    test('SecurityProfile.AS_BUILT: the root nginx image runs as built, with seccomp RuntimeDefault, no escalation, its unused capabilities dropped, no token', () => {
      const chart = Testing.chart();
      const pod = new NginxPod(chart, 'web');
      expect(pod.securityProfile).toBe(SecurityProfile.AS_BUILT);
      const { spec } = only(chart, 'Pod');
      expect(spec.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
      expect(spec.containers[0].securityContext).toEqual({
        allowPrivilegeEscalation: false, capabilities: { drop: ['NET_RAW', 'MKNOD', 'SYS_CHROOT', 'AUDIT_WRITE', 'SETFCAP', 'SETPCAP'] },
      });
      expect(spec.automountServiceAccountToken).toBe(false);
    });

    test('SecurityProfile.AS_BUILT drops every capability of nginx-unprivileged, and none of an image it does not know', () => {
      const chart = Testing.chart();
      new NginxPod(chart, 'a', { image: 'nginxinc/nginx-unprivileged:1.27-alpine' });
      new NginxPod(chart, 'b', { image: 'example/my-nginx:1', port: 80 });
      const [a, b] = synth(chart);
      expect(a.spec.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      expect(b.spec.containers[0].securityContext).toBeUndefined();
      expect(b.spec.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
    });

    test('SecurityProfile.NONE writes no security context; a ServiceAccount of its own or automountServiceAccountToken keeps the token', () => {
      const chart = Testing.chart();
      new NginxPod(chart, 'a', { securityProfile: SecurityProfile.NONE, logSidecar: true, serviceAccountName: 'reader' });
      new NginxPod(chart, 'b', { automountServiceAccountToken: true });
      const [a, b] = synth(chart);
      expect(a.spec.securityContext).toBeUndefined();
      expect(a.spec.containers.map((c: any) => c.securityContext)).toEqual([undefined, undefined]);
      expect(a.spec.automountServiceAccountToken).toBeUndefined();
      expect(b.spec.automountServiceAccountToken).toBe(true);
    });

    test('no log sidecar and no page: one container, no init container, no volume, no env, no imagePullPolicy', () => {
      const chart = Testing.chart();
      new NginxPod(chart, 'web');
      const { spec } = only(chart, 'Pod');
      expect(spec.containers).toHaveLength(1);
      expect(spec.initContainers).toBeUndefined();
      expect(spec.volumes).toBeUndefined();
      expect(spec.containers[0].volumeMounts).toBeUndefined();
      expect(spec.containers[0].env).toBeUndefined();
      expect(spec.containers[0].imagePullPolicy).toBeUndefined();
    });

    test('resources: the library\'s defaults', () => {
      const chart = Testing.chart();
      new NginxPod(chart, 'web');
      expect(only(chart, 'Pod').spec.containers[0].resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } });
    });
  });

  describe('what is given is written', () => {
    test('name, labels, image, port and containerName', () => {
      const chart = Testing.chart();
      const web = new NginxPod(chart, 'web', { name: 'pod-1', labels: { app: 'pod-label' }, image: 'example/web:1', port: 8080, containerName: 'pod-1' });
      const pod = only(chart, 'Pod');
      expect(pod.metadata).toEqual({ name: 'pod-1', labels: { app: 'pod-label' } });
      expect(pod.spec.containers[0]).toMatchObject({ name: 'pod-1', image: 'example/web:1', ports: [{ containerPort: 8080 }] });
      expect(pod.spec.containers[0].readinessProbe).toEqual({ httpGet: { path: '/', port: 8080 } });
      expect(web.name).toBe('pod-1');
      expect(web.labels).toEqual({ app: 'pod-label' });
    });

    test('env, resources, mounts and imagePullPolicy go to the main container; containers after it', () => {
      const chart = Testing.chart();
      new NginxPod(chart, 'web', {
        env: { A: '1' }, resources: { requests: { cpu: '1' } }, imagePullPolicy: ImagePullPolicy.ALWAYS,
        mounts: [{ volume: Volume.emptyDir('cache'), path: '/var/cache/nginx' }], containers: [{ name: 'extra', image: 'busybox' }],
      });
      const [nginx, extra] = only(chart, 'Pod').spec.containers;
      expect(nginx).toMatchObject({
        env: [{ name: 'A', value: '1' }], resources: { requests: { cpu: '1' } }, imagePullPolicy: 'Always',
        volumeMounts: [{ name: 'cache', mountPath: '/var/cache/nginx' }],
      });
      expect(extra.name).toBe('extra');
    });

    test('probes can be replaced or dropped', () => {
      const chart = Testing.chart();
      new NginxPod(chart, 'web', { readiness: Probe.httpGet('/healthz', { periodSeconds: 5 }), liveness: false });
      const [container] = only(chart, 'Pod').spec.containers;
      expect(container.readinessProbe).toEqual({ httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5 });
      expect(container.livenessProbe).toBeUndefined();
    });
  });

  describe('logSidecar', () => {
    test('nginx writes its logs into an emptyDir a busybox sidecar follows to its stdout (a native sidecar at the default target, 1.35)', () => {
      const chart = Testing.chart();
      new NginxPod(chart, 'web', { logSidecar: true });
      const { spec } = only(chart, 'Pod');
      const [nginx] = spec.containers;
      const [logs] = spec.initContainers;
      expect(spec.containers).toHaveLength(1);
      expect(spec.volumes).toEqual([{ name: 'nginx-logs', emptyDir: {} }]);
      // The volume at /var/log/nginx hides the image's links to /dev/stdout: nginx writes real files.
      expect(nginx.volumeMounts).toEqual([{ name: 'nginx-logs', mountPath: '/var/log/nginx' }]);
      expect(logs).toEqual({
        name: 'logs', image: HELPER_IMAGE,
        command: ['tail', '-n', '+1', '-F', '/var/log/nginx/access.log', '/var/log/nginx/error.log'],
        volumeMounts: [{ name: 'nginx-logs', mountPath: '/var/log/nginx', readOnly: true }],
        resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
        // busybox as root reads world-readable files: no capability needed (AS_BUILT)
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        // started before nginx, stopped after it: it follows nginx's last lines
        restartPolicy: 'Always',
      });
    });

    test('the target Kubernetes minor decides the default form: a native sidecar from 1.33 (GA), a second container below', () => {
      const at = (version: string, logSidecar: boolean | { native: boolean } = true) => {
        const app = Testing.app();
        app.node.setContext(KUBERNETES_VERSION_CONTEXT, version);
        const chart = new Chart(app, 'c');
        new NginxPod(chart, 'web', { logSidecar });
        const { spec } = only(chart, 'Pod');
        return [spec.containers.map((c: any) => c.name), (spec.initContainers ?? []).map((c: any) => `${c.name}:${c.restartPolicy}`)];
      };
      expect(at('1.33')).toEqual([['nginx'], ['logs:Always']]);
      expect(at('1.37')).toEqual([['nginx'], ['logs:Always']]);
      expect(at('1.32')).toEqual([['nginx', 'logs'], []]);
      expect(at('1.28')).toEqual([['nginx', 'logs'], []]);
      // asked for, it is written at 1.29 (beta, on by default), and kept a container when refused
      expect(at('1.29', { native: true })).toEqual([['nginx'], ['logs:Always']]);
      expect(at('1.35', { native: false })).toEqual([['nginx', 'logs'], []]);
    });

    test('fails on a native sidecar asked for below the target 1.29 (rule field-version names the first minor that has it)', () => {
      const app = Testing.app();
      app.node.setContext(KUBERNETES_VERSION_CONTEXT, '1.28');
      const chart = new Chart(app, 'c');
      new NginxPod(chart, 'web', { logSidecar: { native: true } });
      const problems = validateApp(app);
      expect(brief(problems)).toEqual([{ rule: 'field-version', field: 'spec.initContainers[0].restartPolicy', value: 'Always' }]);
      expect(problems[0].allowed).toMatch(/Kubernetes 1\.29 and later \(the target is 1\.28/);
    });

    test('takes options, and comes before the user\'s own extra containers', () => {
      const chart = Testing.chart();
      new NginxPod(chart, 'web', {
        logSidecar: { name: 'tail', image: 'busybox:1.37', resources: { requests: { cpu: '5m' } }, native: false }, containers: [{ name: 'extra', image: 'x' }],
      });
      const containers = only(chart, 'Pod').spec.containers;
      expect(containers.map((c: any) => [c.name, c.image])).toEqual([['nginx', 'nginx'], ['tail', 'busybox:1.37'], ['extra', 'x']]);
      expect(containers[1].resources).toEqual({ requests: { cpu: '5m' } });
    });

    test('false is the default: no sidecar', () => {
      const chart = Testing.chart();
      new NginxPod(chart, 'web', { logSidecar: false });
      expect(only(chart, 'Pod').spec.containers.map((c: any) => c.name)).toEqual(['nginx']);
    });
  });

  test('page: an init container writes index.html into a shared emptyDir nginx serves read-only', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { page: '<h1>Olá</h1>', mounts: [{ volume: Volume.emptyDir('cache'), path: '/var/cache/nginx' }] });
    const { spec } = only(chart, 'Pod');
    expect(spec.initContainers).toHaveLength(1);
    expect(spec.initContainers[0]).toMatchObject({
      name: 'write-page', image: HELPER_IMAGE, workingDir: '/usr/share/nginx/html',
      env: [{ name: 'FILE_0_NAME', value: 'index.html' }, { name: 'FILE_0_CONTENT', value: '<h1>Olá</h1>' }],
      volumeMounts: [{ name: 'html', mountPath: '/usr/share/nginx/html' }],
    });
    expect(spec.containers[0].volumeMounts).toEqual([
      { name: 'cache', mountPath: '/var/cache/nginx' }, { name: 'html', mountPath: '/usr/share/nginx/html', readOnly: true },
    ]);
  });

  describe('another port on a stock image: nginx is told to listen there', () => {
    test('port 8080 on the stock image: write-conf writes a default.conf listening on 8080 into conf.d', () => {
      const chart = Testing.chart();
      new NginxPod(chart, 'web', { port: 8080, page: '<h1>x</h1>' });
      const pod = only(chart, 'Pod');
      const init = writeConf(pod);
      expect(init).toMatchObject({ image: HELPER_IMAGE, workingDir: '/etc/nginx/conf.d', volumeMounts: [{ name: 'nginx-conf', mountPath: '/etc/nginx/conf.d' }] });
      const env = Object.fromEntries(init.env.map((e: any) => [e.name, e.value]));
      expect(env.FILE_0_NAME).toBe('default.conf');
      expect(env.FILE_0_CONTENT.split('\n')).toEqual([
        'server {',
        '    listen       8080;',
        '    server_name  localhost;',
        '    location / { root /usr/share/nginx/html; index index.html index.htm; }',
        '    error_page   500 502 503 504  /50x.html;',
        '    location = /50x.html { root /usr/share/nginx/html; }',
        '}',
        '',
      ]);
      expect(pod.spec.containers[0].volumeMounts).toContainEqual({ name: 'nginx-conf', mountPath: '/etc/nginx/conf.d', readOnly: true });
      expect(pod.spec.containers[0].readinessProbe).toEqual({ httpGet: { path: '/', port: 8080 } });
      expect(pod.spec.initContainers.map((c: any) => c.name)).toEqual(['write-page', 'write-conf']);
    });

    test.each(['nginx:1.27', 'docker.io/library/nginx:1.27-alpine', `nginx@sha256:${'a'.repeat(64)}`, 'nginxinc/nginx-unprivileged:1.27',
      'mirror.gcr.io/library/nginx:1.27.3', 'public.ecr.aws/docker/library/nginx:1.27', 'public.ecr.aws/nginx/nginx:1.27', 'registry.example.com:5000/dockerhub/library/nginx:1.27',
      'quay.io/nginxinc/nginx-unprivileged:1.27'])(
      'any tag or registry spelling of the stock images counts: %s', image => {
        const chart = Testing.chart();
        new NginxPod(chart, 'web', { image, port: 9090 });
        expect(writeConf(only(chart, 'Pod'))).toBeDefined();
      });

    test.each<[string, object]>([
      ['the default', {}],
      ['the stock port', { port: 80 }],
      ['the unprivileged image on its own port', { image: 'nginxinc/nginx-unprivileged', port: 8080 }],
      ['another image', { image: 'example/web:1', port: 8080 }],
      ['an image named like nginx in another repository', { image: 'example/nginx', port: 8080 }],
      ['a bare nginx on another registry (anyone\'s image)', { image: 'registry.example.com/nginx:1', port: 8080 }],
    ])('%s gets no config: the image listens where it listens', (_name, props) => {
      const chart = Testing.chart();
      new NginxPod(chart, 'web', props);
      expect(only(chart, 'Pod').spec.initContainers).toBeUndefined();
    });

    test('under the restricted profile: 8080 is the image\'s own port, another port gets the config, run restricted too', () => {
      const plain = Testing.chart();
      new NginxPod(plain, 'web', { securityProfile: SecurityProfile.RESTRICTED });
      expect(only(plain, 'Pod').spec.initContainers).toBeUndefined();
      const moved = Testing.chart();
      new NginxPod(moved, 'web', { securityProfile: SecurityProfile.RESTRICTED, port: 9090 });
      const pod = only(moved, 'Pod');
      expect(writeConf(pod).securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
      expect(pod.spec.containers[0].ports).toEqual([{ containerPort: 9090 }]);
    });
  });

  describe('the image under SecurityProfile.RESTRICTED', () => {
    test('fails on the stock image: it starts as root and exits', () => {
      const problems = problemsOf(() => new NginxPod(Testing.chart(), 'web', { image: 'nginx:1.27', securityProfile: SecurityProfile.RESTRICTED }));
      expect(brief(problems)).toEqual([{ rule: 'preset-image', field: 'image', value: 'nginx:1.27' }]);
      expect(problems[0].path).toBe('test/web');
      // The fix names the unprivileged image's tag of the same version.
      expect(problems[0].fix).toContain('nginxinc/nginx-unprivileged:1.27');
    });

    test('fails on the stock image through a registry mirror as well', () => {
      const problems = problemsOf(() => new NginxPod(Testing.chart(), 'web', { image: 'mirror.gcr.io/library/nginx:1.27.3', securityProfile: SecurityProfile.RESTRICTED }));
      expect(brief(problems)).toEqual([{ rule: 'preset-image', field: 'image', value: 'mirror.gcr.io/library/nginx:1.27.3' }]);
    });

    test('the default image, or the unprivileged one by name, is fine', () => {
      expect(() => new NginxPod(Testing.chart(), 'a', { securityProfile: SecurityProfile.RESTRICTED })).not.toThrow();
      expect(() => new NginxPod(Testing.chart(), 'b', { image: 'nginxinc/nginx-unprivileged:1.27', securityProfile: SecurityProfile.RESTRICTED })).not.toThrow();
    });
  });

  describe('fails', () => {
    /** What the engine finds at synth in an NginxPod of these props. */
    const judged = (props: NginxPodProps) => {
      const chart = Testing.chart();
      new NginxPod(chart, 'web', props);
      return brief(synthProblemsOf(chart));
    };

    test('fails on a volume of the user named like the log volume', () => {
      expect(judged({ logSidecar: true, mounts: [{ volume: Volume.emptyDir('nginx-logs'), path: '/x' }] }))
        .toEqual([{ rule: 'volumes', field: 'spec.volumes[1].name', value: 'nginx-logs' }]);
    });

    test('fails on a port outside 1-65535', () => {
      expect(judged({ port: 70000 })).toEqual([
        { rule: 'container-ports', field: 'spec.containers[0].ports[0].containerPort', value: 70000 },
        // (the preset's probes reach the container's port, and are written with it)
        { rule: 'probes', field: 'spec.containers[0].readinessProbe.httpGet.port', value: 70000 },
        { rule: 'probes', field: 'spec.containers[0].livenessProbe.tcpSocket.port', value: 70000 },
      ]);
    });

    test('fails on an image the runtime cannot pull', () => {
      expect(judged({ image: 'NGINX:Latest' })).toEqual([{ rule: 'image-reference', field: 'spec.containers[0].image', value: 'NGINX:Latest' }]);
    });

    test('fails on a number as an env value, with the fix to quote it', () => {
      const problems = problemsOf(() => new NginxPod(Testing.chart(), 'web', { env: { PORT: 5000 as any } }));
      expect(brief(problems)).toEqual([{ rule: 'props', field: 'containers[0].env.PORT', value: 5000 }]);
      expect(problems[0].fix).toContain('"5000"');
    });

    test('fails on every problem at once: the preset\'s and the pod\'s', () => {
      expect(brief(problemsOf(() => new NginxPod(Testing.chart(), 'web', { name: 5 as any, image: 'nginx:1.27', securityProfile: SecurityProfile.RESTRICTED, page: 5 as any }))))
        .toEqual([
          { rule: 'props', field: 'page', value: 5 },
          { rule: 'preset-image', field: 'image', value: 'nginx:1.27' },
          { rule: 'props', field: 'name', value: 5 },
        ]);
    });
  });

  describe('wrong types from JavaScript are reported as props, never as a TypeError', () => {
    test.each<[string, (chart: Chart) => unknown, string, unknown]>([
      ['null props', chart => new NginxPod(chart, 'x', null as any), 'props', null],
      ['a string as logSidecar', chart => new NginxPod(chart, 'x', { logSidecar: 'yes' as any }), 'logSidecar', 'yes'],
      ['a number as page', chart => new NginxPod(chart, 'x', { page: 5 as any }), 'page', 5],
      ['mounts as a string', chart => new NginxPod(chart, 'x', { mounts: '/data' as any }), 'mounts', '/data'],
      ['containers as a number', chart => new NginxPod(chart, 'x', { containers: 5 as any }), 'containers', 5],
      ['initContainers as a string', chart => new NginxPod(chart, 'x', { initContainers: 'x' as any }), 'initContainers', 'x'],
      ['{} as the securityProfile', chart => new NginxPod(chart, 'x', { securityProfile: {} as any }), 'securityProfile', {}],
      ['{} as the workload', chart => new NginxPod(chart, 'x', { workload: {} as any }), 'workload', {}],
      ['env as a string', chart => new NginxPod(chart, 'x', { env: 'A=1' as any }), 'containers[0].env', 'A=1'],
      ['a plain object as the readiness probe', chart => new NginxPod(chart, 'x', { readiness: { kind: 'httpGet' } as any }), 'containers[0].readiness', { kind: 'httpGet' }],
    ])('fails on %s', (_name, build, field, value) => {
      expect(brief(problemsOf(() => build(Testing.chart())))).toEqual([{ rule: 'props', field, value }]);
    });
  });
});

describe('NginxPod: preStop drain delay', () => {
  const mainOf = (o: any) => (o.kind === 'Pod' ? o.spec : o.spec.template.spec).containers[0];

  test('default for a bare Pod: no preStop hook (nothing replaces it; a delay only slows kubectl delete)', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web');
    expect(mainOf(only(chart, 'Pod')).lifecycle).toBeUndefined();
  });

  test('default under a controller, with a stock image: sleep NGINX_DRAIN_SECONDS (5) before the stop signal, the kubelet\'s sleep action at the default target', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { workload: Workload.deployment({ replicas: 2 }) });
    new NginxPod(chart, 'hardened', { workload: Workload.statefulSet(), securityProfile: SecurityProfile.RESTRICTED });
    expect(NGINX_DRAIN_SECONDS).toBe(5);
    expect(mainOf(only(chart, 'Deployment')).lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } });
    expect(mainOf(only(chart, 'StatefulSet')).lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } });
    expect(validateApp(chart)).toEqual([]);
  });

  test('below the target 1.30 the drain delay is the image\'s sleep command (the sleep action is 1.30+)', () => {
    const hookAt = (version: string) => {
      const app = Testing.app();
      app.node.setContext(KUBERNETES_VERSION_CONTEXT, version);
      const chart = new Chart(app, 'c');
      new NginxPod(chart, 'web', { workload: Workload.deployment({ replicas: 2 }) });
      expect(validateApp(app)).toEqual([]);
      return mainOf(only(chart, 'Deployment')).lifecycle.preStop;
    };
    expect(hookAt('1.29')).toEqual({ exec: { command: ['sleep', '5'] } });
    expect(hookAt('1.30')).toEqual({ sleep: { seconds: 5 } });
  });

  test('fails on Hook.sleep() below the target 1.30 (rule field-version), and on less than 1 second', () => {
    const app = Testing.app();
    app.node.setContext(KUBERNETES_VERSION_CONTEXT, '1.29');
    const chart = new Chart(app, 'c');
    new NginxPod(chart, 'web', { preStop: Hook.sleep(3) });
    expect(brief(validateApp(app))).toEqual([{ rule: 'field-version', field: 'spec.containers[0].lifecycle.preStop.sleep', value: { seconds: 3 } }]);
    expect(brief(problemsOf(() => Hook.sleep(0)))).toEqual([{ rule: 'props', field: 'seconds', value: 0 }]);
  });

  test('no default for another image (it may have no sleep), and none with preStop: false', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'custom', { image: 'example/web:1', workload: Workload.deployment() });
    new NginxPod(chart, 'off', { workload: Workload.daemonSet(), preStop: false });
    expect(mainOf(only(chart, 'Deployment')).lifecycle).toBeUndefined();
    expect(mainOf(only(chart, 'DaemonSet')).lifecycle).toBeUndefined();
  });

  test('a preStop hook of your own replaces the default', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { preStop: Hook.exec(['nginx', '-s', 'quit']) });
    expect(mainOf(only(chart, 'Pod')).lifecycle).toEqual({ preStop: { exec: { command: ['nginx', '-s', 'quit'] } } });
  });
});

describe('NginxPod: logSidecar.native', () => {
  test('runs the log follower as the first init container with restartPolicy Always, nginx alone among the app containers', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { logSidecar: { native: true }, page: '<h1>hi</h1>' });
    const spec = only(chart, 'Pod').spec;
    expect(spec.initContainers.map((c: any) => [c.name, c.restartPolicy])).toEqual([['logs', 'Always'], ['write-page', undefined]]);
    expect(spec.containers.map((c: any) => c.name)).toEqual(['nginx']);
    expect(spec.initContainers[0].volumeMounts).toEqual([{ name: 'nginx-logs', mountPath: '/var/log/nginx', readOnly: true }]);
    expect(validateApp(chart)).toEqual([]);
  });

  test('default: a regular container (native: false)', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { logSidecar: { native: false } });
    const spec = only(chart, 'Pod').spec;
    expect(spec.initContainers).toBeUndefined();
    expect(spec.containers.map((c: any) => c.name)).toEqual(['nginx', 'logs']);
  });

  test('fails on a native that is no boolean', () => {
    expect(brief(problemsOf(() => new NginxPod(Testing.chart(), 'web', { logSidecar: { native: 'yes' as any } })))).toEqual([
      { rule: 'props', field: 'logSidecar.native', value: 'yes' },
    ]);
  });
});
