/**
 * docs/your-own-app.md's recipe, run as a `cdk8s init typescript-app` user runs it
 * (test/integration/consumer/recipe.sh): from an empty npm cache, with TypeScript 5.9 and 7.x,
 * as a CommonJS and as an ESM app, `npm install`, `npm run typecheck` and `npx cdk8s synth` with
 * the package's validation plugin.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { REPO } from '../paths';

const RECIPE = path.join(REPO, 'test/integration/consumer/recipe.sh');

describe('the own-app recipe of docs/your-own-app.md', () => {
  let root: string;
  let tarball: string;
  let cache: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'recipe-'));
    cache = path.join(root, 'npm-cache'); // empty: everything comes from the registry
    fs.mkdirSync(cache);
    const [report] = JSON.parse(execFileSync('npm', ['pack', '--json', '--silent', '--pack-destination', root], { cwd: REPO, encoding: 'utf8' }));
    tarball = path.join(root, report.filename);
  }, 120_000);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test.each([
    ['cjs', '5', 'npx ts-node main.ts'],
    ['cjs', '7', 'npx tsx main.ts'],
    ['esm', '5', 'npx tsx main.ts'],
    ['esm', '7', 'npx tsx main.ts'],
  ])('%s app, TypeScript %s: runs with `%s` and synthesizes, the plugin passing', (module, ts, runner) => {
    const work = path.join(root, `${module}-ts${ts}`);
    const log = execFileSync('bash', [RECIPE, work, module, ts], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CONSUMER_TARBALL: tarball, npm_config_cache: cache },
    });
    expect(log).toMatch(new RegExp(`Version ${ts}\\.`));
    expect(fs.readFileSync(path.join(work, 'cdk8s.yaml'), 'utf8')).toContain(`app: ${runner}\n`);
    expect(JSON.parse(fs.readFileSync(path.join(work, 'package.json'), 'utf8')).type).toBe(module === 'esm' ? 'module' : undefined);
    const synth = fs.readFileSync(path.join(work, 'synth.log'), 'utf8');
    expect(synth).toContain('Validations ended succesfully'); // sic, cdk8s-cli's spelling
    const objects = parseAllDocuments(fs.readFileSync(path.join(work, 'dist', 'my-app.k8s.yaml'), 'utf8')).map(d => d.toJS());
    // Ours and cdk8s-plus's, each Service before the pods it selects.
    expect(objects.map(o => o.kind)).toEqual(['Service', 'Pod', 'Service', 'Deployment']);
  }, 300_000);
});
