import { Testing } from 'cdk8s';
import { AppPod, HELPER_IMAGE, HELPER_RESOURCES, logSidecar, Probe, Volume, writeFilesInit } from '../src';
import { only, synth } from './util';

describe('helper containers', () => {
  test('defaults: an app with a log sidecar and an init container that writes its files', () => {
    const chart = Testing.chart();
    const logs = Volume.emptyDir('logs');
    const config = Volume.emptyDir('config');
    new AppPod(chart, 'app', {
      containers: [
        { name: 'app', image: 'example/app:1', port: 8080, mounts: [{ volume: logs, path: '/var/log/app' }, { volume: config, path: '/etc/app' }] },
        logSidecar({ volume: logs, path: '/var/log/app', files: ['app.log'] }),
      ],
      initContainers: [writeFilesInit({ volume: config, path: '/etc/app', files: { 'app.conf': 'debug = false\n' } })],
    });
    expect(synth(chart)).toMatchSnapshot();
  });

  test('logSidecar follows every file with tail -F, mounts the volume read-only and asks for little', () => {
    const logs = Volume.emptyDir('logs');
    expect(logSidecar({ volume: logs, path: '/var/log/nginx/', files: ['access.log', 'error.log'] })).toEqual({
      name: 'logs',
      image: 'busybox:1.36',
      command: ['tail', '-n', '+1', '-F', '/var/log/nginx/access.log', '/var/log/nginx/error.log'],
      mounts: [{ volume: logs, path: '/var/log/nginx/', readOnly: true }],
      resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
    });
    expect(HELPER_IMAGE).toBe('busybox:1.36');
    expect(HELPER_RESOURCES).toEqual({ requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } });
  });

  test('logSidecar takes a name, an image and resources', () => {
    expect(logSidecar({ volume: Volume.emptyDir('l'), path: '/l', files: ['$(HOME).log'] }).command).toEqual(['tail', '-n', '+1', '-F', '/l/$$(HOME).log']);
    const c = logSidecar({ volume: Volume.emptyDir('l'), path: '/l', files: ['a'], name: 'tail', image: 'alpine:3.20', resources: { requests: { cpu: '5m' } } });
    expect(c).toMatchObject({ name: 'tail', image: 'alpine:3.20', resources: { requests: { cpu: '5m' } } });
  });

  test('writeFilesInit passes names and contents in env, never through the shell', () => {
    const html = Volume.emptyDir('html');
    const c = writeFilesInit({ volume: html, path: '/usr/share/nginx/html', files: { 'index.html': '<h1>"$(rm -rf /)"</h1>', 'a.txt': 'x' } });
    expect(c.command).toEqual(['sh', '-c',
      'printf \'%s\' "$FILE_0_CONTENT" > "$FILE_0_NAME" && printf \'%s\' "$FILE_1_CONTENT" > "$FILE_1_NAME"']);
    expect(c.env).toEqual({ FILE_0_NAME: 'index.html', FILE_0_CONTENT: '<h1>"$$(rm -rf /)"</h1>', FILE_1_NAME: 'a.txt', FILE_1_CONTENT: 'x' });
    expect(c).toMatchObject({ name: 'write-files', workingDir: '/usr/share/nginx/html', mounts: [{ volume: html, path: '/usr/share/nginx/html' }] });
  });

  test('writeFilesInit: what the kubelet\'s $(VAR) expansion makes of the env is exactly the files given', () => {
    const files = { 'p$.txt': 'a $$ b $(HOME) c $(FILE_0_NAME) $( $', 'jq.html': '<script>$(document).ready()</script>' };
    const c = writeFilesInit({ volume: Volume.emptyDir('v'), path: '/v', files });
    const defined: { [name: string]: string } = { HOME: '/root' };
    const seen: { [name: string]: string } = {};
    for (const [name, value] of Object.entries(c.env!)) seen[name] = defined[name] = kubeletExpand(value, defined);
    expect(seen).toEqual({ FILE_0_NAME: 'p$.txt', FILE_0_CONTENT: files['p$.txt'], FILE_1_NAME: 'jq.html', FILE_1_CONTENT: files['jq.html'] });
  });

  test('one volume mounted into several containers (and an init container) appears once in the Pod', () => {
    const chart = Testing.chart();
    const shared = Volume.emptyDir('shared');
    new AppPod(chart, 'app', {
      containers: [
        { name: 'a', image: 'x', mounts: [{ volume: shared, path: '/data' }] },
        { name: 'b', image: 'y', mounts: [{ volume: shared, path: '/in', readOnly: true }] },
      ],
      initContainers: [writeFilesInit({ volume: shared, path: '/data', files: { f: '1' } })],
    });
    const spec = only(chart, 'Pod').spec;
    expect(spec.volumes).toEqual([{ name: 'shared', emptyDir: {} }]);
    expect(spec.initContainers[0].volumeMounts).toEqual([{ name: 'shared', mountPath: '/data' }]);
    expect(spec.containers.map((c: any) => c.volumeMounts)).toEqual([
      [{ name: 'shared', mountPath: '/data' }], [{ name: 'shared', mountPath: '/in', readOnly: true }],
    ]);
  });

  test('containers of a Pod reach each other on localhost', () => {
    const chart = Testing.chart();
    // The helper has no port of its own: its probe and its env go to the web container's port
    // over the Pod's shared network namespace.
    new AppPod(chart, 'app', {
      containers: [
        { name: 'web', image: 'nginx', port: 80 },
        {
          name: 'checker', image: 'busybox:1.36', command: ['sh', '-c', 'while true; do wget -q -O- "$WEB_URL" >/dev/null; sleep 30; done'],
          env: { WEB_URL: 'http://localhost:80/' },
          readiness: Probe.exec(['wget', '-q', '--spider', 'http://localhost:80/']),
        },
      ],
    });
    const [, checker] = only(chart, 'Pod').spec.containers;
    expect(checker.env).toEqual([{ name: 'WEB_URL', value: 'http://localhost:80/' }]);
    expect(checker.readinessProbe).toEqual({ exec: { command: ['wget', '-q', '--spider', 'http://localhost:80/'] } });
    expect(checker.ports).toBeUndefined();
  });

  test('fails on a file name with a slash, or none', () => {
    const v = Volume.emptyDir('v');
    expect(() => writeFilesInit({ volume: v, path: '/p', files: { '../etc/passwd': 'x' } }))
      .toThrow(/\[writeFilesInit\(\)\] files key: "\.\.\/etc\/passwd" is not valid: a plain file name/);
    expect(() => writeFilesInit({ volume: v, path: '/p', files: {} })).toThrow(/files key: \[\] is not valid: at least one file/);
    expect(() => logSidecar({ volume: v, path: '/p', files: ['a/b'] })).toThrow(/\[logSidecar\(\)\] files: "a\/b" is not valid/);
  });
});

/**
 * The kubelet's expansion of env values (`third_party/forked/golang/expansion` in Kubernetes):
 * `$$` is `$`, `$(NAME)` a defined variable's value (left as is when undefined).
 */
function kubeletExpand(input: string, vars: { [name: string]: string }): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] !== '$' || i + 1 >= input.length) { out += input[i]; continue; }
    const next = input[i + 1];
    if (next === '$') { out += '$'; i++; continue; }
    if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close >= 0) {
        const name = input.slice(i + 2, close);
        out += name in vars ? vars[name] : `$(${name})`;
        i = close;
        continue;
      }
      out += '$(';
      i++;
      continue;
    }
    out += '$' + next;
    i++;
  }
  return out;
}
