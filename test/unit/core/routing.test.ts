/**
 * Selector and port routing (src/core/routing.ts): the one place that says which pods a Service
 * selects and which container port each Service port reaches.
 */
import { readManifests } from '../../../src/core/manifest';
import { findContainerPort, matchesSelector, PodIndex, targetOf } from '../../../src/core/routing';
import { Manifest } from '../../util';

const pod = (name: string, labels: { [k: string]: string }, namespace?: string): Manifest => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels, namespace },
  spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] },
});
const svc = (name: string, selector: { [k: string]: string } | undefined, namespace?: string): Manifest => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { selector, ports: [{ port: 80 }] },
});

/** The names of the pods each Service of the manifests selects. */
function selections(manifests: Manifest[]): { [service: string]: string[] } {
  const model = readManifests(manifests.map(manifest => ({ manifest })));
  const index = new PodIndex(model.pods);
  return Object.fromEntries(model.services.map(s => [s.object.name, index.selectedBy(s).map(p => p.object.ref)]));
}

describe('matchesSelector', () => {
  test('every entry of the selector must match a label; other labels do not matter', () => {
    expect(matchesSelector({ app: 'web' }, { app: 'web', tier: 'front' })).toBe(true);
    expect(matchesSelector({ app: 'web', tier: 'front' }, { app: 'web' })).toBe(false);
    expect(matchesSelector({ app: 'web' }, { app: 'Web' })).toBe(false);
    expect(matchesSelector({ app: '' }, {})).toBe(false);
    expect(matchesSelector({ app: '' }, { app: '' })).toBe(true);
  });
});

describe('PodIndex', () => {
  test('a Service selects the pods that carry all its labels, in its own namespace, in output order', () => {
    expect(selections([
      svc('web', { app: 'web' }), svc('both', { app: 'web', tier: 'front' }), svc('shop', { app: 'web' }, 'shop'),
      pod('a', { app: 'web', tier: 'front' }), pod('b', { app: 'web' }), pod('c', { app: 'web', tier: 'front' }, 'shop'), pod('d', { app: 'api' }),
    ])).toEqual({ web: ['Pod/a', 'Pod/b'], both: ['Pod/a'], shop: ['Pod/shop/c'] });
  });

  test('a Service without a selector, or with an empty one, selects nothing (its endpoints are managed by hand)', () => {
    expect(selections([svc('none', undefined), svc('empty', {}), pod('a', { app: 'web' })])).toEqual({ none: [], empty: [] });
  });

  test('controllers are selected through their pod template labels, not their own', () => {
    const deployment = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'deployment' } },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [] } } },
    };
    const cron = {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'job' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { metadata: { labels: { app: 'job' } }, spec: { containers: [] } } } } },
    };
    expect(selections([svc('web', { app: 'web' }), svc('own', { app: 'deployment' }), svc('job', { app: 'job' }), deployment, cron]))
      .toEqual({ web: ['Deployment/web'], own: [], job: ['CronJob/job'] });
  });

  test('elsewhere finds a pod the selector matches in another namespace, to explain a miss', () => {
    const model = readManifests([svc('web', { app: 'web' }, 'front'), pod('a', { app: 'web' }, 'shop'), pod('b', { app: 'api' }, 'front')].map(manifest => ({ manifest })));
    const index = new PodIndex(model.pods);
    expect(index.selectedBy(model.services[0])).toEqual([]);
    expect(index.elsewhere(model.services[0])?.object.ref).toBe('Pod/shop/a');
  });
});

describe('findContainerPort', () => {
  const containers = [
    { name: 'app', ports: [{ number: 8080, name: 'http', protocol: 'TCP' }, { number: 53, protocol: 'UDP' }] },
    { name: 'metrics', ports: [{ number: 9100, name: 'metrics', protocol: 'TCP' }, { number: 8080, name: 'alt', protocol: 'TCP' }] },
  ];
  const where = (target: number | string, protocol = 'TCP') => {
    const found = findContainerPort(containers, target, protocol);
    return found && `${found.container.name}:${found.port.number}`;
  };

  test('a number reaches the first container, in order, that declares it with the protocol', () => {
    expect(where(8080)).toBe('app:8080');
    expect(where(9100)).toBe('metrics:9100');
    expect(where(53, 'UDP')).toBe('app:53');
  });

  test('a name reaches the container port of that name', () => {
    expect(where('http')).toBe('app:8080');
    expect(where('alt')).toBe('metrics:8080');
  });

  test('the protocol must match; an undeclared port or name reaches nothing', () => {
    expect(where(53)).toBeUndefined();
    expect(where(8080, 'UDP')).toBeUndefined();
    expect(where(81)).toBeUndefined();
    expect(where('grpc')).toBeUndefined();
    expect(where('8080')).toBeUndefined(); // a name is not a number
  });
});

describe('targetOf', () => {
  test('is targetPort, or the port when it is left out (the API server\'s default)', () => {
    expect(targetOf({ index: 0, port: 80, protocol: 'TCP' })).toBe(80);
    expect(targetOf({ index: 0, port: 80, targetPort: 8080, protocol: 'TCP' })).toBe(8080);
    expect(targetOf({ index: 0, port: 80, targetPort: 'http', protocol: 'TCP' })).toBe('http');
  });
});
