import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AppProps, Chart, JsonPatch, Testing, YamlOutputType } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { AppPod, ExposedService, SecurityProfile, ServiceType, SKIP_RULES_CONTEXT } from '../../../src';
import { topologyMarkdown, writeTopologyFiles } from '../../../src/topology';
import { buildTutorial } from '../../../app/tutorial';
import { REPO } from '../../paths';
import { brief, Manifest, problemsOf } from '../../util';

function tutorialChart(id: string): Manifest[] {
  const app = Testing.app();
  buildTutorial(app);
  return app.charts.find(c => c.node.id === id)!.toJson();
}

/** The route lines: the list items before the debugging section. */
function routes(markdown: string): string[] {
  return markdown.split('\n## Debugging')[0].split('\n').filter(l => l.startsWith('- ')).map(l => l.slice(2));
}

/** The `kubectl debug` lines of the debugging section. */
function debugLines(markdown: string): string[] {
  return (markdown.split('\n## Debugging')[1] ?? '').split('\n').filter(l => l.startsWith('- ')).map(l => l.slice(2));
}

describe('topologyMarkdown', () => {
  test('draws the ClusterIP step: Service, port, Pod, container and container port', () => {
    expect(topologyMarkdown(tutorialChart('02-cluster-ip'), { title: '02-cluster-ip', source: '02-cluster-ip.k8s.yaml' })).toEqual([
      '# 02-cluster-ip',
      '',
      'The Services and Pods of `02-cluster-ip.k8s.yaml`, drawn by synth from the manifests.',
      '',
      '```mermaid',
      'flowchart LR',
      '  s0(["Service svc-pod<br/>ClusterIP :4050"])',
      '  subgraph w0 ["Pod pod-1"]',
      '    w0c0["pod-1<br/>nginx :80"]',
      '  end',
      '  s0 -->|":4050 → :80"| w0c0',
      '```',
      '',
      '- `svc-pod :4050 → pod-1 / pod-1 :80`',
      '',
      '## Debugging',
      '',
      'A shell in an ephemeral container beside a running pod\'s first container, in its process namespace (`kubectl debug`, Kubernetes 1.25+):',
      '',
      '- pod-1: `kubectl debug -it pod-1 --image=busybox:1.36.1 --target=pod-1`',
      '',
    ].join('\n'));
  });

  describe('the kubectl debug command of each pod', () => {
    const container = { name: 'app', image: 'nginx', securityContext: {} };
    const restrictedSpec = {
      securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{ ...container, securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
    };

    test('a bare Pod by its name, targeting its first app container', () => {
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { initContainers: [{ name: 'init', image: 'busybox' }], containers: [container, { name: 'b', image: 'busybox' }] } };
      expect(debugLines(topologyMarkdown([pod]))).toEqual(['p: `kubectl debug -it p --image=busybox:1.36.1 --target=app`']);
    });

    test('a controller through the first pod its labels select (kubectl debug takes no Deployment), in its namespace', () => {
      const deployment = {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
        spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', tier: 'front' } }, spec: { containers: [container] } } },
      };
      expect(debugLines(topologyMarkdown([deployment]))).toEqual([
        'deployment/web: `kubectl debug -n shop -it $(kubectl get pod -n shop -l app=web,tier=front -o name | head -n 1) --image=busybox:1.36.1 --target=app`',
      ]);
    });

    test('with --profile=restricted when the pod meets the restricted level', () => {
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'n' }, spec: restrictedSpec };
      expect(debugLines(topologyMarkdown([pod]))).toEqual(['p: `kubectl debug -n n -it p --image=busybox:1.36.1 --target=app --profile=restricted`']);
    });

    test('the tutorial under SecurityProfile.RESTRICTED gets the restricted profile', () => {
      const app = Testing.app();
      buildTutorial(app, { securityProfile: SecurityProfile.RESTRICTED });
      const chart = app.charts.find(c => c.node.id === '08-deployment')!.toJson();
      expect(debugLines(topologyMarkdown(chart))).toEqual([
        'deployment/flask-deployment: `kubectl debug -it $(kubectl get pod -l app=flask-replicas -o name | head -n 1) --image=busybox:1.36.1 --target=flask --profile=restricted`',
      ]);
    });

    test('no section without pods', () => {
      expect(topologyMarkdown([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } }])).not.toContain('## Debugging');
    });
  });

  test.each([
    ['01-o-primeiro-pod', ['`o-primeiro-pod` (container-nginx :80): no Service selects it']],
    ['03-node-port', ['`svc-pod2 :5000 (node :30000) → pod-2 / pod-2 :5000`']],
    ['04-load-balancer', ['`svc-pod3 :80 → pod-3 / pod-3 :80`']],
    ['05-external-name', ['`svc-external` → `foo.bar.example.com` (ExternalName: a DNS CNAME, no proxy)']],
  ])('states the routes of %s', (chart, expected) => {
    expect(routes(topologyMarkdown(tutorialChart(chart)))).toEqual(expected);
  });

  test('shows how NodePort and LoadBalancer traffic enters', () => {
    expect(topologyMarkdown(tutorialChart('03-node-port'))).toContain('  in0[/"every node :30000"/] --> s0');
    expect(topologyMarkdown(tutorialChart('04-load-balancer'))).toContain('  in0[/"load balancer :80<br/>every node :(a port the cluster allocates)"/] --> s0');
  });

  test('reaches the right container of a multi-container Pod by port name', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'shop', {
      name: 'shop',
      labels: { app: 'shop' },
      containers: [
        { name: 'app', image: 'example/shop:1', ports: [{ number: 8080, name: 'http' }] },
        { name: 'metrics', image: 'example/exporter:2', port: 9100 },
      ],
    });
    new ExposedService(chart, 'svc', {
      name: 'shop', type: ServiceType.CLUSTER_IP, target: pod,
      ports: [{ name: 'web', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9100 }],
    });
    expect(routes(topologyMarkdown(chart.toJson()))).toEqual([
      '`shop :80 → shop / app :8080`',
      '`shop :9100 → shop / metrics :9100`',
    ]);
  });

  test('works for raw manifests: controllers, namespaces, unmatched selectors and undeclared ports', () => {
    const manifests = [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }, { port: 53, protocol: 'UDP' }] } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ghost' }, spec: { selector: { app: 'nobody' }, ports: [{ port: 80 }] } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'named' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'missing' }] } },
      {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
        spec: {
          replicas: 2,
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { initContainers: [{ name: 'setup', image: 'busybox' }], containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 8080 }] }] },
          },
        },
      },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'other-ns', namespace: 'prod', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      null,
      'not an object',
    ];
    const markdown = topologyMarkdown(manifests);
    expect(routes(markdown)).toEqual([
      '`web :80 → deployment/web / nginx :8080`',
      '`web :53 → deployment/web / ? :53 (no container declares it)`',
      '`ghost` selects no Pod (selector app=nobody)',
      '`named :80 → deployment/web / ? no port named "missing"`',
      '`other-ns`: no Service selects it',
    ]);
    expect(markdown).toContain('  s1 -.-x n1["no Pod matches app=nobody"]');
    expect(markdown).toContain('  s0 -->|":53 → :53 (no container declares it)"| w0');
    expect(markdown).toContain('  s0(["Service web<br/>ClusterIP :80 :53/UDP"])');
    expect(markdown).toContain('  subgraph w0 ["Deployment web ×2"]\n    w0i0["init: setup<br/>busybox"]\n    w0c0["nginx<br/>nginx :8080"]\n  end');
  });

  test('a named targetPort reaches, in each selected pod, the container port of that name', () => {
    const pod = (name: string, container: string, containerPort: number) => ({
      apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'web' } },
      spec: { containers: [{ name: 'sidecar', image: 'busybox', ports: [{ containerPort: 9000 }] }, { name: container, image: 'nginx', ports: [{ containerPort, name: 'http' }] }] },
    });
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] } };
    expect(routes(topologyMarkdown([svc, pod('a', 'old', 80), pod('b', 'new', 8080)]))).toEqual([
      '`web :80 → a / old :80`',
      '`web :80 → b / new :8080`',
    ]);
  });

  test('the protocol counts: a TCP Service port does not reach a port declared over UDP only', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'dns' }, spec: { selector: { app: 'dns' }, ports: [{ name: 'tcp', port: 53 }, { name: 'udp', port: 53, protocol: 'UDP' }] } };
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'dns', labels: { app: 'dns' } }, spec: { containers: [{ name: 'c', image: 'coredns', ports: [{ containerPort: 53, protocol: 'UDP' }] }] } };
    expect(routes(topologyMarkdown([svc, pod]))).toEqual([
      '`dns :53 → dns / ? :53 (no container declares it)`',
      '`dns :53 → dns / c :53`',
    ]);
  });

  test('a Service selects only the pods of its own namespace', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'front' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
    const pod = (namespace: string) => ({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: `web-${namespace}`, namespace, labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] },
    });
    expect(routes(topologyMarkdown([svc, pod('shop')]))).toEqual(['`web` selects no Pod (selector app=web)', '`web-shop` (c :80): no Service selects it']);
    expect(routes(topologyMarkdown([svc, pod('front')]))).toEqual(['`web :80 → web-front / c :80`']);
  });

  test('every controller is drawn through its pod template: a ReplicationController, a CronJob', () => {
    const template = (app: string) => ({ metadata: { labels: { app } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } });
    const manifests = [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'rc' }, spec: { selector: { app: 'rc' }, ports: [{ port: 80 }] } },
      { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc' }, spec: { replicas: 2, selector: { app: 'rc' }, template: template('rc') } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' }, spec: { schedule: '0 0 * * *', jobTemplate: { spec: { template: template('nightly') } } } },
    ];
    const markdown = topologyMarkdown(manifests);
    expect(routes(markdown)).toEqual(['`rc :80 → replicationcontroller/rc / c :80`', '`cronjob/nightly` (c :80): no Service selects it']);
    expect(markdown).toContain('subgraph w0 ["ReplicationController rc ×2"]');
  });

  test('an ExternalName Service routes to no pod, whatever selector it has, as the checks read it', () => {
    const ext = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'db.example.com', selector: { app: 'web' }, ports: [{ port: 80 }] } };
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } };
    const markdown = topologyMarkdown([ext, pod]);
    expect(routes(markdown)).toEqual(['`ext` → `db.example.com` (ExternalName: a DNS CNAME, no proxy)', '`web` (c :80): no Service selects it']);
    expect(markdown).not.toContain('-->|');
    expect(markdown).not.toContain('no Pod matches');
  });

  test('objects of other API groups are not drawn as Services or Pods (a Knative Service)', () => {
    const knative = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ image: 'nginx' }] } } } };
    expect(topologyMarkdown([knative])).not.toContain('Service web');
    expect(routes(topologyMarkdown([knative]))).toEqual([]);
  });

  test('escapes double quotes in labels', () => {
    const markdown = topologyMarkdown([{ kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'a"b' }] } }]);
    expect(markdown).toContain('w0c0["c<br/>a#quot;b"]');
  });
});

