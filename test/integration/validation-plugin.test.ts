import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { App, Chart } from 'cdk8s';
import { ExposedService, NginxPod, PLATFORM_NAMES, ServiceType } from '../../src';
import { CrossObjectValidation, PluginValidationContext, PluginViolation } from '../../src/plugin';
import { FIXTURES, REPO } from '../paths';
import { brief, problemsOf } from '../util';

const BROKEN = path.join(FIXTURES, 'broken', 'broken.k8s.yaml');

/** A stand-in for cdk8s-cli's ValidationContext. */
function context(manifests: string[]) {
  const violations: PluginViolation[] = [];
  let status: string | undefined;
  const submitted: Array<{ status: string; metadata?: { readonly [key: string]: string } }> = [];
  const ctx: PluginValidationContext = {
    manifests,
    report: { addViolation: v => violations.push(v), submit: (s, metadata) => { status = s; submitted.push({ status: s, metadata }); } },
    parseManifest: file => parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS()),
  };
  return { ctx, violations, status: () => status, submitted };
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
        ['route-gateway-outside-app', 'HTTPRoute/web', 'spec.parentRefs[0].name'], // (the Service and the Pod are named web too: by Kind/name)
      ]);
      expect(violations[0].recommendation).toContain('warning: ');
      expect(status()).toBe('success');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('fails manifests that break each rule: one violation per problem, by object then by rule, named by its rule id, with the object, field and file', async () => {
    const { ctx, violations, status } = context([BROKEN]);
    await new CrossObjectValidation().validate(ctx);
    expect(status()).toBe('failure');
    expect(violations.map(v => [v.ruleName, v.violatingResources[0].resourceName, ...v.violatingResources[0].locations])).toEqual([
      ['service-selects-a-pod', 'no-pods', 'spec.selector'],
      ['target-port-is-exposed', 'wrong-port', 'spec.ports[0].targetPort'],
      ['node-port', 'out-of-range', 'spec.ports[0].nodePort'],
      ['node-port', 'second', 'spec.ports[0].nodePort'],
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
      ['service-before-its-pods', 'late', 'metadata.name'],
      ['unique-object-names', 'ConfigMap/settings', 'metadata.name'], // (two objects are named settings: by Kind/name)
      ['service-port-allowed', 'Service/isolated', 'spec.ports[0]'],
      ['network-policy', 'port-zero', 'spec.ingress[0].ports[0].port'],
      ['session-affinity', 'sticky', 'spec.sessionAffinityConfig.clientIP.timeoutSeconds'],
      ['ingress', 'relative-path', 'spec.rules[0].http.paths[0].path'],
      ['ingress-backend', 'missing-port', 'spec.rules[0].http.paths[0].backend.service.port.number'],
    ]);
    for (const v of violations) {
      expect(v.violatingResources[0].manifestPath).toBe(BROKEN);
      // (named by its name, or by its Kind/name where the name is not the object's alone; a warning's recommendation starts with "warning: ")
      const name = v.violatingResources[0].resourceName;
      const warning = v.ruleName === 'service-before-its-pods' ? 'warning: ' : '';
      expect(v.recommendation.startsWith(name.includes('/') ? `${warning}[${name}] ` : `${warning}[`)).toBe(true);
      expect(v.recommendation).toMatch(new RegExp(`^${warning}\\[[A-Za-z]+/${name.split('/').pop()}\\] `));
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
    // Three objects are named web: the report names this one by its Kind/name.
    expect(violations.map(v => [v.ruleName, v.violatingResources[0].resourceName, v.violatingResources[0].manifestPath])).toEqual([['unique-object-names', 'Service/web', second]]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('takes the cluster\'s node port range from its properties', async () => {
    const { ctx, violations } = context([BROKEN]);
    await new CrossObjectValidation({ nodePortRange: '20000-40000' }).validate(ctx);
    expect(violations.filter(v => v.violatingResources[0].resourceName === 'out-of-range')).toEqual([]);
  });

  test('skips the rules its skipRules property names, and says why in the report; an unknown one, or one without a reason, is refused with the other malformed properties', async () => {
    const { ctx, violations, submitted } = context([BROKEN]);
    await new CrossObjectValidation({ skipRules: { 'service-before-its-pods': 'our pods read no Service variables', 'node-port': 'the cluster has a wide range' } }).validate(ctx);
    expect(violations.map(v => v.ruleName)).not.toContain('service-before-its-pods');
    expect(violations.map(v => v.ruleName)).not.toContain('node-port');
    expect(violations.length).toBe(18);
    expect(submitted[0].metadata?.Skipped).toBe('rule node-port is off: the cluster has a wide range; rule service-before-its-pods is off: our pods read no Service variables');
    expect(brief(problemsOf(() => new CrossObjectValidation({ skipRules: { nope: 'why' }, nodePortRange: 'x' })))).toEqual([
      { rule: 'props', field: 'properties.nodePortRange', value: 'x' },
      { rule: 'props', field: 'properties.skipRules["nope"]', value: 'nope' },
    ]);
    expect(brief(problemsOf(() => new CrossObjectValidation({ skipRules: { 'node-port': ' ' } })))).toEqual([
      { rule: 'props', field: 'properties.skipRules["node-port"]', value: ' ' },
    ]);
    // (a list of ids, the form before reasons were required, says how to give them)
    const listed = problemsOf(() => new CrossObjectValidation({ skipRules: ['node-port'] as any }));
    expect(brief(listed)).toEqual([{ rule: 'props', field: 'properties.skipRules', value: ['node-port'] }]);
    expect(listed[0].fix).toBe('say why each rule is off: { "node-port": "<why>" }');
  });

  test('reports a warning as a violation of a report that succeeds (cdk8s-cli has no levels); warningsAsErrors fails it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-warning-'));
    const file = path.join(dir, 'late.k8s.yaml');
    fs.writeFileSync(file, [
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.25\n      ports:\n        - containerPort: 80\n',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    app: p\n  ports:\n    - port: 80\n',
    ].join('---\n'));
    const warned = context([file]);
    await new CrossObjectValidation().validate(warned.ctx);
    expect(warned.violations.map(v => v.ruleName)).toEqual(['service-before-its-pods']);
    expect(warned.violations[0].recommendation).toMatch(/^warning: \[Service\/s\] metadata\.name: "s" is not valid: /);
    expect(warned.status()).toBe('success');
    expect(warned.submitted[0].metadata?.Warnings).toMatch(/^1 /);
    const strict = context([file]);
    await new CrossObjectValidation({ warningsAsErrors: true }).validate(strict.ctx);
    expect(strict.violations.map(v => v.ruleName)).toEqual(['service-before-its-pods']);
    expect(strict.violations[0].recommendation).toMatch(/^\[Service\/s\]/);
    expect(strict.status()).toBe('failure');
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

describe('the report names the right construct when two objects share a name', () => {
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: nothing\n  ports:\n    - port: 80\n';
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: NGINX\n';

  test('by Kind/name, which the app records beside cdk8s\'s name (in the metadata the CLI gives the plugin)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-paths-'));
    const file = path.join(dir, 'a.k8s.yaml');
    fs.writeFileSync(file, [svc, pod].join('---\n'));
    const { ctx, violations } = context([file]);
    const metadata = { 'web': { path: 'a/web-pod' }, 'Service/web': { path: 'a/web-svc' }, 'Pod/web': { path: 'a/web-pod' } };
    await new CrossObjectValidation().validate({ ...ctx, metadata });
    expect(violations.map(v => [v.ruleName, v.violatingResources[0].resourceName])).toEqual([
      ['service-selects-a-pod', 'Service/web'],
      ['image-reference', 'Pod/web'],
    ].sort((a, b) => violations.findIndex(v => v.ruleName === a[0]) - violations.findIndex(v => v.ruleName === b[0])));
    for (const v of violations) expect(metadata[v.violatingResources[0].resourceName as keyof typeof metadata]).toBeDefined();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('by name alone where the name is the object\'s alone (cdk8s\'s record names it right)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-paths-'));
    const file = path.join(dir, 'a.k8s.yaml');
    fs.writeFileSync(file, pod);
    const { ctx, violations } = context([file]);
    await new CrossObjectValidation().validate({ ...ctx, metadata: { web: { path: 'a/web' } } });
    expect(violations.map(v => v.violatingResources[0].resourceName)).toEqual(['web']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('an app with our constructs records each object by its Kind/name in construct-metadata.json', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-metadata-'));
    const app = new App({ outdir: dir, recordConstructMetadata: true });
    const chart = new Chart(app, 'a');
    const web = new NginxPod(chart, 'web-pod', { name: 'web' });
    new ExposedService(chart, 'web-svc', { name: 'web', type: ServiceType.CLUSTER_IP, target: web });
    app.synth();
    const { resources } = JSON.parse(fs.readFileSync(path.join(dir, 'construct-metadata.json'), 'utf8'));
    expect(resources).toEqual({ 'web': expect.anything(), 'Service/web': { path: 'a/web-svc/Resource' }, 'Pod/web': { path: 'a/web-pod/Resource' } });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

test('under cdk8s synth --format helm, construct-metadata.json leaves the chart\'s templates/ once the CLI has read it', async () => {
  const chart = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-helm-'));
  fs.writeFileSync(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: x\nversion: 1.0.0\n');
  fs.mkdirSync(path.join(chart, 'templates'));
  const manifest = path.join(chart, 'templates', 'a.k8s.yaml');
  fs.copyFileSync(path.join(REPO, 'dist', fs.readdirSync(path.join(REPO, 'dist')).find(f => f.endsWith('.k8s.yaml'))!), manifest);
  fs.writeFileSync(path.join(chart, 'templates', 'construct-metadata.json'), '{"version":"1.0.0","resources":{}}');
  const { ctx } = context([manifest]);
  await new CrossObjectValidation().validate(ctx);
  expect(fs.readdirSync(path.join(chart, 'templates'))).toEqual(['a.k8s.yaml']);
  // Outside a chart's templates/, it stays.
  const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-plain-'));
  fs.copyFileSync(manifest, path.join(plain, 'a.k8s.yaml'));
  fs.writeFileSync(path.join(plain, 'construct-metadata.json'), '{}');
  await new CrossObjectValidation().validate(context([path.join(plain, 'a.k8s.yaml')]).ctx);
  expect(fs.readdirSync(plain).sort()).toEqual(['a.k8s.yaml', 'construct-metadata.json']);
  fs.rmSync(chart, { recursive: true, force: true });
  fs.rmSync(plain, { recursive: true, force: true });
});
