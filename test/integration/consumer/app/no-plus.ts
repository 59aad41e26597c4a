// A consumer's TypeScript app with no cdk8s-plus installed (run.sh with CONSUMER_PLUS=none):
// the package loads, type-checks under `strict` and synthesizes without it, and its values
// name ConfigMaps and Secrets that exist in the cluster.
import { App, Chart } from 'cdk8s';
import {
  AppPod, ConfigMapRef, EnvFrom, EnvValue, ExposedService, NginxPod, SecretRef, ServiceType, Volume,
} from 'cdk8s-pods-services';
import { CrossObjectValidation } from 'cdk8s-pods-services/plugin';

const app = new App();
const chart = new Chart(app, 'consumer-no-plus');

const web = new NginxPod(chart, 'web', { name: 'web', labels: { app: 'web' } });
new ExposedService(chart, 'web-svc', { name: 'web-svc', type: ServiceType.CLUSTER_IP, target: web, port: 4050 });
const settings = ConfigMapRef.named('settings');
const credentials = SecretRef.named('credentials');
new AppPod(chart, 'worker', {
  name: 'worker', labels: { app: 'worker' },
  containers: [{
    name: 'worker', image: 'example/worker:3',
    env: { GREETING: EnvValue.fromConfigMap(settings, 'GREETING') },
    envFrom: [EnvFrom.secret(credentials)],
    mounts: [{ volume: Volume.secret('credentials', credentials), path: '/etc/credentials', readOnly: true }],
  }],
});
if (typeof CrossObjectValidation !== 'function') throw new Error('the plugin entry point is missing');

app.synth();
