import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { CrossObjectValidation, PLATFORM_NAMES, PluginValidationContext, PluginViolation } from '../../src';
import { FIXTURES, REPO } from '../paths';
import { brief, problemsOf } from '../util';

const BROKEN = path.join(FIXTURES, 'broken', 'broken.k8s.yaml');

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

  test('passes the tutorial on every platform: nothing in it GKE Autopilot\'s admission or OpenShift\'s restricted-v2 refuses', async () => {
    const dist = path.join(REPO, 'dist');
    for (const platform of PLATFORM_NAMES) {
      const { ctx, violations, status } = context(fs.readdirSync(dist).filter(f => f.endsWith('.k8s.yaml')).map(f => path.join(dist, f)));
      await new CrossObjectValidation({ platform }).validate(ctx);
      expect(violations).toEqual([]);
      expect(status()).toBe('success');
    }
  });

  test('reports a warning (a route to a Gateway the files do not hold) as a violation, and succeeds', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-warning-'));
    try {
      const file = path.join(dir, 'route.k8s.yaml');
      fs.writeFileSync(file, [
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n',
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 80\n',
        'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: web\nspec:\n  parentRefs:\n    - name: shared\n  rules:\n    - backendRefs:\n        - name: web\n          port: 80\n',
      ].join('---\n'));
      const { ctx, violations, status } = context([file]);
      await new CrossObjectValidation().validate(ctx);
      expect(violations.map(v => [v.ruleName, v.violatingResources[0].resourceName, ...v.violatingResources[0].locations])).toEqual([
        ['route-gateway-outside-app', 'web', 'spec.parentRefs[0].name'],
      ]);
      expect(violations[0].recommendation).toContain('warning: ');
      expect(status()).toBe('success');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('fails manifests that break each rule: one violation per problem, named by its rule id, with the object, field and file', async () => {
    const { ctx, violations, status } = context([BROKEN]);
    await new CrossObjectValidation().validate(ctx);
    expect(status()).toBe('failure');
    expect(violations.map(v => [v.ruleName, v.violatingResources[0].resourceName, ...v.violatingResources[0].locations])).toEqual([
      ['object-name', '1-web', 'metadata.name'],
      ['service-ports', 'two-ports', 'spec.ports[1].name'],
      ['external-name', 'bad-host', 'spec.externalName'],
      ['no-port-clash-in-pod', 'web', 'spec.template.spec.containers[1].ports[0]'],
      ['image-reference', 'shouting', 'spec.containers[0].image'],
      ['containers', 'twins', 'spec.containers[1].name'],
      ['resources', 'greedy', 'spec.containers[0].resources.requests.memory'],
      ['volumes', 'lost-mount', 'spec.containers[0].volumeMounts[0].name'],
      ['restart-policy', 'oneshot', 'spec.template.spec.restartPolicy'],
      ['controller-selector', 'astray', 'spec.selector.matchLabels'],
      ['network-policy', 'port-zero', 'spec.ingress[0].ports[0].port'],
      ['session-affinity', 'sticky', 'spec.sessionAffinityConfig.clientIP.timeoutSeconds'],
      ['ingress', 'relative-path', 'spec.rules[0].http.paths[0].path'],
      ['unique-object-names', 'settings', 'metadata.name'],
      ['node-port', 'out-of-range', 'spec.ports[0].nodePort'],
      ['node-port', 'second', 'spec.ports[0].nodePort'],
      ['service-selects-a-pod', 'no-pods', 'spec.selector'],
      ['target-port-is-exposed', 'wrong-port', 'spec.ports[0].targetPort'],
      ['service-before-its-pods', 'late', 'metadata.name'],
      ['service-port-allowed', 'isolated', 'spec.ports[0]'],
      ['ingress-backend', 'missing-port', 'spec.rules[0].http.paths[0].backend.service.port.number'],
    ]);
    for (const v of violations) {
      expect(v.violatingResources[0].manifestPath).toBe(BROKEN);
      expect(v.recommendation).toMatch(new RegExp(`^\\[[A-Za-z]+/${v.violatingResources[0].resourceName}\\] `));
      expect(v.recommendation.endsWith(`[${v.ruleName}]`)).toBe(true);
      expect(v.fix.length).toBeGreaterThan(0);
    }
  });

  test('names the knob that widens the node port range where it runs: its own property, not the app\'s context key', async () => {
    const { ctx, violations } = context([BROKEN]);
    await new CrossObjectValidation().validate(ctx);
    const range = violations.find(v => v.violatingResources[0].resourceName === 'out-of-range')!;
    expect(range.fix).toContain('properties.nodePortRange');
    expect(range.fix).not.toContain('cdk8s-pods-services:nodePortRange');
  });

  test('checks every file together, in file name order: a name in two files is reported on the later one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-names-'));
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n';
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: nginx\n      ports:\n        - containerPort: 80\n';
    const [first, second] = [path.join(dir, 'a.k8s.yaml'), path.join(dir, 'b.k8s.yaml')];
    fs.writeFileSync(first, svc);
    fs.writeFileSync(second, [svc, pod].join('---\n'));
    const { ctx, violations } = context([second, first]);
    await new CrossObjectValidation().validate(ctx);
    expect(violations.map(v => [v.ruleName, v.violatingResources[0].resourceName, v.violatingResources[0].manifestPath])).toEqual([['unique-object-names', 'web', second]]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('takes the cluster\'s node port range from its properties', async () => {
    const { ctx, violations } = context([BROKEN]);
    await new CrossObjectValidation({ nodePortRange: '20000-40000' }).validate(ctx);
    expect(violations.filter(v => v.violatingResources[0].resourceName === 'out-of-range')).toEqual([]);
  });

  test('skips the rules its skipRules property names; an unknown one is refused with the other malformed properties', async () => {
    const { ctx, violations } = context([BROKEN]);
    await new CrossObjectValidation({ skipRules: ['service-before-its-pods', 'node-port'] }).validate(ctx);
    expect(violations.map(v => v.ruleName)).not.toContain('service-before-its-pods');
    expect(violations.map(v => v.ruleName)).not.toContain('node-port');
    expect(violations.length).toBe(18);
    expect(brief(problemsOf(() => new CrossObjectValidation({ skipRules: ['nope'], nodePortRange: 'x' })))).toEqual([
      { rule: 'props', field: 'properties.nodePortRange', value: 'x' },
      { rule: 'props', field: 'properties.skipRules', value: ['nope'] },
    ]);
  });

  test('fails a malformed nodePortRange property', () => {
    expect(brief(problemsOf(() => new CrossObjectValidation({ nodePortRange: '40000-30000' })))).toEqual([{ rule: 'props', field: 'properties.nodePortRange', value: '40000-30000' }]);
    expect(brief(problemsOf(() => new CrossObjectValidation({ nodePortRange: [1, 70000] })))).toEqual([{ rule: 'props', field: 'properties.nodePortRange', value: [1, 70000] }]);
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
      for (const rule of ['service-selects-a-pod', 'target-port-is-exposed', 'node-port', 'no-port-clash-in-pod', 'service-before-its-pods', 'object-name']) {
        expect(run.stdout).toContain(`${rule} (`);
      }
      expect(run.stdout).toContain('Recommendation: [Service/wrong-port] spec.ports[0].targetPort: 8080 is not valid');
      expect(run.stdout).toContain('Resource Name: second');
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  }, 60_000);
});
