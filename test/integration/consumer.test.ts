import { execFileSync, spawnSync } from 'child_process';
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

  test('cdk8s synth of the strict TypeScript app writes its manifests', () => {
    const objects = manifests(path.join(work, 'dist', 'consumer-ts.k8s.yaml'));
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Service/web-svc',
      'Pod/web',
      'Service/consumer-ts-api-svc-c8519e04',
      'Pod/consumer-ts-api-c8a753f1',
      'Service/consumer-ts-shop-svc-c80bec9b',
      'Pod/consumer-ts-shop-c80ca324',
      'NetworkPolicy/consumer-ts-allow-web-c87e49e3',
    ]);
    const shopSvc = objects.find(o => o.metadata.name === 'consumer-ts-shop-svc-c80bec9b')!;
    expect(shopSvc.spec).toEqual({ type: 'LoadBalancer', selector: { app: 'shop' }, ports: [{ port: 80, targetPort: 'http' }] });
    const api = objects.find(o => o.metadata.name === 'consumer-ts-api-c8a753f1')!;
    expect(api.spec.containers[0]).toMatchObject({ image: 'sposigor/app-flask-teste:1', env: [{ name: 'PORT', value: '8080' }] });
  });

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
