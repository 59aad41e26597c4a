/**
 * The engine (src/core/engine.ts) and `checkManifests`, its entry for any manifests: one
 * judgment of the objects as written, in output order. The rules themselves are tested one by
 * one in object-checks, cross-checks and pod-security.
 */
import { checkManifests } from '../../../src/check';
import { RULES } from '../../../src/rules';
import { judge } from '../../../src/core/engine';
import { brief, Manifest, problemsOf } from '../../util';

const pod = (name: string, labels: { [k: string]: string }, extra: object = {}): Manifest => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels, ...extra },
  spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] },
});
const svc = (name: string, selector: { [k: string]: string }, ports: object[] = [{ port: 80 }], extra: object = {}): Manifest => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name, ...extra }, spec: { selector, ports },
});

describe('checkManifests', () => {
  test('passes valid manifests', () => {
    expect(checkManifests([svc('web', { app: 'web' }), pod('web', { app: 'web' })])).toEqual([]);
  });

  test('reports the problems by object, in output order, then by rule, in registry order', () => {
    const problems = checkManifests([
      svc('web', { app: 'web' }, [{ port: 80, targetPort: 8080 }]),
      pod('Web', { app: 'web' }),
      svc('1-api', { app: 'api' }),
    ]);
    expect(problems.map(p => [p.rule, p.object])).toEqual([
      ['target-port-is-exposed', 'Service/web'],
      ['object-name', 'Pod/Web'],
      ['object-name', 'Service/1-api'],
      ['service-selects-a-pod', 'Service/1-api'],
    ]);
  });

  test('names each object by kind, namespace and name, as path and object, and knows no file', () => {
    const [p] = checkManifests([pod('Web', { app: 'web' }, { namespace: 'shop' })]);
    expect(p).toEqual(expect.objectContaining({ rule: 'object-name', path: 'Pod/shop/Web', object: 'Pod/shop/Web', field: 'metadata.name', value: 'Web' }));
    expect(p.file).toBeUndefined();
    expect(Object.keys(RULES)).toContain(p.rule);
  });

  test('malformed input is reported or skipped, never thrown on', () => {
    const junk = [null, 1, 'x', [], {}, { kind: 'Pod' }, { kind: 'Service', spec: { ports: 'x', selector: [] } },
      { kind: 'Deployment', spec: { template: 5 } }, { kind: 'CronJob', spec: { jobTemplate: null } },
      { kind: 'Pod', metadata: { name: 3, labels: { a: 1 }, annotations: 'x' }, spec: { containers: [null, { ports: [null, { containerPort: 'x' }], env: 'x', volumeMounts: [null] }], volumes: [null] } },
      { kind: 'Service', metadata: { name: 'x' }, spec: { type: 'NodePort', selector: { a: 'b' }, ports: [null, { port: 80, nodePort: 'x', targetPort: {} }] } }];
    let problems: unknown[] = [];
    expect(() => { problems = checkManifests(junk); }).not.toThrow();
    expect(problems.length).toBeGreaterThan(0);
  });

  // (how its time grows with the app is a benchmark's job, not a timed test's: `npm run bench -- scale`
  // reports the time per pair from 500 to 20,000 pairs)
  test('judges 20,000 objects, 10,000 Services each selecting its own pod among pods sharing a label, without a finding', () => {
    const objects: Manifest[] = [];
    for (let i = 0; i < 10_000; i++) {
      objects.push(svc(`s${i}`, { app: `a${i}`, tier: 'web' }));
      objects.push(pod(`p${i}`, { app: `a${i}`, tier: 'web' }));
    }
    expect(checkManifests(objects)).toEqual([]);
  });
});

describe('what the engine looks into', () => {
  test('objects of kinds it does not know are checked for their metadata only', () => {
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'Big Widget' }, spec: { containers: 'many' } };
    expect(brief(checkManifests([widget]))).toEqual([{ rule: 'object-name', field: 'metadata.name', value: 'Big Widget' }]);
  });

  test('a kind of another API group is not the built-in kind of that name: a Knative Service is no Service, a Volcano Job no Job', () => {
    const knative = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ image: 'nginx' }] } } } };
    const volcano = { apiVersion: 'batch.volcano.sh/v1alpha1', kind: 'Job', metadata: { name: 'train' }, spec: { tasks: [] } };
    const lookalike = { apiVersion: 'example.com/v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'web' } }, spec: {} };
    expect(checkManifests([knative, volcano, lookalike])).toEqual([]);
    // …and a Service selects no pod-like object of another group.
    expect(brief(checkManifests([svc('web', { app: 'web' }), lookalike]))).toEqual([
      { rule: 'service-selects-a-pod', field: 'spec.selector', value: { app: 'web' } },
    ]);
  });

  test('the built-in kinds are known in every version of their group; an object without an apiVersion is refused as such', () => {
    const deployment = (apiVersion?: string) => ({
      apiVersion, kind: 'Deployment', metadata: { name: `d-${apiVersion ?? 'none'}`.replace(/[/.]/g, '-') },
      spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'y' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    expect(checkManifests([deployment('apps/v1'), deployment('apps/v1beta2'), deployment('extensions/v1beta1'), deployment(undefined)]).map(p => [p.rule, p.field]))
      .toEqual([...Array(3).fill(['controller-selector', 'spec.selector.matchLabels']), ['kind', 'apiVersion']]);
  });
});

