import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ExposedService, NginxPod, ServiceType } from 'cdk8s-pods-services';

const app = new App();
const chart = new Chart(app, 'my-app');

// Ours: a pod and the Service in front of it.
const web = new NginxPod(chart, 'web', { name: 'web' });
new ExposedService(chart, 'web-svc', { name: 'web-svc', type: ServiceType.CLUSTER_IP, target: web, port: 80 });

// Beside cdk8s-plus, as its docs write it.
const echo = new kplus.Deployment(chart, 'echo', {
  containers: [{ image: 'hashicorp/http-echo', args: ['-text', 'hello'], portNumber: 5678 }],
});
echo.exposeViaService({ ports: [{ port: 5678 }] });

app.synth();
