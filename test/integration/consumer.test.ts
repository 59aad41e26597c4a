import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { Manifest } from '../util';

import { REPO } from '../paths';
const RUN = path.join(REPO, 'test/integration/consumer/run.sh');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { packFigure, figuresIn } = require('../../scripts/figures.js') as {
  packFigure(report: object): string;
  figuresIn(text: string): { [name: string]: string };
};

function manifests(file: string): Manifest[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS());
}

/** The cdk8s-plus packages in a consumer app's node_modules, as name@version. */
function plusInstalled(dir: string): string[] {
  return fs.readdirSync(path.join(dir, 'node_modules')).filter(n => /^cdk8s-plus-\d+$/.test(n))
    .map(n => `${n}@${JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', n, 'package.json'), 'utf8')).version}`);
}

/**
 * The newest cdk8s-plus major on the registry and its latest version, asked of npm now: each
 * cdk8s-plus-NN from 28 up until npm answers E404 (a pin would go stale silently the day a new
 * major ships; this way the test follows the registry and says which one it ran). Any other
 * npm failure (the registry unreachable) fails the test rather than passing with an older major.
 */
function newestPlus(): { name: string; version: string } {
  let found: { name: string; version: string } | undefined;
  for (let major = 28; ; major++) {
    const name = `cdk8s-plus-${major}`;
    const view = spawnSync('npm', ['view', name, 'version', '--json', '--no-update-notifier'], { encoding: 'utf8' });
    if (view.status !== 0) {
      if (found !== undefined && /\bE404\b/.test(view.stdout + view.stderr)) return found;
      throw new Error(`npm view ${name} version failed (status ${view.status}): ${view.stderr || view.stdout}`);
    }
    found = { name, version: JSON.parse(view.stdout) as string };
  }
}

/** cdk8s synth ran the package's validation plugin in `dir`, and it passed. */
function expectSynthPassed(dir: string): void {
  const log = fs.readFileSync(path.join(dir, 'synth.log'), 'utf8');
  expect(log).toMatch(/Status\s+│ success/);
  expect(log).toContain('Validations ended succesfully'); // sic, cdk8s-cli's spelling
}

/**
 * app/main.ts, synthesized by cdk8s synth with `plus` installed: our pods, the cdk8s-plus
 * NetworkPolicy that selects them, a cdk8s-plus ConfigMap and Secret read by our values (env
 * from a key, envFrom, Secret and ConfigMap volumes, and the checksum of their data), and a
 * cdk8s-plus Deployment beside our pods.
 */
