import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { rules } from '../src';
import { buildTutorial } from '../src/tutorial';
import { Manifest } from './util';

const SEEDS = path.join(__dirname, 'fixtures', 'seed');

function tutorialObjects(): Map<string, Manifest[]> {
  const app = new App({ outdir: fs.mkdtempSync('/tmp/tutorial-test-') });
  buildTutorial(app);
  return new Map(app.charts.map(chart => [chart.node.id, chart.toJson() as Manifest[]]));
}

const POD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet'];

/** The Pod itself, or a controller's pod template. */
function podTemplate(o: Manifest): Manifest {
  return o.kind === 'Pod' ? o : o.spec.template;
}

/**
 * What the scheduler reserves for every pod of the objects, in millicores and MiB. Per pod:
 * the larger of the largest init container (they run one at a time) and the sum of the app
 * containers; times the replicas of a Deployment or StatefulSet (default 1; a DaemonSet runs
 * one pod on minikube's one node).
 */
function requested(objects: Manifest[]): { cpu: number; memory: number } {
  const milli = (q: string) => rules.parseQuantity(q)! * 1000;
  const mebi = (q: string) => rules.parseQuantity(q)! / 2 ** 20;
  const total = { cpu: 0, memory: 0 };
  for (const o of objects.filter(x => POD_KINDS.includes(x.kind))) {
    const spec = podTemplate(o).spec;
    const replicas = o.kind === 'Deployment' || o.kind === 'StatefulSet' ? o.spec.replicas ?? 1 : 1;
    for (const [key, parse] of [['cpu', milli], ['memory', mebi]] as const) {
      const of = (cs: Manifest[] | undefined) => (cs ?? []).map(c => parse(c.resources.requests[key]));
      const pod = Math.max(0, ...of(spec.initContainers), of(spec.containers).reduce((a, b) => a + b, 0));
      total[key] += pod * replicas;
    }
  }
  return total;
}

function seed(file: string): Manifest {
  return parseAllDocuments(fs.readFileSync(path.join(SEEDS, file), 'utf8'))[0].toJS();
}

describe('the tutorial app', () => {
  const charts = tutorialObjects();
  const all = [...charts.values()].flat();
  const find = (kind: string, name: string) => all.find(o => o.kind === kind && o.metadata.name === name);

  test('writes one chart per step', () => {
    expect([...charts.keys()]).toEqual([
      '01-o-primeiro-pod', '02-cluster-ip', '03-node-port', '04-load-balancer', '05-external-name',
      '06-sidecar-de-logs', '07-init-container', '08-deployment',
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

  test('every Service comes before the Pods (or controllers) it selects, in every file', () => {
    for (const [chart, objects] of charts) {
      objects.forEach((svc, i) => {
        if (svc.kind !== 'Service' || !svc.spec.selector) return;
        const selected = objects.filter(o => POD_KINDS.includes(o.kind)
          && Object.entries(svc.spec.selector).every(([k, v]) => podTemplate(o).metadata.labels?.[k] === v));
        expect(selected.length).toBeGreaterThan(0);
        for (const pod of selected) expect([chart, objects.indexOf(pod) > i]).toEqual([chart, true]);
      });
    }
  });

  test('the LoadBalancer and ExternalName examples', () => {
    expect(find('Service', 'svc-pod3')!.spec).toEqual({
      type: 'LoadBalancer', selector: { app: 'pod-label3' }, ports: [{ port: 80, targetPort: 80 }],
    });
    expect(find('Service', 'svc-external')!.spec).toEqual({ type: 'ExternalName', externalName: 'foo.bar.example.com' });
  });

  test('all tutorial pods together request at most 1 CPU and 1 GiB, counting replicas and init containers', () => {
    const total = requested(all);
    expect(total).toEqual({ cpu: 460, memory: 592 });
    expect(total.cpu).toBeLessThanOrEqual(1000);
    expect(total.memory).toBeLessThanOrEqual(1024);
  });

  test('the request count takes the larger of the init containers and the sum of the app containers, times replicas', () => {
    const container = (cpu: string, memory: string) => ({ resources: { requests: { cpu, memory } } });
    const spec = { initContainers: [container('300m', '16Mi')], containers: [container('50m', '64Mi'), container('10m', '16Mi')] };
    expect(requested([{ kind: 'Pod', spec }])).toEqual({ cpu: 300, memory: 80 });
    expect(requested([{ kind: 'Deployment', spec: { replicas: 3, template: { spec } } }])).toEqual({ cpu: 900, memory: 240 });
    expect(requested([{ kind: 'StatefulSet', spec: { template: { spec } } }])).toEqual({ cpu: 300, memory: 80 });
  });

  test('the new steps: a log sidecar, an init container and 3 flask replicas behind NodePort 30001', () => {
    const logs = find('Pod', 'pod-logs')!.spec;
    expect(logs.containers.map((c: Manifest) => c.name)).toEqual(['nginx', 'logs']);
    const init = find('Pod', 'pod-init')!.spec;
    expect(init.initContainers.map((c: Manifest) => c.name)).toEqual(['write-page']);
    const deployment = find('Deployment', 'flask-deployment')!;
    expect(deployment.spec.replicas).toBe(3);
    expect(find('Service', 'svc-flask')!.spec).toEqual({
      type: 'NodePort', selector: { app: 'flask-replicas' }, ports: [{ port: 5000, targetPort: 5000, nodePort: 30001 }],
    });
  });

  test('no two files share a Service or Pod name, a selector or a nodePort, so all can be applied together', () => {
    const keys = all.filter(o => o.kind !== 'Namespace').map(o => `${o.kind}/${o.metadata.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    const nodePorts = all.flatMap(o => o.kind === 'Service' ? (o.spec.ports ?? []).map((p: Manifest) => p.nodePort).filter(Boolean) : []);
    expect(new Set(nodePorts).size).toBe(nodePorts.length);
    // Each Service selects only its own step's pods.
    for (const svc of all.filter(o => o.kind === 'Service' && o.spec.selector)) {
      const selected = all.filter(o => POD_KINDS.includes(o.kind)
        && Object.entries(svc.spec.selector).every(([k, v]) => podTemplate(o).metadata.labels?.[k] === v));
      expect([svc.metadata.name, selected.length]).toEqual([svc.metadata.name, 1]);
    }
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
