/**
 * The Workload factories' options: rollout, PodDisruptionBudget, HorizontalPodAutoscaler and
 * a StatefulSet's storage, as the pod constructs write them, and the checks across them at synth.
 */
import { Duration, Testing } from 'cdk8s';
import {
  AccessMode, AppPod, Autoscaling, DaemonSetUpdateStrategy, DeploymentStrategy, DisruptionBudget, FlaskPod, Placement, PodManagementPolicy,
  ScalingMetric, ScalingPolicy, StatefulSetUpdateStrategy, validateApp, Volume, Workload,
} from '../../../src';
import { brief, ofKind, only, problemsOf, synth, synthProblemsOf } from '../../util';

const web = { name: 'web', image: 'nginx', port: 80 };

describe('Workload options', () => {
  test('a Deployment and a StatefulSet with every option: the controllers, their PodDisruptionBudgets and HorizontalPodAutoscalers', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', {
      name: 'api', namespace: 'shop', containers: [web],
      workload: Workload.deployment({
        strategy: DeploymentStrategy.rollingUpdate({ maxSurge: 1, maxUnavailable: 0 }),
        minReady: Duration.seconds(10), progressDeadline: Duration.minutes(5), revisionHistoryLimit: 3,
        disruptionBudget: DisruptionBudget.maxUnavailable(1),
        autoscaling: Autoscaling.horizontal({
          minReplicas: 2, maxReplicas: 6, metrics: [ScalingMetric.cpuUtilization(70)],
          scaleDown: { stabilizationWindow: Duration.minutes(5), policies: [ScalingPolicy.pods(1, Duration.minutes(1))] },
        }),
      }),
    });
    const data = Volume.claimTemplate('data', { storage: '1Gi' });
    new AppPod(chart, 'db', {
      name: 'db', containers: [{ name: 'db', image: 'postgres:16', port: 5432, mounts: [{ volume: data, path: '/var/lib/postgresql/data' }] }],
      workload: Workload.statefulSet({
        replicas: 3, podManagementPolicy: PodManagementPolicy.PARALLEL, updateStrategy: StatefulSetUpdateStrategy.rollingUpdate({ partition: 1 }),
        disruptionBudget: DisruptionBudget.minAvailable('50%'),
      }),
    });
    expect(synth(chart)).toMatchSnapshot();
  });

  test('defaults: no rollout field is written, and no budget or autoscaler', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'd', { containers: [web], workload: Workload.deployment() });
    new AppPod(chart, 's', { containers: [web], workload: Workload.statefulSet() });
    new AppPod(chart, 'x', { containers: [web], workload: Workload.daemonSet() });
    const objects = synth(chart);
    for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet']) {
      expect(Object.keys(only(objects, kind).spec).sort()).toEqual(kind === 'StatefulSet' ? ['selector', 'serviceName', 'template'] : ['selector', 'template']);
    }
    expect(ofKind(objects, 'PodDisruptionBudget')).toEqual([]);
    expect(ofKind(objects, 'HorizontalPodAutoscaler')).toEqual([]);
    const w = Workload.statefulSet();
    expect([w.headlessService, w.volumeClaimTemplates, w.disruptionBudget, w.autoscaling]).toEqual([true, [], undefined, undefined]);
  });

  describe('highAvailability: a replicated Deployment is spread over nodes and drained one pod at a time', () => {
    const spread = (labels: { [key: string]: string }) => ({
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchLabels: labels }, topologyKey: 'kubernetes.io/hostname' } }] },
    });

    test('default for 2 replicas or more, or an autoscaler: a preferred anti-affinity by hostname against its own pods, and a budget of maxUnavailable 1', () => {
      const chart = Testing.chart();
      new AppPod(chart, 'two', { name: 'two', containers: [web], workload: Workload.deployment({ replicas: 2 }) });
      new AppPod(chart, 'hpa', { name: 'hpa', containers: [web], workload: Workload.deployment({ autoscaling: Autoscaling.horizontal({ maxReplicas: 3 }) }) });
      const objects = synth(chart);
      for (const name of ['two', 'hpa']) {
        const deployment = objects.find(o => o.kind === 'Deployment' && o.metadata.name === name)!;
        expect(deployment.spec.template.spec.affinity).toEqual(spread({ app: name }));
        expect(objects.find(o => o.kind === 'PodDisruptionBudget' && o.metadata.name === name)!.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { app: name } } });
      }
      expect(Workload.deployment({ replicas: 2 }).spreadsReplicas).toBe(true);
      expect(validateApp(chart)).toEqual([]);
    });

    test('none for one replica, the default replicas, a StatefulSet or a DaemonSet', () => {
      const chart = Testing.chart();
      new AppPod(chart, 'one', { containers: [web], workload: Workload.deployment({ replicas: 1 }) });
      new AppPod(chart, 'dflt', { containers: [web], workload: Workload.deployment() });
      new AppPod(chart, 'sts', { containers: [web], workload: Workload.statefulSet({ replicas: 3 }) });
      const objects = synth(chart);
      expect(ofKind(objects, 'PodDisruptionBudget')).toEqual([]);
      for (const o of objects.filter(x => x.kind === 'Deployment' || x.kind === 'StatefulSet')) expect(o.spec.template.spec.affinity).toBeUndefined();
    });

    test('highAvailability: false writes neither; a budget of one\'s own replaces the default; an anti-affinity of one\'s own is kept as it is', () => {
      const chart = Testing.chart();
      new AppPod(chart, 'off', { name: 'off', containers: [web], workload: Workload.deployment({ replicas: 3, highAvailability: false }) });
      new AppPod(chart, 'own', { name: 'own', containers: [web], workload: Workload.deployment({ replicas: 3, disruptionBudget: DisruptionBudget.minAvailable(2) }),
        placement: [Placement.separate(undefined, { topologyKey: 'topology.kubernetes.io/zone' })] });
      const objects = synth(chart);
      const off = objects.find(o => o.kind === 'Deployment' && o.metadata.name === 'off')!;
      expect(off.spec.template.spec.affinity).toBeUndefined();
      expect(ofKind(objects, 'PodDisruptionBudget').map(o => [o.metadata.name, o.spec.minAvailable, o.spec.maxUnavailable])).toEqual([['own', 2, undefined]]);
      const own = objects.find(o => o.kind === 'Deployment' && o.metadata.name === 'own')!;
      expect(own.spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey).toBe('topology.kubernetes.io/zone');
      expect(own.spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution).toBeUndefined();
    });

    test('fails on a highAvailability that is not a boolean, with a fix', () => {
      expect(problemsOf(() => Workload.deployment({ replicas: 2, highAvailability: 'yes' as unknown as boolean }))).toEqual([
        expect.objectContaining({ rule: 'props', field: 'highAvailability', value: 'yes', fix: expect.stringContaining('highAvailability: false') }),
      ]);
    });
  });

  test('autoscaled: replicas are left to the autoscaler, which targets the controller by apiVersion, kind and name', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'app', { name: 'api', containers: [web], workload: Workload.statefulSet({ autoscaling: Autoscaling.horizontal({ maxReplicas: 4 }) }) });
    const objects = synth(chart);
    expect(only(objects, 'StatefulSet').spec.replicas).toBeUndefined();
    expect(only(objects, 'HorizontalPodAutoscaler')).toEqual({
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'api' }, maxReplicas: 4 },
    });
    expect(pod.autoscaler?.kind).toBe('HorizontalPodAutoscaler');
    expect(objects.map(o => o.kind)).toEqual(['Service', 'StatefulSet', 'HorizontalPodAutoscaler']);
  });

  test('the budget selects exactly the pods\' labels, in the controller\'s namespace, after it', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'app', { name: 'agent', namespace: 'ops', labels: { app: 'agent', tier: 'infra' }, containers: [web],
      // (an integer: a percentage over a DaemonSet is budget-over-daemonset's finding)
      workload: Workload.daemonSet({ disruptionBudget: DisruptionBudget.minAvailable(1) }) });
    const objects = synth(chart);
    expect(only(objects, 'PodDisruptionBudget')).toEqual({
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'agent', namespace: 'ops' },
      spec: { minAvailable: 1, selector: { matchLabels: { app: 'agent', tier: 'infra' } } },
    });
    expect(objects.map(o => o.kind)).toEqual(['DaemonSet', 'PodDisruptionBudget']);
    expect(pod.disruptionBudget?.kind).toBe('PodDisruptionBudget');
  });

  test('StatefulSet options: pod management, update strategy, minReady, history', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'db', { containers: [web], workload: Workload.statefulSet({
      replicas: 3, podManagementPolicy: PodManagementPolicy.PARALLEL, updateStrategy: StatefulSetUpdateStrategy.rollingUpdate({ partition: 2 }),
      minReady: Duration.seconds(3), revisionHistoryLimit: 5,
    }) });
    const spec = only(chart, 'StatefulSet').spec;
    expect([spec.replicas, spec.podManagementPolicy, spec.updateStrategy, spec.minReadySeconds, spec.revisionHistoryLimit])
      .toEqual([3, 'Parallel', { type: 'RollingUpdate', rollingUpdate: { partition: 2 } }, 3, 5]);
  });

  test('DaemonSet options: update strategy, minReady, history', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'agent', { containers: [web], workload: Workload.daemonSet({
      updateStrategy: DaemonSetUpdateStrategy.onDelete(), minReady: Duration.seconds(1), revisionHistoryLimit: 0,
    }) });
    const spec = only(chart, 'DaemonSet').spec;
    expect([spec.updateStrategy, spec.minReadySeconds, spec.revisionHistoryLimit]).toEqual([{ type: 'OnDelete' }, 1, 0]);
  });

  test('Deployment: Recreate', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', { containers: [web], workload: Workload.deployment({ strategy: DeploymentStrategy.recreate() }) });
    expect(only(chart, 'Deployment').spec.strategy).toEqual({ type: 'Recreate' });
  });

  test('headlessService: false writes no Service, and the StatefulSet names yours', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'db', { name: 'db', containers: [web], workload: Workload.statefulSet({ headlessService: false, serviceName: 'my-db' }) });
    expect(ofKind(chart, 'Service')).toEqual([]);
    expect(only(chart, 'StatefulSet').spec.serviceName).toBe('my-db');
    expect(pod.headlessService).toBeUndefined();
  });

  test('claim templates: mounted ones are written to volumeClaimTemplates, not to the pod\'s volumes; extra ones too', () => {
    const chart = Testing.chart();
    const data = Volume.claimTemplate('data', { storage: '10Gi', storageClassName: 'fast', accessModes: [AccessMode.READ_WRITE_ONCE_POD] });
    const logs = Volume.claimTemplate('logs', { storage: '1Gi' });
    const pod = new AppPod(chart, 'db', { containers: [{ ...web, mounts: [{ volume: data, path: '/data' }, { volume: Volume.emptyDir('tmp'), path: '/tmp' }] }],
      workload: Workload.statefulSet({ volumeClaimTemplates: [logs, data] }) });
    // (the object itself: synth refuses the app, see below)
    const spec = pod.apiObject.toJson().spec;
    expect(spec.template.spec.volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
    expect(spec.volumeClaimTemplates).toEqual([
      { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOncePod'], resources: { requests: { storage: '10Gi' } }, storageClassName: 'fast' } },
      { metadata: { name: 'logs' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
    ]);
    // logs is mounted by nobody: the check across objects says so at synth
    expect(brief(validateApp(chart))).toEqual([{ rule: 'volume-claim-templates', field: 'spec.volumeClaimTemplates[1].metadata.name', value: 'logs' }]);
  });

  test('a claim template\'s access modes default to ReadWriteOnce, its StorageClass to the cluster\'s default (not written)', () => {
    expect(Volume.claimTemplate('data', { storage: '1Gi' })._toClaimTemplate().spec?.accessModes).toEqual(['ReadWriteOnce']);
    expect(Volume.claimTemplate('data', { storage: '1Gi' })._toClaimTemplate().spec?.storageClassName).toBeUndefined();
    expect(Volume.claimTemplate('data', { storage: '1Gi' }).isClaimTemplate).toBe(true);
    expect(Volume.emptyDir('data').isClaimTemplate).toBe(false);
  });

  test('fails on a claim template without a positive storage, with no access mode, at synth', () => {
    // (written as given, judged at synth: rule volume-claim-templates; what cannot be written is refused when built)
    const chart = Testing.chart();
    const data = Volume.claimTemplate('data', { storage: '0', accessModes: [] });
    new AppPod(chart, 'app', { containers: [{ ...web, mounts: [{ volume: data, path: '/data' }] }], workload: Workload.statefulSet() });
    expect(brief(synthProblemsOf(chart))).toEqual([
      { rule: 'volume-claim-templates', field: 'spec.volumeClaimTemplates[0].spec.accessModes', value: [] },
      { rule: 'volume-claim-templates', field: 'spec.volumeClaimTemplates[0].spec.resources.requests.storage', value: '0' },
    ]);
    expect(brief(problemsOf(() => Volume.claimTemplate('data', { storage: 1 as never, accessModes: 'ReadWriteOnce' as never })))).toEqual([
      { rule: 'props', field: 'storage', value: 1 },
      { rule: 'props', field: 'accessModes', value: 'ReadWriteOnce' },
    ]);
  });

  test('fails on a claim template mounted under a Deployment', () => {
    const chart = Testing.chart();
    const data = Volume.claimTemplate('data', { storage: '1Gi' });
    new AppPod(chart, 'app', { containers: [{ ...web, mounts: [{ volume: data, path: '/data' }] }], workload: Workload.deployment() });
    // (a Deployment writes no claim templates: the mount names a volume the pod does not have)
    expect(brief(synthProblemsOf(chart))).toEqual([
      { rule: 'volumes', field: 'spec.template.spec.containers[0].volumeMounts[0].name', value: 'data' },
    ]);
  });
});

describe('Workload options: fails', () => {
  test('fails on replicas with autoscaling', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', { containers: [web], workload: Workload.deployment({ replicas: 3, autoscaling: Autoscaling.horizontal({ maxReplicas: 5 }) }) });
    expect(brief(synthProblemsOf(chart))).toEqual([{ rule: 'autoscaled-replicas', field: 'spec.replicas', value: 3 }]);
  });

  test('fails on a progress deadline not longer than minReady, a fractional minReady, a negative history', () => {
    const judged = (workload: Workload) => {
      const chart = Testing.chart();
      new AppPod(chart, 'app', { containers: [web], workload });
      return brief(synthProblemsOf(chart));
    };
    expect(judged(Workload.deployment({ minReady: Duration.seconds(30), progressDeadline: Duration.seconds(30), revisionHistoryLimit: -1 }))).toEqual([
      { rule: 'rollout', field: 'spec.revisionHistoryLimit', value: -1 },
      { rule: 'rollout', field: 'spec.progressDeadlineSeconds', value: 30 },
    ]);
    expect(judged(Workload.daemonSet({ minReady: Duration.millis(500) }))).toEqual([{ rule: 'rollout', field: 'spec.minReadySeconds', value: 0.5 }]);
    expect(judged(Workload.statefulSet({ podManagementPolicy: 'Random' as any }))).toEqual([{ rule: 'rollout', field: 'spec.podManagementPolicy', value: 'Random' }]);
  });

  test('fails on values of the wrong type', () => {
    expect(brief(problemsOf(() => Workload.deployment({ strategy: 'Recreate' as any, minReady: 5 as any, disruptionBudget: { minAvailable: 1 } as any, autoscaling: { maxReplicas: 3 } as any })))).toEqual([
      { rule: 'props', field: 'minReady', value: 5 },
      { rule: 'props', field: 'disruptionBudget', value: { minAvailable: 1 } },
      { rule: 'props', field: 'autoscaling', value: { maxReplicas: 3 } },
      { rule: 'props', field: 'strategy', value: 'Recreate' },
    ]);
    expect(brief(problemsOf(() => Workload.statefulSet({ updateStrategy: DaemonSetUpdateStrategy.onDelete() as any, podManagementPolicy: 5 as any, volumeClaimTemplates: [Volume.emptyDir('x')] })))).toEqual([
      { rule: 'props', field: 'podManagementPolicy', value: 5 },
      { rule: 'props', field: 'updateStrategy', value: DaemonSetUpdateStrategy.onDelete() },
      { rule: 'props', field: 'volumeClaimTemplates[0]', value: Volume.emptyDir('x') },
    ]);
    expect(brief(problemsOf(() => Workload.daemonSet({ updateStrategy: StatefulSetUpdateStrategy.onDelete() as any })))).toEqual([
      { rule: 'props', field: 'updateStrategy', value: StatefulSetUpdateStrategy.onDelete() },
    ]);
    // (from JavaScript: the options of a Deployment are not silently dropped)
    expect(brief(problemsOf(() => Workload.daemonSet({ replicas: 3, autoscaling: Autoscaling.horizontal({ maxReplicas: 3 }) } as any)))).toEqual([
      { rule: 'props', field: 'replicas', value: 3 },
      { rule: 'props', field: 'autoscaling', value: Autoscaling.horizontal({ maxReplicas: 3 }) },
    ]);
  });

  test('fails on headlessService: false without a serviceName (Kubernetes 1.28 requires one)', () => {
    expect(brief(problemsOf(() => Workload.statefulSet({ headlessService: false })))).toEqual([{ rule: 'props', field: 'serviceName', value: undefined }]);
  });
});

describe('Workload options: the checks across objects at synth', () => {
  test('fails on a budget that never allows a disruption', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', { containers: [web], workload: Workload.deployment({ replicas: 2, disruptionBudget: DisruptionBudget.minAvailable(2) }) });
    const problems = validateApp(chart);
    expect(brief(problems)).toEqual([{ rule: 'budget-allows-disruption', field: 'spec.minAvailable', value: 2 }]);
    expect(problems[0].path).toBe('test/app/DisruptionBudget');
  });

  test('fails on a CPU utilization over a container without a CPU request', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', { containers: [{ ...web, resources: { requests: { memory: '64Mi' } } }],
      workload: Workload.deployment({ autoscaling: Autoscaling.horizontal({ maxReplicas: 3, metrics: [ScalingMetric.cpuUtilization(60), ScalingMetric.memoryUtilization(60)] }) }) });
    expect(brief(validateApp(chart)).map(p => [p.rule, p.field])).toEqual([['autoscaler-requests', 'spec.metrics[0]']]);
  });

  test('the FlaskPod\'s default requests (50m CPU, 64Mi) make CPU and memory utilization work', () => {
    const chart = Testing.chart();
    new FlaskPod(chart, 'flask', { workload: Workload.deployment({
      disruptionBudget: DisruptionBudget.minAvailable(2),
      autoscaling: Autoscaling.horizontal({ minReplicas: 3, maxReplicas: 6, metrics: [ScalingMetric.cpuUtilization(70), ScalingMetric.memoryUtilization(80)] }),
    }) });
    expect(validateApp(chart)).toEqual([]);
  });
});
