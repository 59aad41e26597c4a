/**
 * The tutorial app (app/tutorial.ts): one chart per step, the seed manifests field for field,
 * and every file applicable on its own and all together on a small cluster.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { buildTutorial } from '../../../app/tutorial';
import { CAPACITY_CONTEXT, ClusterCapacity, LOCAL_CAPACITY, validateApp } from '../../../src';
import { checkManifests } from '../../../src/check';
import { FIXTURES } from '../../paths';
import { Manifest } from '../../util';

const SEEDS = path.join(FIXTURES, 'seed');

function tutorial(context?: { [key: string]: unknown }): App {
  const app = new App({ outdir: path.join(os.tmpdir(), 'tutorial-test-unused') });
  for (const [key, value] of Object.entries(context ?? {})) app.node.setContext(key, value);
  buildTutorial(app);
  return app;
}

const POD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet'];

/** The Pod itself, or a controller's pod template. */
function podTemplate(o: Manifest): Manifest {
  return o.kind === 'Pod' ? o : o.spec.template;
}

function seed(file: string): Manifest {
  return parseAllDocuments(fs.readFileSync(path.join(SEEDS, file), 'utf8'))[0].toJS();
}

describe('the tutorial app', () => {
  const app = tutorial();
  const charts = new Map(app.charts.map(chart => [chart.node.id, chart.toJson() as Manifest[]]));
  const all = [...charts.values()].flat();
  const find = (kind: string, name: string) => all.find(o => o.kind === kind && o.metadata.name === name);

  test('writes one chart per step', () => {
    expect([...charts.keys()]).toEqual([
      '01-o-primeiro-pod', '02-cluster-ip', '03-node-port', '04-load-balancer', '05-external-name',
      '06-sidecar-de-logs', '07-init-container', '08-deployment', '09-configuracao', '10-network-policy-ingress', '11-gateway-api',
    ]);
  });

  test.each([
    ['o_primeiro_pod.yaml', '01-o-primeiro-pod'],
    ['pod-1.yaml', '02-cluster-ip'],
    ['svc-pod.yaml', '02-cluster-ip'],
    ['pod-2.yaml', '03-node-port'],
    ['svc-pod2.yaml', '03-node-port'],
  ])('contains the seed manifest %s field for field', (file, chart) => {
    const expected = seed(file);
    const actual = charts.get(chart)!.find(o => o.kind === expected.kind && o.metadata.name === expected.metadata.name);
    expect(actual).toBeDefined();
    expect(actual).toMatchObject(expected);
  });

  test('passes every check, in the app and as files: each on its own, and all applied together', () => {
    expect(validateApp(app)).toEqual([]);
    for (const objects of charts.values()) expect(checkManifests(objects)).toEqual([]);
    // One app: no name, nodePort or misordered Service across the files either.
    expect(checkManifests(all)).toEqual([]);
  });

  test('by default every pod runs its preset\'s SecurityProfile.AS_BUILT: seccomp RuntimeDefault, the main container without privilege escalation', () => {
    const pods = all.filter(o => POD_KINDS.includes(o.kind)).map(podTemplate);
    expect(pods.length).toBeGreaterThan(0);
    for (const pod of pods) {
      expect(pod.spec.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.spec.containers[0].securityContext.allowPrivilegeEscalation).toBe(false);
    }
  });

  test('each Service selects the pods of its own step only', () => {
    for (const [chart, objects] of charts) {
      for (const svc of objects.filter(o => o.kind === 'Service' && o.spec.selector)) {
        const selected = all.filter(o => POD_KINDS.includes(o.kind)
          && Object.entries(svc.spec.selector).every(([k, v]) => podTemplate(o).metadata.labels?.[k] === v));
        expect(selected.map(o => charts.get(chart)!.includes(o))).toEqual([true]);
      }
    }
  });

  test('the LoadBalancer and ExternalName examples', () => {
    expect(find('Service', 'svc-pod3')!.spec).toEqual({
      type: 'LoadBalancer', selector: { app: 'pod-label3' }, ports: [{ port: 80, targetPort: 80 }],
    });
    expect(find('Service', 'svc-external')!.spec).toEqual({ type: 'ExternalName', externalName: 'foo.bar.example.com' });
  });

  test('the new steps: a log sidecar, an init container and 3 to 6 flask replicas behind NodePort 30001', () => {
    const logs = find('Pod', 'pod-logs')!.spec;
    // the log sidecar is a native sidecar at the default target (1.35): started before nginx, stopped after it
    expect(logs.containers.map((c: Manifest) => c.name)).toEqual(['nginx']);
    expect(logs.initContainers.map((c: Manifest) => [c.name, c.restartPolicy])).toEqual([['logs', 'Always']]);
    const init = find('Pod', 'pod-init')!.spec;
    expect(init.initContainers.map((c: Manifest) => c.name)).toEqual(['write-page']);
    const deployment = find('Deployment', 'flask-deployment')!;
    // the autoscaler sets the replicas, from 3 up to 6 on CPU; a drain evicts one pod at a time
    expect(deployment.spec.replicas).toBeUndefined();
    expect(find('HorizontalPodAutoscaler', 'flask-deployment')!.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'flask-deployment' }, minReplicas: 3, maxReplicas: 6,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    });
    expect(find('PodDisruptionBudget', 'flask-deployment')!.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { app: 'flask-replicas' } } });
    expect(find('Service', 'svc-flask')!.spec).toEqual({
      type: 'NodePort', selector: { app: 'flask-replicas' }, ports: [{ port: 5000, targetPort: 5000, nodePort: 30001 }],
    });
  });

  test('step 10: the nginx pod isolated by a NetworkPolicy, reachable through its Service and an Ingress of class nginx', () => {
    const policy = find('NetworkPolicy', 'pod-isolated')!;
    expect(policy.spec.podSelector).toEqual({ matchLabels: { app: 'pod-isolated' } });
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    // only the Service's container port, only from the ingress controller's namespace and access=true pods
    expect(policy.spec.ingress).toEqual([{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: {} }, { podSelector: { matchLabels: { access: 'true' } } }],
      ports: [{ port: 80 }],
    }]);
    expect(policy.spec.egress[0].to).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }]);
    expect(find('Service', 'svc-isolated')!.spec.ports).toEqual([{ port: 8080, targetPort: 80 }]);
    expect(find('Ingress', 'ingress-isolated')!.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'svc-isolated', port: { number: 8080 } } } }] } }],
    });
  });

  test('step 11: the flask Deployment behind a Gateway of class eg and an HTTPRoute that sends 10% of the requests to a canary', () => {
    const step = charts.get('11-gateway-api')!;
    expect(step.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Service/svc-flask-stable', 'Deployment/flask-stable', 'PodDisruptionBudget/flask-stable', 'Service/svc-flask-canary', 'Deployment/flask-canary',
      'Gateway/gateway-flask', 'HTTPRoute/route-flask',
    ]);
    expect(find('Gateway', 'gateway-flask')!.spec).toEqual({ gatewayClassName: 'eg', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] });
    expect(find('HTTPRoute', 'route-flask')!.spec).toEqual({
      parentRefs: [{ name: 'gateway-flask' }],
      rules: [{ backendRefs: [{ name: 'svc-flask-stable', port: 5000, weight: 90 }, { name: 'svc-flask-canary', port: 5000, weight: 10 }] }],
    });
    expect(find('Service', 'svc-flask-stable')!.spec.selector).toEqual({ app: 'flask-gateway', track: 'stable' });
    expect(find('Service', 'svc-flask-canary')!.spec.selector).toEqual({ app: 'flask-gateway', track: 'canary' });
    expect([find('Deployment', 'flask-stable')!.spec.replicas, find('Deployment', 'flask-canary')!.spec.replicas]).toEqual([2, 1]);
  });

  test('declares minikube\'s default node (the local platform), and all steps applied together fit it: the capacity check passes', () => {
    expect(ClusterCapacity.of(app)).toEqual(LOCAL_CAPACITY);
    expect(validateApp(app).filter(p => p.rule === 'capacity')).toEqual([]);
  });

  test('on a node a third the size the capacity check fails, counting 6 flask replicas, the rollout surge and the init containers', () => {
    const small = tutorial({ [CAPACITY_CONTEXT]: { nodes: 1, cpu: '1', memory: '1Gi', reserved: { cpu: '750m', memory: '170Mi' } } });
    const problems = validateApp(small).filter(p => p.rule === 'capacity');
    // 910m / 1168Mi for every replica (the autoscaler's 6 flask pods, step 11's 2 stable and 1
    // canary) and init container, and 250m / 320Mi more for the rollout surge of the four
    // Deployments (25%, rounded up: 2, 1, 1 and 1 pods)
    expect(problems.map(p => [p.object, p.field, p.value])).toEqual([
      ['Deployment/flask-deployment', 'requests.cpu (every pod of the app)', '1160m'],
      ['Deployment/flask-deployment', 'requests.memory (every pod of the app)', '1488Mi'],
    ]);
    expect(problems[0].allowed).toContain('Deployment/flask-deployment 400m (6 (its autoscaler\'s maxReplicas) + 2 during a rollout (maxSurge) × 50m)');
    expect(problems[0].allowed).toContain('at most 250m');
  });

  test('step 09 writes the ConfigMap before the Deployment that reads it, and no Secret: it references one, optionally', () => {
    const step = charts.get('09-configuracao')!;
    // (a Deployment of 2 replicas gets a PodDisruptionBudget of maxUnavailable 1: DeploymentOptions.highAvailability)
    expect(step.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/flask-settings', 'Deployment/flask-config', 'PodDisruptionBudget/flask-config']);
    const template = step[1].spec.template;
    expect(template.spec.containers[0].env).toEqual([
      { name: 'MENSAGEM', valueFrom: { configMapKeyRef: { name: 'flask-settings', key: 'MENSAGEM' } } },
      { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'flask-token', key: 'token', optional: true } } },
    ]);
    expect(template.metadata.annotations['checksum/config']).toMatch(/^[0-9a-f]{64}$/);
  });

  test('no pod sets a security context that would refuse the root nginx and flask images', () => {
    for (const pod of all.filter(o => POD_KINDS.includes(o.kind)).map(o => podTemplate(o))) {
      expect(pod.spec.securityContext?.runAsNonRoot).not.toBe(true);
      for (const c of pod.spec.containers) {
        expect(c.securityContext?.runAsNonRoot).not.toBe(true);
        expect(c.securityContext?.readOnlyRootFilesystem).not.toBe(true);
      }
    }
  });
});