describe('writeTopologyFiles', () => {
  test('writes <chart>.md beside each <chart>.k8s.yaml', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'topology-'));
    try {
      const app = new App({ outdir: dir });
      buildTutorial(app);
      app.synth();
      const written = writeTopologyFiles(dir).map(f => path.basename(f));
      const manifests = fs.readdirSync(dir).filter(f => f.endsWith('.k8s.yaml'));
      expect(written).toEqual(manifests.map(f => f.replace('.k8s.yaml', '.md')));
      expect(written).toEqual(expect.arrayContaining(['01-o-primeiro-pod.md', '02-cluster-ip.md', '05-external-name.md']));
      expect(fs.readFileSync(path.join(dir, '02-cluster-ip.md'), 'utf8')).toContain('- `svc-pod :4050 → pod-1 / pod-1 :80`');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('dist/ holds a diagram for every tutorial chart, linked from the tutorial\'s guide', () => {
    const charts = fs.readdirSync(path.join(REPO, 'dist')).filter(f => f.endsWith('.k8s.yaml')).map(f => f.replace('.k8s.yaml', ''));
    const guide = fs.readFileSync(path.join(REPO, 'docs', 'tutorial.md'), 'utf8');
    for (const chart of charts) {
      expect(fs.existsSync(path.join(REPO, 'dist', `${chart}.md`))).toBe(true);
      expect(guide).toContain(`(../dist/${chart}.md)`);
    }
  });

  test('writes into another directory when told, skipping empty documents', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'topology-'));
    try {
      const out = path.join(dir, 'out');
      fs.mkdirSync(out);
      const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n';
      fs.writeFileSync(path.join(dir, 'x.yaml'), `---\n${pod}---\n---\n`);
      fs.writeFileSync(path.join(dir, 'ignored.txt'), 'not a manifest');
      expect(writeTopologyFiles(dir, out, '.yaml')).toEqual([path.join(out, 'x.md')]);
      expect(routes(fs.readFileSync(path.join(out, 'x.md'), 'utf8'))).toEqual(['`p`: no Service selects it']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a chart of the user works too', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'topology-'));
    try {
      const app = new App({ outdir: dir });
      const pod = new AppPod(new Chart(app, 'mine'), 'p', { name: 'p', containers: [{ name: 'c', image: 'nginx', port: 80 }] });
      new ExposedService(pod.node.scope!, 's', { name: 's', type: ServiceType.CLUSTER_IP, target: pod, port: 8080 });
      app.synth();
      writeTopologyFiles(dir);
      expect(routes(fs.readFileSync(path.join(dir, 'mine.md'), 'utf8'))).toEqual(['`s :8080 → p / c :80`']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('writeTopologyFiles(app): from the objects in memory', () => {
  /** The Markdown files of a directory, by name. */
  function markdownOf(dir: string): { [file: string]: string } {
    return Object.fromEntries(fs.readdirSync(dir).filter(f => f.endsWith('.md')).sort().map(f => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
  }

  /**
   * Synthesizes the app built by `build` twice, draws one copy from memory and the other by
   * reading its YAML back, and returns both directories' pictures.
   */
  function bothWays(props: AppProps, build: (app: App) => void): { fromMemory: { [file: string]: string }; fromFiles: { [file: string]: string }; written: string[] } {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'topology-'));
    try {
      const memory = new App({ ...props, outdir: path.join(root, 'memory') });
      build(memory);
      memory.synth();
      const written = writeTopologyFiles(memory).map(f => path.relative(memory.outdir, f));
      const files = new App({ ...props, outdir: path.join(root, 'files') });
      build(files);
      files.synth();
      writeTopologyFiles(files.outdir, undefined, files.outputFileExtension);
      return { fromMemory: markdownOf(memory.outdir), fromFiles: markdownOf(files.outdir), written };
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }

  test('draws the tutorial as reading dist/ back does, byte for byte', () => {
    const { fromMemory, fromFiles, written } = bothWays({}, app => buildTutorial(app));
    expect(Object.keys(fromMemory)).toEqual(fs.readdirSync(path.join(REPO, 'dist')).filter(f => f.endsWith('.md')).sort());
    expect(written).toEqual(Object.keys(fromMemory));
    expect(fromMemory).toEqual(fromFiles);
  });

  test.each([
    ['one file for the app', { yamlOutputType: YamlOutputType.FILE_PER_APP }, ['app.md']],
    ['one file per object', { yamlOutputType: YamlOutputType.FILE_PER_RESOURCE }, ['Pod.p.md', 'Service.s.md']],
    ['another file extension', { outputFileExtension: '.yml' }, ['mine.md', 'other.md']],
    ['one folder per chart (no file at the top: nothing drawn)', { yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE }, []],
  ])('%s: the same files and pictures', (_name, props, files) => {
    const { fromMemory, fromFiles } = bothWays(props, app => {
      app.node.setContext(SKIP_RULES_CONTEXT, { 'service-before-its-pods': 'one file per object: the Pod\'s is applied first' });
      const pod = new AppPod(new Chart(app, 'mine'), 'p', { name: 'p', containers: [{ name: 'c', image: 'nginx', port: 80 }] });
      new ExposedService(pod.node.scope!, 's', { name: 's', type: ServiceType.CLUSTER_IP, target: pod, port: 8080 });
      new Chart(app, 'other'); // a chart without objects is an empty file, drawn empty
    });
    expect(Object.keys(fromMemory)).toEqual(files);
    expect(fromMemory).toEqual(fromFiles);
  });

  test('charts that depend on each other: numbered files, in the order synth writes them', () => {
    const { fromMemory, fromFiles } = bothWays({}, app => {
      const services = new Chart(app, 'services');
      const pods = new Chart(app, 'pods');
      const pod = new AppPod(pods, 'p', { name: 'p', containers: [{ name: 'c', image: 'nginx', port: 80 }] });
      new ExposedService(services, 's', { name: 's', type: ServiceType.CLUSTER_IP, target: pod, port: 8080 });
    });
    expect(Object.keys(fromMemory)).toEqual(['0000-services.md', '0001-pods.md']);
    expect(fromMemory).toEqual(fromFiles);
  });

  test('values YAML 1.1 reads as something else, an undefined an escape hatch wrote, an emptied object: as read back', () => {
    const { fromMemory, fromFiles } = bothWays({}, app => {
      const chart = new Chart(app, 'odd');
      const pod = new k8s.KubePod(chart, 'p', {
        metadata: { name: 'yes', labels: { a: 'on', b: '1_000', c: '0x1F', d: '~', e: 'null', f: '12:30' } },
        spec: { containers: [{ name: 'off', image: '1e3', ports: [{ containerPort: 80, name: 'y' }] }] },
      });
      pod.addJsonPatch(JsonPatch.add('/spec/containers/0/ports/0/hostIP', undefined));
      new k8s.KubeService(chart, 's', { metadata: { name: 'no' }, spec: { selector: { a: 'on', b: '1_000' }, ports: [{ port: 80, targetPort: k8s.IntOrString.fromString('y') }] } });
      new k8s.KubeConfigMap(chart, 'gone', { metadata: { name: 'gone' } }).addJsonPatch(JsonPatch.remove('/apiVersion'), JsonPatch.remove('/kind'), JsonPatch.remove('/metadata'));
    });
    expect(fromMemory['odd.md']).toContain('Pod yes');
    expect(fromMemory['odd.md']).toContain('`no :80 → yes / off :80`');
    expect(fromMemory).toEqual(fromFiles);
  });
});

test('fails on what is no list of objects with our error, not a TypeError', () => {
  expect(brief(problemsOf(() => topologyMarkdown(null as never)))).toEqual([{ rule: 'props', field: 'manifests', value: null }]);
});

describe('topologyMarkdown: disruption budgets and autoscalers', () => {
  test('the Deployment step: its budget guards the Deployment, its autoscaler scales it from 3 to 6', () => {
    const markdown = topologyMarkdown(tutorialChart('08-deployment'));
    expect(markdown).toContain('  subgraph w0 ["Deployment flask-deployment ×3–6"]');
    expect(markdown).toContain('  b0{{"PodDisruptionBudget flask-deployment<br/>maxUnavailable 1"}}\n  b0 -. guards .- w0');
    expect(markdown).toContain('  a0[["HorizontalPodAutoscaler flask-deployment<br/>3–6 replicas, cpu 70%"]]\n  a0 -. scales .-> w0');
    expect(routes(markdown)).toEqual([
      '`svc-flask :5000 (node :30001) → deployment/flask-deployment / flask :5000`',
      '`flask-deployment` (PodDisruptionBudget, maxUnavailable 1) guards `deployment/flask-deployment`',
      '`flask-deployment` (HorizontalPodAutoscaler) scales `deployment/flask-deployment` from 3 to 6 replicas on cpu 70%',
    ]);
  });

  test('a budget that selects nothing, and an autoscaler whose target is elsewhere (defaults: minReplicas 1, CPU at 80%)', () => {
    const pdb = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { minAvailable: '50%', selector: { matchLabels: { app: 'x' } } } };
    const hpa = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 4 } };
    expect(routes(topologyMarkdown([pdb, hpa]))).toEqual([
      '`p` (PodDisruptionBudget, minAvailable 50%) guards no Pod',
      '`h` (HorizontalPodAutoscaler) scales `deployment/web` from 1 to 4 replicas on cpu 80% (not in this file)',
    ]);
  });
});

describe('topologyMarkdown: Ingresses and NetworkPolicies', () => {
  const objects: Manifest[] = [
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 4050, targetPort: 80 }] } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' }, spec: { ingressClassName: 'nginx', rules: [
      { host: 'web.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 4050 } } } }] } },
      { http: { paths: [{ path: '/x', pathType: 'Prefix', backend: { service: { name: 'gone', port: { name: 'http' } } } }] } },
    ] } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web-isolation' }, spec: {
      podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8' } }, { podSelector: { matchLabels: { role: 'client' } } }], ports: [{ port: 80 }] }],
    } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny-api' }, spec: { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'] } },
  ];

  test('draws Ingress → Service → Pod, and the policy beside the pods it selects', () => {
    const graph = topologyMarkdown(objects).split('\n');
    expect(graph).toEqual(expect.arrayContaining([
      '  i0[/"Ingress web<br/>class nginx"/]',
      '  i0 -->|"web.example.com/ :4050"| s0',
      '  np0{{"NetworkPolicy web-isolation<br/>lets in 80/TCP"}}',
      '  np0 -.->|"from every pod of namespaces kubernetes.io/metadata.name=ingress-nginx; 10.0.0.0/8; pods role=client of its namespace"| w0',
      '  np1{{"NetworkPolicy deny-api<br/>lets in nothing"}}',
    ]));
  });

  test('says it in text: the Ingress routes first, the policies last', () => {
    expect(routes(topologyMarkdown(objects))).toEqual([
      '`web web.example.com/ → web :4050`',
      '`web */x → gone :http` (no such Service in this file)',
      '`web :4050 → web / nginx :80`',
      '`web-isolation` isolates web (Ingress, Egress): lets in 80/TCP from every pod of namespaces kubernetes.io/metadata.name=ingress-nginx; 10.0.0.0/8; pods role=client of its namespace',
      '`deny-api` isolates no pod of this file (Ingress): lets in nothing from every source',
    ]);
  });
});

