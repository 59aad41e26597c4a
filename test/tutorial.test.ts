import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { buildTutorial } from '../src/tutorial';
import { Manifest } from './util';

const SEEDS = path.join(__dirname, 'fixtures', 'seed');

function tutorialObjects(): Map<string, Manifest[]> {
  const app = new App({ outdir: fs.mkdtempSync('/tmp/tutorial-test-') });
  buildTutorial(app);
  return new Map(app.charts.map(chart => [chart.node.id, chart.toJson() as Manifest[]]));
}

function seed(file: string): Manifest {
  return parseAllDocuments(fs.readFileSync(path.join(SEEDS, file), 'utf8'))[0].toJS();
}

describe('the tutorial app', () => {
  const charts = tutorialObjects();
  const all = [...charts.values()].flat();
  const find = (kind: string, name: string) => all.find(o => o.kind === kind && o.metadata.name === name);

  test('writes one chart per step', () => {
    expect([...charts.keys()]).toEqual(['01-o-primeiro-pod', '02-cluster-ip', '03-node-port', '04-load-balancer', '05-external-name']);
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

  test('every Service comes before the Pods it selects, in every file', () => {
    for (const [chart, objects] of charts) {
      objects.forEach((svc, i) => {
        if (svc.kind !== 'Service' || !svc.spec.selector) return;
        const selected = objects.filter(o => o.kind === 'Pod'
          && Object.entries(svc.spec.selector).every(([k, v]) => o.metadata.labels?.[k] === v));
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

  test('all tutorial pods together request at most 1 CPU and 1 GiB', () => {
    const milli = (q: string) => q.endsWith('m') ? Number(q.slice(0, -1)) : Number(q) * 1000;
    const mebi = (q: string) => q.endsWith('Gi') ? Number(q.slice(0, -2)) * 1024 : Number(q.replace(/Mi$/, ''));
    const pods = all.filter(o => o.kind === 'Pod');
    const containers = pods.flatMap(p => p.spec.containers);
    const cpu = containers.reduce((sum, c) => sum + milli(c.resources.requests.cpu), 0);
    const memory = containers.reduce((sum, c) => sum + mebi(c.resources.requests.memory), 0);
    expect(cpu).toBeLessThanOrEqual(1000);
    expect(memory).toBeLessThanOrEqual(1024);
  });

  test('no pod sets a security context that would refuse the root nginx and flask images', () => {
    for (const pod of all.filter(o => o.kind === 'Pod')) {
      expect(pod.spec.securityContext?.runAsNonRoot).not.toBe(true);
      for (const c of pod.spec.containers) {
        expect(c.securityContext?.runAsNonRoot).not.toBe(true);
        expect(c.securityContext?.readOnlyRootFilesystem).not.toBe(true);
      }
    }
  });
});