function expectPlusApp(dir: string, plus: string): void {
  expectSynthPassed(dir);
  const objects = manifests(path.join(dir, 'dist', 'consumer-ts.k8s.yaml'));
  expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
    'Service/web-svc',
    'Pod/web',
    'Service/consumer-ts-api-svc-c8519e04',
    'Pod/consumer-ts-api-c8a753f1',
    'Service/consumer-ts-shop-svc-c80bec9b',
    'Pod/consumer-ts-shop-c80ca324',
    'NetworkPolicy/consumer-ts-allow-web-c87e49e3',
    'ConfigMap/consumer-ts-settings-c8f0e3dd',
    'Secret/consumer-ts-credentials-c868d9f4',
    'Deployment/consumer-ts-worker-c8de2f28',
    'PodDisruptionBudget/consumer-ts-worker-c8de2f28',
    'Deployment/consumer-ts-legacy-c86a92a6',
  ]);
  const byName = (name: string) => objects.find(o => o.metadata.name === name)!;
  expect(byName('consumer-ts-shop-svc-c80bec9b').spec).toEqual({ type: 'LoadBalancer', selector: { app: 'shop' }, ports: [{ port: 80, targetPort: 'http' }] });
  expect(byName('consumer-ts-api-c8a753f1').spec.containers[0]).toMatchObject({ image: 'sposigor/app-flask-teste:1', env: [{ name: 'PORT', value: '8080' }] });
  expect(byName('consumer-ts-allow-web-c87e49e3').spec).toMatchObject({
    podSelector: { matchLabels: { app: 'shop' } },
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
  });
  // written by cdk8s-plus, read by our values under the names cdk8s-plus gave them
  expect(byName('consumer-ts-settings-c8f0e3dd')).toMatchObject({ kind: 'ConfigMap', data: { GREETING: 'olá' } });
  expect(byName('consumer-ts-credentials-c868d9f4')).toMatchObject({ kind: 'Secret', stringData: { TOKEN: 'not-a-real-token' } });
  const worker = objects.find(o => o.kind === 'Deployment' && o.metadata.name === 'consumer-ts-worker-c8de2f28')!;
  const pod = worker.spec.template;
  expect(pod.spec.containers[0]).toMatchObject({
    image: 'example/worker:3',
    env: [{ name: 'GREETING', valueFrom: { configMapKeyRef: { name: 'consumer-ts-settings-c8f0e3dd', key: 'GREETING' } } }],
    envFrom: [{ secretRef: { name: 'consumer-ts-credentials-c868d9f4' } }],
    volumeMounts: [
      { name: 'credentials', mountPath: '/etc/credentials', readOnly: true },
      { name: 'settings', mountPath: '/etc/settings', readOnly: true },
    ],
  });
  expect(pod.spec.volumes).toEqual([
    { name: 'credentials', secret: { secretName: 'consumer-ts-credentials-c868d9f4' } },
    { name: 'settings', configMap: { name: 'consumer-ts-settings-c8f0e3dd' } },
  ]);
  // rollOnConfigChange read the data the cdk8s-plus objects write: the sha256 of each one's
  // data, by kind/name in order, keys sorted (src/values/config-refs.ts configChecksum)
  const data = [
    ['ConfigMap/consumer-ts-settings-c8f0e3dd', { data: { GREETING: 'olá' } }],
    ['Secret/consumer-ts-credentials-c868d9f4', { stringData: { TOKEN: 'not-a-real-token' } }],
  ];
  expect(pod.metadata.annotations).toEqual({ 'checksum/config': createHash('sha256').update(JSON.stringify(data)).digest('hex') });
  // the cdk8s-plus Deployment, as cdk8s-plus writes it, beside our pods
  const legacy = byName('consumer-ts-legacy-c86a92a6');
  expect(legacy).toMatchObject({ apiVersion: 'apps/v1', spec: { replicas: 2 } });
  expect(legacy.spec.template.spec.containers[0]).toMatchObject({
    image: 'example/legacy:7', ports: [{ containerPort: 8080 }], envFrom: [{ configMapRef: { name: 'consumer-ts-settings-c8f0e3dd' } }],
  });
  expect(fs.readFileSync(path.join(dir, 'main.ts'), 'utf8')).toContain(`import * as kplus from '${plus}';`);
}