test('topologyMarkdown names the pods of the file a policy lets in', () => {
  const pod = (name: string, labels: { [k: string]: string }, namespace?: string): Manifest => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, labels, ...(namespace ? { namespace } : {}) }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] },
  });
  const policy: Manifest = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web' }, spec: {
    podSelector: { matchLabels: { app: 'web' } },
    ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }, { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ops' } }, podSelector: {} }, { namespaceSelector: {}, podSelector: {} }] }],
  } };
  expect(routes(topologyMarkdown([pod('web', { app: 'web' }), pod('client', { role: 'client' }), pod('other', { role: 'client' }, 'shop'), pod('probe', { app: 'probe' }, 'ops'), policy])).pop()).toBe(
    '`web` isolates web (Ingress): lets in every port from pods role=client of its namespace (client); every pod of namespaces kubernetes.io/metadata.name=ops (probe); every pod of namespaces (all)');
});

test('step 11: the Gateway in front of its HTTPRoute, and the route in front of each Service with its share of the requests', () => {
  const md = topologyMarkdown(tutorialChart('11-gateway-api'), { title: '11-gateway-api' });
  expect(md).toContain('  gw0[/"Gateway gateway-flask<br/>class eg<br/>HTTP :80"/]');
  expect(md).toContain('  gw0 --> rt0');
  expect(md).toContain('  rt0 -->|":5000 90%"| s0');
  expect(md).toContain('  rt0 -->|":5000 10%"| s1');
  expect(routes(md).slice(0, 3)).toEqual([
    '`gateway-flask → route-flask` (HTTPRoute, hosts *)',
    '`route-flask → svc-flask-stable :5000` (90% of the requests)',
    '`route-flask → svc-flask-canary :5000` (10% of the requests)',
  ]);
});

test('a route to a Gateway or a Service the file does not hold says so', () => {
  const route = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GRPCRoute', metadata: { name: 'api' },
    spec: { parentRefs: [{ name: 'shared', sectionName: 'grpc' }], hostnames: ['api.example.com'], rules: [{ backendRefs: [{ name: 'api', port: 9000 }] }] } };
  expect(routes(topologyMarkdown([route]))).toEqual([
    '`shared / grpc → api` (GRPCRoute, hosts api.example.com) (no such Gateway in this file)',
    '`api → api :9000` (no such Service in this file)',
  ]);
});
