// A consumer's plain CommonJS app: no TypeScript, no bundler.
'use strict';
const { App, Chart } = require('cdk8s');
const { NginxPod, ExposedService, ServiceType } = require('cdk8s-pods-services');
const pkg = require('cdk8s-pods-services/package.json');

const app = new App({ outdir: process.argv[2] || 'dist-js' });
const chart = new Chart(app, 'consumer-js');
const pod = new NginxPod(chart, 'pod', { name: 'pod-1', labels: { app: 'pod-label' }, containerName: 'pod-1' });
new ExposedService(chart, 'svc', { name: 'svc-pod', type: ServiceType.CLUSTER_IP, target: pod, port: 4050 });
app.synth();
process.stdout.write(`${pkg.name}@${pkg.version}\n`);