describe('judge', () => {
  test('reports at the construct path when it knows one, with the object and the file', () => {
    const [p] = judge([{ manifest: pod('Web', { app: 'web' }), path: 'app/web', file: 'dist/app.k8s.yaml' }]);
    expect(p).toMatchObject({ rule: 'object-name', path: 'app/web', object: 'Pod/Web', file: 'dist/app.k8s.yaml', field: 'metadata.name' });
  });

  test('checks the restricted level only where the construct promised it', () => {
    const privileged = pod('web', { app: 'web' });
    privileged.spec.containers[0].securityContext = { privileged: true };
    expect(judge([{ manifest: privileged }])).toEqual([]);
    expect(judge([{ manifest: privileged, intent: { podSecurity: 'restricted' } }]).map(p => p.rule)).not.toEqual([]);
  });

  test('the restricted level is checked at the pod template of a controller, and its annotations', () => {
    const deployment = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' }, annotations: { 'container.apparmor.security.beta.kubernetes.io/c': 'unconfined' } },
          spec: {
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{ name: 'c', image: 'nginx', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: true } }],
          },
        },
      },
    };
    expect(brief(judge([{ manifest: deployment, intent: { podSecurity: 'restricted' } }]))).toEqual([
      { rule: 'restricted-profile', field: 'spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/c"]', value: 'unconfined' },
      { rule: 'restricted-profile', field: 'spec.template.spec.containers[0].securityContext.privileged', value: true },
    ]);
  });
});

describe('what the engine reads as objects', () => {
  test('an empty document (null) is no object; the items of a List are objects of their own', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [svc('web', { app: 'web' }), pod('Web', { app: 'web' })] };
    expect(checkManifests([null, list, undefined]).map(p => [p.rule, p.object])).toEqual([['object-name', 'Pod/Web']]);
  });

  test('fails on an object without a kind or an apiVersion, and on what is no object at all', () => {
    expect(brief(checkManifests([{ apiVersion: 'v1', metadata: { name: 'x' } }, { kind: 'Pod', metadata: { name: 'x' } }, 42, []]))).toEqual([
      { rule: 'kind', field: 'kind', value: undefined },
      { rule: 'kind', field: 'apiVersion', value: undefined },
      { rule: 'kind', field: 'kind', value: undefined },
      { rule: 'kind', field: 'kind', value: undefined },
    ]);
  });

  test('fails on a nodePort that is not a number', () => {
    const nodePortService = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'np' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: '30001' }] } };
    expect(brief(checkManifests([nodePortService, pod('web', { app: 'web' })]))).toEqual([{ rule: 'node-port', field: 'spec.ports[0].nodePort', value: '30001' }]);
  });
});

describe('checkManifests\' options', () => {
  test('skipRules turns rules off, by id, each with its reason, which the result keeps', () => {
    const late = [pod('web', { app: 'web' }), svc('web', { app: 'web' })];
    expect(checkManifests(late).map(p => p.rule)).toEqual(['service-before-its-pods']);
    const skipped = checkManifests(late, { skipRules: { 'service-before-its-pods': 'our pods read no Service variables' } });
    expect(skipped).toEqual([]);
    expect(skipped.skipped).toEqual([{ rule: 'service-before-its-pods', reason: 'our pods read no Service variables' }]);
    expect(checkManifests(late).skipped).toEqual([]);
    expect(checkManifests(late)[0].fix).toContain('skipRules');
  });

  test('a warning is returned with its severity; warningsAsErrors makes it an error', () => {
    const late = [pod('web', { app: 'web' }), svc('web', { app: 'web' })];
    expect(checkManifests(late).map(p => [p.rule, p.severity])).toEqual([['service-before-its-pods', 'warning']]);
    expect(checkManifests(late, { warningsAsErrors: true }).map(p => [p.rule, p.severity])).toEqual([['service-before-its-pods', 'error']]);
  });

  test('fails on what is no list of objects, and on settings of the wrong shape, every one at once', () => {
    for (const wrong of [null, undefined, 'kind: Pod', 42] as any[]) {
      expect(brief(problemsOf(() => checkManifests(wrong)))).toEqual([{ rule: 'props', field: 'manifests', value: wrong }]);
    }
    expect(brief(problemsOf(() => checkManifests([], { nodePortRange: 'x', skipRules: { 'no-such-rule': 'why' }, warningsAsErrors: 'yes' as any })))).toEqual([
      { rule: 'props', field: 'nodePortRange', value: 'x' },
      { rule: 'props', field: 'skipRules["no-such-rule"]', value: 'no-such-rule' },
      { rule: 'props', field: 'warningsAsErrors', value: 'yes' },
    ]);
    // (a rule turned off without a reason is refused)
    expect(brief(problemsOf(() => checkManifests([], { skipRules: ['node-port'] as any })))).toEqual([{ rule: 'props', field: 'skipRules', value: ['node-port'] }]);
    expect(brief(problemsOf(() => checkManifests([], null as any)))).toEqual([{ rule: 'props', field: 'options', value: null }]);
  });
});
