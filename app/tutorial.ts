import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Autoscaling, DisruptionBudget, EnvValue, ExposedRoute, ExposedService, FlaskPod, Gateway, ListenerProtocol, NginxPod, Platform, ScalingMetric, SecretRef, SecurityProfile, ServiceType, Workload } from '../src';

/** Options of {@link buildTutorial}. */
export interface TutorialOptions {
  /**
   * The security profile of every pod (the tests judge the tutorial hardened too).
   * @default - each preset's default (every pod of the tutorial is an `NginxPod` or a `FlaskPod`):
   * SecurityProfile.AS_BUILT, the images as they were built, with seccomp `RuntimeDefault`, no
   * privilege escalation and the capabilities they do not use dropped
   */
  readonly securityProfile?: SecurityProfile;
}

/**
 * The tutorial, one chart (one file in `dist/`) per step. Chart ids are file names:
 * renaming one renames the file users apply.
 */
export function buildTutorial(app: App, options: TutorialOptions = {}): void {
  const securityProfile = options.securityProfile;
  // A small local cluster (minikube, kind): small requests for every container, and every synth
  // checks that all the steps applied together fit minikube's default node (rule capacity).
  Platform.LOCAL.applyTo(app);
  // "Primeiro POD": kubectl apply -f o_primeiro_pod.yaml
  const first = new Chart(app, '01-o-primeiro-pod');
  new NginxPod(first, 'pod', { securityProfile, name: 'o-primeiro-pod', containerName: 'container-nginx' });

  // ClusterIP: svc-pod (4050) → pod-1 (nginx, 80), inside the cluster only.
  const clusterIp = new Chart(app, '02-cluster-ip');
  const pod1 = new NginxPod(clusterIp, 'pod-1', { securityProfile, name: 'pod-1', labels: { app: 'pod-label' }, containerName: 'pod-1' });
  new ExposedService(clusterIp, 'svc-pod', { name: 'svc-pod', type: ServiceType.CLUSTER_IP, target: pod1, port: 4050 });

  // NodePort: svc-pod2 on every node's port 30000 → pod-2 (flask, 5000).
  const nodePort = new Chart(app, '03-node-port');
  const pod2 = new FlaskPod(nodePort, 'pod-2', { securityProfile, name: 'pod-2', labels: { app: 'pod-label2' }, containerName: 'pod-2' });
  new ExposedService(nodePort, 'svc-pod2', { name: 'svc-pod2', type: ServiceType.NODE_PORT, target: pod2, port: 5000, nodePort: 30000 });

  // LoadBalancer: the cloud's load balancer (minikube: `minikube tunnel`) on port 80 → pod-3 (nginx).
  const loadBalancer = new Chart(app, '04-load-balancer');
  const pod3 = new NginxPod(loadBalancer, 'pod-3', { securityProfile, name: 'pod-3', labels: { app: 'pod-label3' }, containerName: 'pod-3' });
  new ExposedService(loadBalancer, 'svc-pod3', { name: 'svc-pod3', type: ServiceType.LOAD_BALANCER, target: pod3, port: 80 });

  // ExternalName: a CNAME to foo.bar.example.com; no selector, no ports, no proxy.
  const externalName = new Chart(app, '05-external-name');
  new ExposedService(externalName, 'svc-external', { name: 'svc-external', type: ServiceType.EXTERNAL_NAME, externalName: 'foo.bar.example.com' });

  // Several containers in one Pod: nginx writes its logs into a shared emptyDir, a busybox
  // sidecar follows them to its own stdout (kubectl logs pod-logs -c logs).
  const sidecar = new Chart(app, '06-sidecar-de-logs');
  new NginxPod(sidecar, 'pod-logs', { securityProfile, name: 'pod-logs', labels: { app: 'pod-logs' }, logSidecar: true });

  // Init container: busybox writes the page into a shared emptyDir, then nginx starts and serves it.
  const init = new Chart(app, '07-init-container');
  new NginxPod(init, 'pod-init', { securityProfile, name: 'pod-init', labels: { app: 'pod-init' }, page: PAGE });

  // Replicas: a Deployment keeps 3 flask pods running behind a NodePort Service on 30001
  // (other names, labels and nodePort than step 03, so every file can be applied together).
  // An autoscaler keeps at least those 3 and adds up to 6 when the pods use more than 70% of
  // the CPU they request (FlaskPod requests 50m); a disruption budget lets a node drain evict
  // one pod at a time, however many there are.
  const deployment = new Chart(app, '08-deployment');
  const flask = new FlaskPod(deployment, 'flask', { securityProfile,
    name: 'flask-deployment', labels: { app: 'flask-replicas' },
    workload: Workload.deployment({
      disruptionBudget: DisruptionBudget.maxUnavailable(1),
      autoscaling: Autoscaling.horizontal({ minReplicas: 3, maxReplicas: 6, metrics: [ScalingMetric.cpuUtilization(70)] }),
    }),
  });
  new ExposedService(deployment, 'svc-flask', { name: 'svc-flask', type: ServiceType.NODE_PORT, target: flask, port: 5000, nodePort: 30001 });

  // Configuration: a setting from a ConfigMap the app writes, and a token from a Secret that
  // exists only in the cluster (`kubectl create secret generic flask-token --from-literal=token=…`):
  // its data is never in the repository or in dist/. Both arrive as environment variables
  // (`kubectl exec deploy/flask-config -- printenv MENSAGEM`); the tutorial's app itself reads
  // only PORT, so they change what the container sees, not what the page shows.
  const configuration = new Chart(app, '09-configuracao');
  const settings = new kplus.ConfigMap(configuration, 'settings', { metadata: { name: 'flask-settings' }, data: { MENSAGEM: 'Olá, ConfigMap!' } });
  new FlaskPod(configuration, 'flask', { securityProfile,
    name: 'flask-config', labels: { app: 'flask-config' }, workload: Workload.deployment({ replicas: 2 }),
    // A new MENSAGEM in the ConfigMap changes the template's checksum/config: the Deployment rolls
    // its pods, which read the new value as they start (env is read only at container start).
    rollOnConfigChange: true,
    env: {
      MENSAGEM: EnvValue.fromConfigMap(settings, 'MENSAGEM'),
      // optional: `kubectl apply -f dist/` on a cluster without the Secret would otherwise leave
      // both pods in CreateContainerConfigError. With it they start, API_TOKEN unset; once the
      // Secret exists, `kubectl rollout restart deployment/flask-config` gives it to new pods.
      API_TOKEN: EnvValue.fromSecret(SecretRef.named('flask-token'), 'token', { optional: true }),
    },
  });

  // Isolation: a NetworkPolicy lets into pod-isolated only its Service's port, and only from the
  // ingress-nginx controller and pods labelled access=true; it lets out DNS only. The Ingress
  // (class nginx: minikube's and kind's ingress-nginx) sends every host's "/" to svc-isolated.
  const isolated = new Chart(app, '10-network-policy-ingress');
  const pod = new NginxPod(isolated, 'pod-isolated', { securityProfile, name: 'pod-isolated', labels: { app: 'pod-isolated' }, containerName: 'pod-isolated' });
  // (nginx listens on 80, or on 8080 under SecurityProfile.RESTRICTED: the handle follows)
  const web = pod.portRef(pod.port ?? 80);
  const svc = new ExposedService(isolated, 'svc-isolated', { name: 'svc-isolated', type: ServiceType.CLUSTER_IP, target: pod, port: 8080, targetPort: web });
  pod.isolate({
    name: 'pod-isolated',
    allowFrom: [
      kplus.Namespaces.select(isolated, 'ingress-nginx', { names: ['ingress-nginx'] }),
      kplus.Pods.select(isolated, 'clients', { labels: { access: 'true' } }),
    ],
  });
  svc.exposeViaIngress({ name: 'ingress-isolated', ingressClassName: 'nginx' });

  // Gateway API: the successor of Ingress (the Ingress NGINX controller was retired in March
  // 2026). A Gateway of class `eg` (Envoy Gateway's quickstart GatewayClass) listens for HTTP on
  // port 80; an HTTPRoute sends 90% of the requests to the stable flask Deployment and 10% to a
  // canary, each behind its own ClusterIP Service. Needs the Gateway API CRDs and an
  // implementation in the cluster (see docs/gateway-api.md).
  const gatewayApi = new Chart(app, '11-gateway-api');
  const stable = new FlaskPod(gatewayApi, 'flask-stable', { securityProfile,
    name: 'flask-stable', labels: { app: 'flask-gateway', track: 'stable' }, workload: Workload.deployment({ replicas: 2 }),
  });
  const canary = new FlaskPod(gatewayApi, 'flask-canary', { securityProfile,
    name: 'flask-canary', labels: { app: 'flask-gateway', track: 'canary' }, workload: Workload.deployment({ replicas: 1 }),
  });
  const svcStable = new ExposedService(gatewayApi, 'svc-flask-stable', { name: 'svc-flask-stable', type: ServiceType.CLUSTER_IP, target: stable, port: 5000 });
  const svcCanary = new ExposedService(gatewayApi, 'svc-flask-canary', { name: 'svc-flask-canary', type: ServiceType.CLUSTER_IP, target: canary, port: 5000 });
  new Gateway(gatewayApi, 'gateway', { name: 'gateway-flask', gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTP }] });
  // (no parents: the route attaches to the app's one Gateway)
  new ExposedRoute(gatewayApi, 'route', {
    name: 'route-flask',
    rules: [{ backends: [{ service: svcStable, weight: 90 }, { service: svcCanary, weight: 10 }] }],
  });
}

const PAGE = `<!DOCTYPE html>
<html lang="pt-BR">
<head><meta charset="UTF-8"><title>Init container</title></head>
<body><h1>Esta página foi escrita por um init container</h1></body>
</html>
`;
