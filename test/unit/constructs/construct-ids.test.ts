import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { AppPod, ExposedService, FlaskPod, NginxPod, ServiceType, Workload } from '../../../src';
import { only, synth } from '../../util';

// Construct ids are part of the contract: cdk8s derives `metadata.name` from the construct
// path, so renaming an id (or the `Resource` child) renames the object in the cluster, and
// `kubectl apply` creates a second one beside the old. These names must never change.
describe('generated names', () => {
  test('stay stable for every construct without an explicit name', () => {
    const chart = Testing.chart();
    const web = new NginxPod(chart, 'web');
    const api = new FlaskPod(chart, 'api');
    const shop = new AppPod(chart, 'shop', { containers: [{ name: 'shop', image: 'example/shop:1', port: 8080 }] });
    new ExposedService(chart, 'web-svc', { type: ServiceType.CLUSTER_IP, target: web });
    new ExposedService(chart, 'api-svc', { type: ServiceType.NODE_PORT, target: api });
    new ExposedService(chart, 'shop-svc', { type: ServiceType.LOAD_BALANCER, target: shop, port: 80 });
    new ExposedService(chart, 'ext', { type: ServiceType.EXTERNAL_NAME, externalName: 'foo.bar.example.com' });

    expect(synth(chart).map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Service/test-web-svc-c89970d0',
      'Pod/test-web-c8ba1bf5',
      'Service/test-api-svc-c89b52a6',
      'Pod/test-api-c855049c',
      'Service/test-shop-svc-c8983291',
      'Pod/test-shop-c8bb8caa',
      'Service/test-ext-c8719c4a',
    ]);
  });

  test('stay stable for every controller a workload writes, and its headless Service', () => {
    const chart = Testing.chart();
    const containers = [{ name: 'c', image: 'x', port: 80 }];
    new AppPod(chart, 'deploy', { containers, workload: Workload.deployment() });
    new AppPod(chart, 'db', { containers, workload: Workload.statefulSet() });
    new AppPod(chart, 'agent', { containers, workload: Workload.daemonSet() });
    expect(synth(chart).map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Deployment/test-deploy-c867c57d',
      'Service/test-db-c8b96b87-headless',
      'StatefulSet/test-db-c8b96b87',
      'DaemonSet/test-agent-c88fbc15',
    ]);
  });

  test('the default labels follow the generated name, so the selector does too', () => {
    const chart = Testing.chart();
    const web = new NginxPod(chart, 'web');
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web });
    expect(only(chart, 'Pod').metadata.labels).toEqual({ app: 'test-web-c8ba1bf5' });
    expect(only(chart, 'Service').spec.selector).toEqual({ app: 'test-web-c8ba1bf5' });
  });

  test('stay stable inside a user construct and in a named chart', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'shop');
    const tier = new Construct(chart, 'frontend');
    const web = new NginxPod(tier, 'web');
    new ExposedService(tier, 'svc', { type: ServiceType.CLUSTER_IP, target: web, port: 4050 });
    expect(synth(chart).map(o => o.metadata.name)).toEqual([
      'shop-frontend-svc-c8b321fd',
      'shop-frontend-web-c8045d67',
    ]);
  });
});
