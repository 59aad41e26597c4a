import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { Manifest } from './util';

const REPO = path.join(__dirname, '..');

function manifests(file: string): Manifest[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS());
}

// Builds, packs and installs the package into a fresh cdk8s app (test/consumer/run.sh),
// offline, from the npm cache `npm ci` filled: the consumer's view of the package.
describe('a consumer of the packed tarball', () => {
  let work: string;
  let log: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-'));
    log = execFileSync('bash', [path.join(REPO, 'test/consumer/run.sh'), work], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }, 120_000);
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('the tarball ships lib/ (.js and .d.ts), the README, LICENSE and package.json, and no tests or tutorial app', () => {
    const tarball = fs.readdirSync(work).find(f => f.endsWith('.tgz'))!;
    const files = execFileSync('tar', ['-tzf', path.join(work, tarball)], { encoding: 'utf8' }).trim().split('\n').map(f => f.replace(/^package\//, ''));
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'lib/index.js', 'lib/index.d.ts', 'lib/app-pod.d.ts']));
    expect(files.filter(f => !/^lib\/.*\.(js|d\.ts)$/.test(f) && !['package.json', 'README.md', 'LICENSE'].includes(f))).toEqual([]);
    expect(files.filter(f => /^lib\/(main|synth|tutorial\/)/.test(f))).toEqual([]);
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
});