// Builds, packs and installs the package into a fresh cdk8s app (test/consumer/run.sh):
// the consumer's view of the package. npm takes the peers from its cache or the registry.
describe('a consumer of the packed tarball', () => {
  let work: string;
  let log: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-'));
    log = execFileSync('bash', [RUN, work], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }, 180_000);
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  const tarball = () => path.join(work, fs.readdirSync(work).find(f => f.endsWith('.tgz'))!);

  test('the tarball ships lib/ (.js and .d.ts), the README, LICENSE and package.json, and no tests or tutorial app', () => {
    const files = execFileSync('tar', ['-tzf', tarball()], { encoding: 'utf8' }).trim().split('\n').map(f => f.replace(/^package\//, ''));
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'lib/index.js', 'lib/index.d.ts',
      'lib/constructs/app-pod.d.ts', 'lib/core/engine.js', 'lib/tools/validation-plugin.js',
      // the entry points of package.json "exports"
      'lib/check.js', 'lib/check.d.ts', 'lib/rules.js', 'lib/rules.d.ts', 'lib/plugin.js', 'lib/plugin.d.ts', 'lib/topology.js', 'lib/topology.d.ts']));
    expect(files.filter(f => !/^lib\/.*\.(js|d\.ts)$/.test(f) && !['package.json', 'README.md', 'LICENSE'].includes(f))).toEqual([]);
    // every module shipped is one of src/ (a stale lib/ from an older build would ship deleted ones)
    const modules = files.filter(f => f.endsWith('.js')).map(f => f.replace(/^lib\//, 'src/').replace(/\.js$/, '.ts'));
    expect(modules.filter(m => !fs.existsSync(path.join(REPO, m)))).toEqual([]);
    // the tutorial app lives outside src/, so it cannot be packed
    expect(files.filter(f => /(main|tutorial)\.(js|d\.ts)$/.test(f))).toEqual([]);
  });

  test('the README states the tarball\'s size and file count as npm pack reports them (npm run figures)', () => {
    const report = JSON.parse(fs.readFileSync(path.join(work, 'pack.json'), 'utf8'))[0];
    expect(fs.statSync(tarball()).size).toBe(report.size);
    expect(figuresIn(fs.readFileSync(path.join(REPO, 'README.md'), 'utf8')).pack).toBe(packFigure(report));
  });

  test('the plain CommonJS app writes what the tutorial writes for the same pods', () => {
    expect(log).toMatch(/cdk8s-pods-services@\d+\.\d+\.\d+/);
    const written = fs.readFileSync(path.join(work, 'dist-js', 'consumer-js.k8s.yaml'), 'utf8');
    expect(written).toEqual(fs.readFileSync(path.join(REPO, 'dist', '02-cluster-ip.k8s.yaml'), 'utf8'));
  });

  test('cdk8s synth runs the package\'s validation plugin from node_modules, and it passes', () => {
    const log = fs.readFileSync(path.join(work, 'synth.log'), 'utf8');
    expect(log).toContain('Validation Report (');
    expect(log).toMatch(/Status\s+│ success/);
    expect(log).toContain('Validations ended succesfully'); // sic, cdk8s-cli's spelling
  });

  test('cdk8s synth of the strict TypeScript app, with cdk8s-plus-28, writes its manifests', () => {
    expect(plusInstalled(work).map(p => p.replace(/@.*/, ''))).toEqual(['cdk8s-plus-28']);
    expectPlusApp(work, 'cdk8s-plus-28');
  });

  // cdk8s-plus is an optional peer: the same package, in an app with none and in one with the
  // newest major on the registry (and only that one). npm's cache is shared, the tarball reused.
  test('with no cdk8s-plus installed, the app type-checks and cdk8s synth writes its manifests', () => {
    const dir = path.join(work, 'no-plus');
    execFileSync('bash', [RUN, dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CONSUMER_TARBALL: tarball(), CONSUMER_PLUS: 'none' } });
    expect(plusInstalled(dir)).toEqual([]);
    expectSynthPassed(dir);
    const objects = manifests(path.join(dir, 'dist', 'consumer-no-plus.k8s.yaml'));
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Service/web-svc', 'Pod/web', 'Pod/worker']);
    const worker = objects.find(o => o.metadata.name === 'worker')!;
    expect(worker.spec.containers[0]).toMatchObject({
      env: [{ name: 'GREETING', valueFrom: { configMapKeyRef: { name: 'settings', key: 'GREETING' } } }],
      envFrom: [{ secretRef: { name: 'credentials' } }],
      volumeMounts: [{ name: 'credentials', mountPath: '/etc/credentials', readOnly: true }],
    });
    expect(worker.spec.volumes).toEqual([{ name: 'credentials', secret: { secretName: 'credentials' } }]);
  }, 120_000);

  test('with the newest cdk8s-plus major on the registry (alone), the app type-checks and cdk8s synth writes its manifests', () => {
    const { name, version } = newestPlus();
    const dir = path.join(work, 'newest-plus');
    execFileSync('bash', [RUN, dir], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CONSUMER_TARBALL: tarball(), CONSUMER_PLUS: name, CDK8S_PLUS_VERSION: version },
    });
    expect(plusInstalled(dir)).toEqual([`${name}@${version}`]);
    expectPlusApp(dir, name);
  }, 120_000);

  test('fails with the real cause, not npm\'s peer conflict, when npm cannot fetch the peers', () => {
    const failing = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-failing-'));
    const emptyCache = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-cache-'));
    try {
      // An empty cache and a registry that refuses every connection (a closed port on loopback).
      const run = spawnSync('bash', [RUN, failing], {
        encoding: 'utf8',
        env: {
          ...process.env, CONSUMER_TARBALL: tarball(), npm_config_cache: emptyCache,
          npm_config_registry: 'http://127.0.0.1:9/', npm_config_fetch_retries: '0',
        },
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('consumer install failed');
      expect(run.stderr).toMatch(/cause: npm cannot fetch cdk8s@\S+: code ECONNREFUSED request to http:\/\/127\.0\.0\.1:9\/cdk8s failed/);
    } finally {
      fs.rmSync(failing, { recursive: true, force: true });
      fs.rmSync(emptyCache, { recursive: true, force: true });
    }
  }, 60_000);
});
