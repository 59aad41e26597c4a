import { Chart, Testing } from 'cdk8s';
import { AppPod, AppPodProps, ExposedService, FlaskPod, NginxPod, RestartPolicy, ServiceType, Workload, WorkloadKind } from '../../../src';
import { brief, ofKind, only, problemsOf, synth, synthProblemsOf } from '../../util';

const web = { name: 'web', image: 'nginx', port: 80 };

/** A chart with one pod of these props, under the id `id`. */
function podChart(id: string, props: AppPodProps): Chart {
  const chart = Testing.chart();
  new AppPod(chart, id, props);
  return chart;
}

describe('Workload', () => {
  test('defaults: a Deployment, a StatefulSet with its headless Service, and a DaemonSet', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'deploy', { containers: [web], workload: Workload.deployment() });
    new AppPod(chart, 'stateful', { containers: [web], workload: Workload.statefulSet() });
    new AppPod(chart, 'daemon', { containers: [web], workload: Workload.daemonSet() });
    expect(synth(chart)).toMatchSnapshot();
  });

  test('the default is a bare Pod, as Workload.pod() writes', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'default', { containers: [web] });
    const bare = new AppPod(chart, 'bare', { containers: [web], workload: Workload.pod() });
    expect(pod.workload.kind).toBe(WorkloadKind.POD);
    expect(pod.apiObject.kind).toBe('Pod');
    expect(bare.apiObject.kind).toBe('Pod');
    expect(ofKind(chart, 'Pod').map(p => p.metadata.name)).toEqual([pod.name, bare.name]);
  });

  describe('Deployment', () => {
    test('the controller takes the name, selects exactly the labels, and its pods get generated names', () => {
      const chart = Testing.chart();
      const pod = new AppPod(chart, 'app', {
        name: 'api', labels: { app: 'api', tier: 'web' }, annotations: { note: 'x' },
        containers: [web], workload: Workload.deployment({ replicas: 3 }),
      });
      const deployment = only(chart, 'Deployment');
      expect(ofKind(chart, 'Pod')).toEqual([]);
      expect(pod.apiObject.kind).toBe('Deployment');
      expect(pod.name).toBe('api');
      expect(deployment.metadata).toEqual({ name: 'api', labels: { app: 'api', tier: 'web' } });
      expect(deployment.spec.replicas).toBe(3);
      expect(deployment.spec.selector).toEqual({ matchLabels: { app: 'api', tier: 'web' } });
      expect(deployment.spec.template.metadata).toEqual({ labels: { app: 'api', tier: 'web' }, annotations: { note: 'x' } });
      expect(deployment.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['web']);
    });

    test('replicas: Kubernetes\' default (1), not written', () => {
      const chart = Testing.chart();
      new AppPod(chart, 'app', { containers: [web], workload: Workload.deployment() });
      expect(only(chart, 'Deployment').spec.replicas).toBeUndefined();
    });

    test('replicas: 0 and the int32 maximum are written', () => {
      const chart = Testing.chart();
      new AppPod(chart, 'none', { containers: [web], workload: Workload.deployment({ replicas: 0 }) });
      new AppPod(chart, 'max', { containers: [web], workload: Workload.deployment({ replicas: 2147483647 }) });
      expect(ofKind(chart, 'Deployment').map(d => d.spec.replicas)).toEqual([0, 2147483647]);
    });

    test('the default labels are { app: <the controller\'s name> }', () => {
      const chart = Testing.chart();
      const pod = new AppPod(chart, 'app', { containers: [web], workload: Workload.deployment() });
      expect(pod.labels).toEqual({ app: pod.name });
      expect(only(chart, 'Deployment').spec.selector.matchLabels).toEqual({ app: pod.name });
      expect(only(chart, 'Deployment').spec.template.metadata.labels).toEqual({ app: pod.name });
    });
  });

  describe('StatefulSet', () => {
    test('gets a headless Service (clusterIP None) named <name>-headless, written first', () => {
      const chart = Testing.chart();
      const db = new AppPod(chart, 'db', {
        name: 'db', containers: [{ name: 'db', image: 'example/db:1', port: 5432 }], workload: Workload.statefulSet({ replicas: 2 }),
      });
      const objects = synth(chart);
      expect(objects.map(o => o.kind)).toEqual(['Service', 'StatefulSet']);
      const service = only(objects, 'Service');
      expect(service.metadata).toEqual({ name: 'db-headless' });
      expect(service.spec).toEqual({ clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432, targetPort: 5432 }] });
      expect(only(objects, 'StatefulSet').spec).toMatchObject({ replicas: 2, serviceName: 'db-headless', selector: { matchLabels: { app: 'db' } } });
      expect(db.headlessService!.name).toBe('db-headless');
    });

    test('replicas: Kubernetes\' default, not written; the headless Service goes to the pod\'s namespace', () => {
      const chart = Testing.chart();
      new AppPod(chart, 'db', { name: 'db', namespace: 'data', containers: [web], workload: Workload.statefulSet() });
      expect(only(chart, 'StatefulSet').spec.replicas).toBeUndefined();
      expect(only(chart, 'Service').metadata).toEqual({ name: 'db-headless', namespace: 'data' });
    });

    test('the headless Service name can be set; a multi-port one names its ports', () => {
      const chart = Testing.chart();
      new AppPod(chart, 'db', {
        containers: [{ name: 'db', image: 'x', port: 5432 }, { name: 'metrics', image: 'y', ports: [{ number: 9187, name: 'metrics' }] }],
        workload: Workload.statefulSet({ serviceName: 'db' }),
      });
      expect(only(chart, 'Service').metadata.name).toBe('db');
      expect(only(chart, 'Service').spec.ports).toEqual([
        { name: 'tcp-5432', port: 5432, targetPort: 5432 }, { name: 'metrics', port: 9187, targetPort: 9187 },
      ]);
      expect(only(chart, 'StatefulSet').spec.serviceName).toBe('db');
    });

    test('a generated headless port name never repeats a named port\'s name', () => {
      const chart = Testing.chart();
      new AppPod(chart, 'db', {
        containers: [{ name: 'db', image: 'x', port: 8080, ports: [{ number: 9090, name: 'tcp-8080' }] }],
        workload: Workload.statefulSet(),
      });
      expect(only(chart, 'Service').spec.ports.map((p: { name: string }) => p.name)).toEqual(['tcp-8080-0', 'tcp-8080']);
    });

    test('a pod without ports gets a headless Service without ports', () => {
      const chart = Testing.chart();
      new AppPod(chart, 'db', { containers: [{ name: 'db', image: 'x' }], workload: Workload.statefulSet() });
      expect(only(chart, 'Service').spec.ports).toBeUndefined();
    });
  });

  test('a DaemonSet has no replicas', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'agent', { containers: [web], workload: Workload.daemonSet() });
    expect(Object.keys(only(chart, 'DaemonSet').spec).sort()).toEqual(['selector', 'template']);
  });

  test('NginxPod and FlaskPod run under a controller too', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { workload: Workload.daemonSet() });
    new FlaskPod(chart, 'api', { workload: Workload.deployment({ replicas: 2 }) });
    expect(only(chart, 'DaemonSet').spec.template.spec.containers[0].image).toBe('nginx');
    expect(only(chart, 'Deployment').spec.template.spec.containers[0].image).toBe('sposigor/app-flask-teste:1');
  });

  test.each([
    ['Deployment', Workload.deployment({ replicas: 3 })],
    ['StatefulSet', Workload.statefulSet()],
    ['DaemonSet', Workload.daemonSet()],
  ])('an ExposedService selects a %s\'s pods, infers targetPort and is written before it', (kind, workload) => {
    const chart = Testing.chart();
    const api = new FlaskPod(chart, 'api', { labels: { app: 'api' }, workload });
    new ExposedService(chart, 'svc', { name: 'svc', type: ServiceType.NODE_PORT, target: api, port: 80 });
    const objects = synth(chart);
    const service = objects.find(o => o.kind === 'Service' && o.metadata.name === 'svc')!;
    expect(service.spec.selector).toEqual({ app: 'api' });
    expect(service.spec.ports).toEqual([{ port: 80, targetPort: 5000 }]);
    expect(objects.indexOf(service)).toBeLessThan(objects.findIndex(o => o.kind === kind));
  });

  describe('Workload.isWorkload', () => {
    test('recognises every workload, and nothing else', () => {
      for (const w of [Workload.pod(), Workload.deployment(), Workload.statefulSet(), Workload.daemonSet()]) expect(Workload.isWorkload(w)).toBe(true);
      expect(Workload.isWorkload({ kind: 'Deployment' })).toBe(false);
      expect(Workload.isWorkload({})).toBe(false);
      expect(Workload.isWorkload(undefined)).toBe(false);
    });

    test('recognises a workload of another copy of the package, by its brand, and a pod runs under it', () => {
      const foreign = Object.defineProperty({ kind: 'Deployment', replicas: 2 }, Symbol.for('cdk8s-pods-services.Workload'), { value: true });
      expect(Workload.isWorkload(foreign)).toBe(true);
      const chart = Testing.chart();
      new AppPod(chart, 'app', { containers: [web], workload: foreign as unknown as Workload });
      expect(only(chart, 'Deployment').spec.replicas).toBe(2);
    });
  });

  describe('fails', () => {
    test('fails on replicas beyond the int32 range', () => {
      const problems = synthProblemsOf(podChart('app', { containers: [web], workload: Workload.deployment({ replicas: 2147483648 }) }));
      expect(brief(problems)).toEqual([{ rule: 'replicas', field: 'spec.replicas', value: 2147483648 }]);
      expect(problems[0].path).toBe('test/app');
    });

    test('fails on negative or fractional replicas', () => {
      expect(brief(synthProblemsOf(podChart('a', { containers: [web], workload: Workload.deployment({ replicas: -1 }) }))))
        .toEqual([{ rule: 'replicas', field: 'spec.replicas', value: -1 }]);
      expect(brief(synthProblemsOf(podChart('b', { containers: [web], workload: Workload.statefulSet({ replicas: 1.5 }) }))))
        .toEqual([{ rule: 'replicas', field: 'spec.replicas', value: 1.5 }]);
      expect(brief(problemsOf(() => Workload.statefulSet({ replicas: NaN })))).toEqual([{ rule: 'props', field: 'replicas', value: NaN }]);
    });

    test('fails on a headless Service name that is not a DNS-1035 label', () => {
      expect(brief(synthProblemsOf(podChart('db', { containers: [web], workload: Workload.statefulSet({ serviceName: '1db' }) }))))
        .toEqual([{ rule: 'object-name', field: 'metadata.name', value: '1db' }]);
    });

    test('fails on a derived headless Service name that is not a DNS-1035 label', () => {
      const problems = synthProblemsOf(podChart('db', { name: '1db', containers: [web], workload: Workload.statefulSet() }));
      expect(brief(problems)).toEqual([{ rule: 'object-name', field: 'metadata.name', value: '1db-headless' }]);
      expect(problems[0]).toMatchObject({ path: 'test/db/Headless', object: 'Service/1db-headless' });
    });

    test('fails on every problem of the options at once', () => {
      expect(brief(problemsOf(() => Workload.statefulSet({ replicas: '2' as never, serviceName: 5 as never })))).toEqual([
        { rule: 'props', field: 'replicas', value: '2' },
        { rule: 'props', field: 'serviceName', value: 5 },
      ]);
    });

    test('fails on a restartPolicy other than Always under a controller', () => {
      expect(brief(synthProblemsOf(podChart('app', { containers: [web], restartPolicy: RestartPolicy.NEVER, workload: Workload.deployment() }))))
        .toEqual([{ rule: 'restart-policy', field: 'spec.template.spec.restartPolicy', value: 'Never' }]);
      expect(() => Testing.synth(podChart('ok', { containers: [web], restartPolicy: RestartPolicy.ALWAYS, workload: Workload.deployment() }))).not.toThrow();
    });

    test('fails on empty labels under a controller: its selector would be empty; a bare Pod may have none', () => {
      expect(brief(synthProblemsOf(podChart('web', { labels: {}, containers: [web], workload: Workload.deployment() }))))
        .toEqual([{ rule: 'controller-selector', field: 'spec.selector', value: { matchLabels: {} } }]);
      expect(() => Testing.synth(podChart('bare', { labels: {}, containers: [web] }))).not.toThrow();
    });

    test('fails on a StatefulSet name the API server refuses (a dot) or its pods cannot carry (more than 52 characters)', () => {
      const db = (id: string, name?: string) => podChart(id, { name, containers: [{ name: 'db', image: 'x' }], workload: Workload.statefulSet({ serviceName: 'db' }) });
      const dotted = synthProblemsOf(db('a', 'db.main'));
      expect(brief(dotted)).toEqual([{ rule: 'object-name', field: 'metadata.name', value: 'db.main' }]);
      expect(dotted[0].path).toBe('test/a');
      expect(brief(synthProblemsOf(db('b', 'd'.repeat(53))))).toEqual([{ rule: 'statefulset-name', field: 'metadata.name', value: 'd'.repeat(53) }]);
      expect(() => Testing.synth(db('c', 'd'.repeat(52)))).not.toThrow();
    });

    test('fails on a generated StatefulSet name that is too long, with the fix to set a name', () => {
      const problems = synthProblemsOf(podChart('a-construct-id-long-enough-to-make-the-generated-name-too-long', {
        containers: [{ name: 'db', image: 'x' }], workload: Workload.statefulSet({ serviceName: 'db' }),
      }));
      expect(problems).toEqual([expect.objectContaining({ rule: 'statefulset-name', field: 'metadata.name', fix: expect.any(String) })]);
    });

    test('fails on a StatefulSet name too long and a bad container together', () => {
      expect(brief(synthProblemsOf(podChart('db', { name: 'd'.repeat(53), containers: [{ name: 'DB', image: 'x' }], workload: Workload.statefulSet() }))))
        .toEqual([
          // (from 1.34, the default target's API server validates a StatefulSet's pod template as a Pod's)
          { rule: 'containers', field: 'spec.template.spec.containers[0].name', value: 'DB' },
          { rule: 'statefulset-name', field: 'metadata.name', value: 'd'.repeat(53) },
        ]);
    });
  });

  describe('wrong types from JavaScript are reported as props, never as a TypeError', () => {
    test.each<[string, () => unknown]>([
      ['null deployment options', () => Workload.deployment(null as any)],
      ['null statefulSet options', () => Workload.statefulSet(null as any)],
      ['a number as statefulSet options', () => Workload.statefulSet(3 as any)],
    ])('fails on %s', (_name, build) => {
      expect(problemsOf(build)).toEqual([expect.objectContaining({ rule: 'props', field: 'options' })]);
    });

    test('fails on a string as replicas (a ValidationError, not a TypeError)', () => {
      expect(problemsOf(() => Workload.deployment({ replicas: '2' as any }))).toEqual([expect.objectContaining({ field: 'replicas', value: '2' })]);
    });
  });
});
