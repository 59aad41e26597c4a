// A consumer's TypeScript app, compiled with `strict` against the package's .d.ts files.
// run.sh installs one cdk8s-plus major and writes its name for `cdk8s-plus-28` here
// (CONSUMER_PLUS); no-plus.ts is the same kind of app with no cdk8s-plus at all.
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AppPod, ExposedService, FlaskPod, NginxPod, Protocol, ServiceType, validateApp,
  DEFAULT_RESOURCES, Problem, EnvFrom, EnvValue, Volume, Workload,
} from 'cdk8s-pods-services';
// the engine and the tools, from their own entry points (package.json "exports")
import { checkManifests } from 'cdk8s-pods-services/check';
import { CrossObjectValidation } from 'cdk8s-pods-services/plugin';
import { RULES } from 'cdk8s-pods-services/rules';
import { topologyMarkdown } from 'cdk8s-pods-services/topology';

const app = new App();
const chart = new Chart(app, 'consumer-ts');

const web = new NginxPod(chart, 'web', { name: 'web', labels: { app: 'web' } });
const api = new FlaskPod(chart, 'api', { labels: { app: 'api' }, port: 8080 });
const shop = new AppPod(chart, 'shop', {
  labels: { app: 'shop' },
  containers: [{ name: 'shop', image: 'example/shop:1.4', ports: [{ number: 8080, name: 'http', protocol: Protocol.TCP }] }],
});
shop.addContainer({ name: 'metrics', image: 'example/exporter:2', port: 9100 });

new ExposedService(chart, 'web-svc', { name: 'web-svc', type: ServiceType.CLUSTER_IP, target: web, port: 4050 });
new ExposedService(chart, 'api-svc', { type: ServiceType.NODE_PORT, target: api, nodePort: 30080 });
new ExposedService(chart, 'shop-svc', { type: ServiceType.LOAD_BALANCER, target: shop, port: 80, targetPort: 'http' });

// The pods compose with cdk8s-plus: an AppPod is an IPodSelector.
const selector: kplus.IPodSelector = shop;
new kplus.NetworkPolicy(chart, 'allow-web', { selector, ingress: { rules: [{ peer: web }] } });

// The values take cdk8s-plus ConfigMaps and Secrets, and cdk8s-plus workloads live beside our pods.
const settings = new kplus.ConfigMap(chart, 'settings', { data: { GREETING: 'olá' } });
const credentials = new kplus.Secret(chart, 'credentials', { stringData: { TOKEN: 'not-a-real-token' } });
new AppPod(chart, 'worker', {
  labels: { app: 'worker' },
  workload: Workload.deployment({ replicas: 2 }),
  // the checksum of the data of the ConfigMap and Secret, which the app writes with cdk8s-plus
  rollOnConfigChange: true,
  containers: [{
    name: 'worker', image: 'example/worker:3',
    env: { GREETING: EnvValue.fromConfigMap(settings, 'GREETING') },
    envFrom: [EnvFrom.secret(credentials)],
    mounts: [
      { volume: Volume.secret('credentials', credentials), path: '/etc/credentials', readOnly: true },
      { volume: Volume.configMap('settings', settings), path: '/etc/settings', readOnly: true },
    ],
  }],
});
new kplus.Deployment(chart, 'legacy', {
  replicas: 2,
  containers: [{ image: 'example/legacy:7', portNumber: 8080, envFrom: [kplus.Env.fromConfigMap(settings)] }],
});

// The types a strict consumer relies on.
const cpu: string | undefined = DEFAULT_RESOURCES.requests?.cpu;
const source: string = RULES['target-port-is-exposed'].source;
// A value is written as given and judged at synth (in an app of its own: this one must synthesize).
const elsewhere = new Chart(new App(), 'elsewhere');
new NginxPod(elsewhere, 'bad', { name: 'Not_A_Name' });
const rejected: readonly Problem[] = validateApp(elsewhere).filter(p => p.rule === 'object-name');
const judged: readonly Problem[] = checkManifests([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'Bad_Name' }, spec: { ports: [{ port: 80 }] } }]);
const picture: string = topologyMarkdown([]);
if (rejected.length !== 1 || rejected[0].rule !== 'object-name' || cpu !== '50m' || source !== 'ours'
  || !judged.some(p => p.rule === 'object-name') || typeof picture !== 'string' || typeof CrossObjectValidation !== 'function') {
  throw new Error('the package does not behave as its types say');
}

app.synth();
