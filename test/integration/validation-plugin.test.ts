import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { CrossObjectValidation, PluginValidationContext, PluginViolation, ValidationError } from '../src';

const REPO = path.join(__dirname, '..');
const BROKEN = path.join(__dirname, 'fixtures', 'broken', 'broken.k8s.yaml');

/** A stand-in for cdk8s-cli's ValidationContext. */
function context(manifests: string[]) {
  const violations: PluginViolation[] = [];
  let status: string | undefined;
  const ctx: PluginValidationContext = {
    manifests,
    report: { addViolation: v => violations.push(v), submit: s => { status = s; } },
    parseManifest: file => parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS()),
  };
  return { ctx, violations, status: () => status };
}

describe('CrossObjectValidation, the cdk8s validation plugin', () => {
  test('passes the tutorial', async () => {
    const dist = path.join(REPO, 'dist');
    const { ctx, violations, status } = context(fs.readdirSync(dist).filter(f => f.endsWith('.k8s.yaml')).map(f => path.join(dist, f)));
    await new CrossObjectValidation().validate(ctx);
    expect(violations).toEqual([]);
    expect(status()).toBe('success');
  });

  test('fails manifests that break each rule, one violation per problem, in the library error format', async () => {
    const { ctx, violations, status } = context([BROKEN]);
    await new CrossObjectValidation().validate(ctx);
    expect(status()).toBe('failure');
    expect(violations.map(v => [v.ruleName, v.violatingResources.map(r => [r.resourceName, ...r.locations])])).toEqual([
      ['no-port-clash-in-pod', [['web', 'containers[1].ports[0]']]],
      ['service-selects-a-pod', [['no-pods', 'selector']]],
      ['target-port-is-exposed', [['wrong-port', 'targetPort']]],
      ['node-port-valid-and-unique', [['out-of-range', 'nodePort']]],
      ['node-port-valid-and-unique', [['second', 'nodePort']]],
      ['service-before-its-pods', [['late', 'output order']]],
    ]);
    for (const v of violations) {
      expect(v.violatingResources[0].manifestPath).toBe(BROKEN);
      expect(v.recommendation).toMatch(/^\[(Service|Deployment)\/[a-z-]+\] [a-zA-Z[\]0-9. ]+: .* is not valid: .+\./);
      expect(v.fix.length).toBeGreaterThan(0);
    }
    const text = violations.map(v => v.recommendation);
    expect(text[0]).toMatch(/^\[Deployment\/web\] containers\[1\]\.ports\[0\]: "80\/TCP" is not valid: a port no other container of the pod listens on: "nginx" already has 80\/TCP/);
    expect(text[1]).toMatch(/^\[Service\/no-pods\] selector: \{"app":"nobody"\} is not valid: /);
    expect(text[2]).toMatch(/^\[Service\/wrong-port\] targetPort: 8080 is not valid: a TCP port a selected pod declares: 80/);
    expect(text[3]).toMatch(/^\[Service\/out-of-range\] nodePort: 20000 is not valid: an integer from 30000 to 32767/);
    expect(text[4]).toMatch(/^\[Service\/second\] nodePort: 30100 is not valid: a nodePort no other Service of the app has: Service\/first already has it/);
  });

  test('fails two objects of one kind and name, as unique-object-names', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-names-'));
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n';
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: nginx\n      ports:\n        - containerPort: 80\n';
    const [first, second] = [path.join(dir, 'a.k8s.yaml'), path.join(dir, 'b.k8s.yaml')];
    fs.writeFileSync(first, svc);
    fs.writeFileSync(second, [svc, pod].join('---\n'));
    const { ctx, violations } = context([second, first]);
    await new CrossObjectValidation().validate(ctx);
    expect(violations.map(v => [v.ruleName, v.violatingResources[0].resourceName, v.violatingResources[0].manifestPath])).toEqual([['unique-object-names', 'web', second]]);
    expect(violations[0].recommendation).toMatch(/^\[Service\/web\] name: "web" is not valid: a name no other Service of the app has in its namespace/);
  });

  test('takes the cluster\'s node port range from its properties', async () => {
    const { ctx, violations } = context([BROKEN]);
    await new CrossObjectValidation({ nodePortRange: '20000-40000' }).validate(ctx);
    expect(violations.filter(v => v.violatingResources[0].resourceName === 'out-of-range')).toEqual([]);
  });

  test('fails a malformed nodePortRange property', () => {
    expect(() => new CrossObjectValidation({ nodePortRange: '40000-30000' })).toThrow(ValidationError);
    expect(() => new CrossObjectValidation({ nodePortRange: [1, 70000] })).toThrow(/properties\.nodePortRange: \[1,70000\] is not valid: a port range "lo-hi"/);
  });

  test('runs in cdk8s synth: the report names each rule and the synth exits with code 2', () => {
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-'));
    try {
      fs.copyFileSync(BROKEN, path.join(app, 'broken.k8s.yaml'));
      // an "app" that writes manifests which did not come from our constructs
      fs.writeFileSync(path.join(app, 'cdk8s.yaml'), [
        'app: mkdir -p "$CDK8S_OUTDIR" && cp broken.k8s.yaml "$CDK8S_OUTDIR/"',
        'output: dist',
        'validations:',
        `  - package: ${path.join(REPO, 'validation-plugin.js')}`,
        '    version: 0.1.0',
        '    class: CrossObjectValidation',
        '',
      ].join('\n'));
      const run = spawnSync(path.join(REPO, 'node_modules', '.bin', 'cdk8s'), ['synth', '--no-check-upgrade'], { cwd: app, encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('Validation failed');
      for (const rule of ['service-selects-a-pod', 'target-port-is-exposed', 'node-port-valid-and-unique', 'no-port-clash-in-pod', 'service-before-its-pods']) {
        expect(run.stdout).toContain(rule);
      }
      expect(run.stdout).toContain('Recommendation: [Service/wrong-port] targetPort: 8080 is not valid');
      expect(run.stdout).toContain('Resource Name: second');
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  }, 60_000);
});
