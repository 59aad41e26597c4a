import { Testing } from 'cdk8s';
import { AppPod, HELPER_IMAGE, HELPER_RESOURCES, logSidecar, Probe, Volume, writeFilesInit } from '../../../src';
import { brief, only, problemsOf, synth } from '../../util';

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

  describe('logSidecar', () => {
    test('follows every file with tail -F, mounts the volume read-only; defaults: named logs, busybox, small resources', () => {
      const logs = Volume.emptyDir('logs');
      // (its fields: the liveness probe a restricted profile gives it travels under a symbol)
      expect(Object.fromEntries(Object.entries(logSidecar({ volume: logs, path: '/var/log/nginx/', files: ['access.log', 'error.log'] })))).toEqual({
        name: 'logs',
        image: HELPER_IMAGE,
        command: ['tail', '-n', '+1', '-F', '/var/log/nginx/access.log', '/var/log/nginx/error.log'],
        mounts: [{ volume: logs, path: '/var/log/nginx/', readOnly: true }],
        resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
      });
    });

    test('the default image and resources are the exported HELPER_IMAGE and HELPER_RESOURCES, which cannot be changed', () => {
      const c = logSidecar({ volume: Volume.emptyDir('l'), path: '/l', files: ['a'] });
      expect(c.image).toBe(HELPER_IMAGE);
      expect(c.resources).toEqual(HELPER_RESOURCES);
      expect(Object.isFrozen(HELPER_RESOURCES) && Object.isFrozen(HELPER_RESOURCES.requests) && Object.isFrozen(HELPER_RESOURCES.limits)).toBe(true);
    });

    test('takes a name, an image and resources', () => {
      const c = logSidecar({ volume: Volume.emptyDir('l'), path: '/l', files: ['a'], name: 'tail', image: 'alpine:3.20', resources: { requests: { cpu: '5m' } } });
      expect(c).toMatchObject({ name: 'tail', image: 'alpine:3.20', resources: { requests: { cpu: '5m' } } });
    });

    test('escapes $ in file names from the kubelet\'s $(VAR) expansion', () => {
      expect(logSidecar({ volume: Volume.emptyDir('l'), path: '/l', files: ['$(HOME).log'] }).command).toEqual(['tail', '-n', '+1', '-F', '/l/$$(HOME).log']);
    });
  });

  describe('writeFilesInit', () => {
    test('passes names and contents in env, never through the shell; defaults: named write-files, busybox, small resources', () => {
      const html = Volume.emptyDir('html');
      const c = writeFilesInit({ volume: html, path: '/usr/share/nginx/html', files: { 'index.html': '<h1>"$(rm -rf /)"</h1>', 'a.txt': 'x' } });
      expect(c).toEqual({
        name: 'write-files',
        image: HELPER_IMAGE,
        command: ['sh', '-c', 'printf \'%s\' "$FILE_0_CONTENT" > "$FILE_0_NAME" && printf \'%s\' "$FILE_1_CONTENT" > "$FILE_1_NAME"'],
        env: { FILE_0_NAME: 'index.html', FILE_0_CONTENT: '<h1>"$$(rm -rf /)"</h1>', FILE_1_NAME: 'a.txt', FILE_1_CONTENT: 'x' },
        workingDir: '/usr/share/nginx/html',
        mounts: [{ volume: html, path: '/usr/share/nginx/html' }],
        resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
      });
    });

    test('takes a name, an image and resources', () => {
      const c = writeFilesInit({ volume: Volume.emptyDir('v'), path: '/v', files: { f: '1' }, name: 'seed', image: 'alpine:3.20', resources: { limits: { memory: '8Mi' } } });
      expect(c).toMatchObject({ name: 'seed', image: 'alpine:3.20', resources: { limits: { memory: '8Mi' } } });
    });

    test('what the kubelet\'s $(VAR) expansion makes of the env is exactly the files given', () => {
      const files = { 'p$.txt': 'a $$ b $(HOME) c $(FILE_0_NAME) $( $', 'jq.html': '<script>$(document).ready()</script>' };
      const c = writeFilesInit({ volume: Volume.emptyDir('v'), path: '/v', files });
      const defined: { [name: string]: string } = { HOME: '/root' };
      const seen: { [name: string]: string } = {};
      for (const [name, value] of Object.entries(c.env!)) seen[name] = defined[name] = kubeletExpand(value as string, defined);
      expect(seen).toEqual({ FILE_0_NAME: 'p$.txt', FILE_0_CONTENT: files['p$.txt'], FILE_1_NAME: 'jq.html', FILE_1_CONTENT: files['jq.html'] });
    });
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
    const { spec } = only(chart, 'Pod');
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
          name: 'checker', image: 'busybox:1.36.1', command: ['sh', '-c', 'while true; do wget -q -O- "$WEB_URL" >/dev/null; sleep 30; done'],
          env: { WEB_URL: 'http://localhost:80/' },
          readiness: Probe.exec(['wget', '-q', '--spider', 'http://localhost:80/']),
        },
      ],
    });
    const checker = only(chart, 'Pod').spec.containers.find((c: any) => c.name === 'checker');
    expect(checker.env).toEqual([{ name: 'WEB_URL', value: 'http://localhost:80/' }]);
    expect(checker.readinessProbe).toEqual({ exec: { command: ['wget', '-q', '--spider', 'http://localhost:80/'] } });
    expect(checker.ports).toBeUndefined();
  });

  describe('fails', () => {
    const v = Volume.emptyDir('v');

    test('fails on a file name with a slash', () => {
      const problems = problemsOf(() => writeFilesInit({ volume: v, path: '/p', files: { '../etc/passwd': 'x' } }));
      expect(brief(problems)).toEqual([{ rule: 'props', field: 'files', value: '../etc/passwd' }]);
      expect(problems[0].path).toBe('writeFilesInit()');
      const sidecar = problemsOf(() => logSidecar({ volume: v, path: '/p', files: ['a/b'] }));
      expect(brief(sidecar)).toEqual([{ rule: 'props', field: 'files', value: 'a/b' }]);
      expect(sidecar[0].path).toBe('logSidecar()');
    });

    test('fails on no files at all', () => {
      expect(brief(problemsOf(() => writeFilesInit({ volume: v, path: '/p', files: {} })))).toEqual([{ rule: 'props', field: 'files', value: {} }]);
      expect(brief(problemsOf(() => logSidecar({ volume: v, path: '/p', files: [] })))).toEqual([{ rule: 'props', field: 'files', value: [] }]);
    });

    test('fails on a file name of "." or "..", or empty', () => {
      expect(brief(problemsOf(() => logSidecar({ volume: v, path: '/p', files: ['.', '..', ''] })))).toEqual([
        { rule: 'props', field: 'files', value: '.' }, { rule: 'props', field: 'files', value: '..' }, { rule: 'props', field: 'files', value: '' },
      ]);
    });

    test('fails on an empty path', () => {
      expect(brief(problemsOf(() => writeFilesInit({ volume: v, path: '', files: { f: '1' } })))).toEqual([{ rule: 'props', field: 'path', value: '' }]);
    });
  });

  describe('wrong types from JavaScript are reported as props, never as a TypeError', () => {
    test('fails on null props', () => {
      expect(brief(problemsOf(() => logSidecar(null as any)))).toEqual([{ rule: 'props', field: 'props', value: null }]);
      expect(brief(problemsOf(() => writeFilesInit(undefined as any)))).toEqual([{ rule: 'props', field: 'props', value: undefined }]);
    });

    test('fails on a missing volume and files, together', () => {
      expect(brief(problemsOf(() => logSidecar({ path: '/l' } as any)))).toEqual([
        { rule: 'props', field: 'volume', value: undefined }, { rule: 'props', field: 'files', value: undefined },
      ]);
    });

    test('fails on a plain object as the volume', () => {
      expect(brief(problemsOf(() => logSidecar({ volume: { name: 'v' } as any, path: '/l', files: ['a'] })))).toEqual([{ rule: 'props', field: 'volume', value: { name: 'v' } }]);
    });

    test('fails on files as an array for writeFilesInit, or as an object for logSidecar', () => {
      expect(brief(problemsOf(() => writeFilesInit({ volume: Volume.emptyDir('v'), path: '/v', files: ['a'] as any })))).toEqual([{ rule: 'props', field: 'files', value: ['a'] }]);
      expect(brief(problemsOf(() => logSidecar({ volume: Volume.emptyDir('v'), path: '/v', files: { a: 'x' } as any })))).toEqual([{ rule: 'props', field: 'files', value: { a: 'x' } }]);
    });

    test('fails on a file content that is not a string', () => {
      expect(brief(problemsOf(() => writeFilesInit({ volume: Volume.emptyDir('v'), path: '/v', files: { a: 1 as any } })))).toEqual([{ rule: 'props', field: 'files["a"]', value: 1 }]);
    });

    test('fails on a path that is not a string', () => {
      expect(brief(problemsOf(() => logSidecar({ volume: Volume.emptyDir('v'), path: 5 as any, files: ['a'] })))).toEqual([{ rule: 'props', field: 'path', value: 5 }]);
    });
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
