/**
 * The scheduling props of a pod (src/values/scheduling.ts): node selector, placements by
 * intent, tolerations, topology spread and priority class; defaults, fields and failures.
 */
import { ApiObject, Chart, Testing } from 'cdk8s';
import {
  AppPod, AppPodProps, LabelOperator, NodeOperator, Placement, TaintEffect, TolerationOperator, validateApp, WhenUnsatisfiable, Workload,
} from '../../../src';
import { brief, ofKind, only, problemsOf, synthProblemsOf } from '../../util';

const containers = [{ name: 'web', image: 'nginx', port: 80 }];

function specOf(props: AppPodProps, chart: Chart = Testing.chart()) {
  // the class a pod names must exist: the app writes it (priority-class-exists)
  if (props.priorityClassName !== undefined) new ApiObject(chart, 'pc', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: props.priorityClassName }, value: 1000 });
  new AppPod(chart, 'pod', { name: 'web', containers, ...props });
  expect(validateApp(chart)).toEqual([]);
  return ofKind(chart, 'Pod').find(p => p.metadata.name === 'web')!.spec;
}

const fails = (props: AppPodProps) => brief(problemsOf(() => new AppPod(Testing.chart(), 'pod', { containers, ...props })));

const NODE = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions';
const ANTI = 'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector';

/** What the engine finds at synth in a pod of these props. */
const judged = (props: AppPodProps) => {
  const chart = Testing.chart();
  new AppPod(chart, 'pod', { containers, ...props });
  return brief(synthProblemsOf(chart));
};

describe('scheduling props', () => {
  test('defaults: nothing written (any node, no affinity, tolerations, spread or priority class)', () => {
    const spec = specOf({});
    for (const f of ['nodeSelector', 'affinity', 'tolerations', 'topologySpreadConstraints', 'priorityClassName']) expect(spec[f]).toBeUndefined();
  });

  test('nodeSelector and priorityClassName as given', () => {
    expect(specOf({ nodeSelector: { 'kubernetes.io/arch': 'arm64' }, priorityClassName: 'high' })).toMatchObject({
      nodeSelector: { 'kubernetes.io/arch': 'arm64' }, priorityClassName: 'high',
    });
  });

  describe('Placement', () => {
    test('attract: required requirements are ANDed in one term; a weight makes it preferred', () => {
      const spec = specOf({ placement: [
        Placement.attract([{ key: 'kubernetes.io/arch', operator: NodeOperator.IN, values: ['amd64', 'arm64'] }]),
        Placement.attract([{ key: 'node.example.com/cores', operator: NodeOperator.GT, values: ['3'] }]),
        Placement.attract([{ key: 'topology.kubernetes.io/zone', operator: NodeOperator.IN, values: ['a'] }], { weight: 50 }),
      ] });
      expect(spec.affinity).toEqual({ nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [
          { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] },
          { key: 'node.example.com/cores', operator: 'Gt', values: ['3'] },
        ] }] },
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['a'] }] } }],
      } });
    });

    test('colocate with a pod construct: its labels, and its namespace when it has one; on the same node by default', () => {
      const chart = Testing.chart();
      const cache = new AppPod(chart, 'cache', { name: 'cache', namespace: 'data', containers: [{ name: 'redis', image: 'redis', port: 6379 }] });
      const spec = specOf({ placement: [Placement.colocate(cache)] }, chart);
      expect(spec.affinity).toEqual({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: { matchLabels: { app: 'cache' } }, namespaces: ['data'], topologyKey: 'kubernetes.io/hostname' },
      ] } });
    });

    test('separate from its own replicas (no pods given: the pod\'s labels), preferred by zone', () => {
      const chart = Testing.chart();
      new AppPod(chart, 'pod', { name: 'web', containers, workload: Workload.deployment({ replicas: 3 }),
        placement: [Placement.separate(undefined, { weight: 100, topologyKey: 'topology.kubernetes.io/zone' })] });
      expect(validateApp(chart)).toEqual([]);
      expect(only(chart, 'Deployment').spec.template.spec.affinity).toEqual({ podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'topology.kubernetes.io/zone' } },
      ] } });
    });

    test('separate from pods by a label selector with expressions', () => {
      const spec = specOf({ placement: [Placement.separate({ matchExpressions: [{ key: 'tier', operator: LabelOperator.IN, values: ['db'] }] })] });
      expect(spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([
        { labelSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }] }, topologyKey: 'kubernetes.io/hostname' },
      ]);
    });

    describe('fails', () => {
      test('fails on node requirements whose operator and values do not fit', () => {
        expect(judged({ placement: [Placement.attract([
          { key: 'a', operator: NodeOperator.IN },
          { key: 'b', operator: NodeOperator.EXISTS, values: ['x'] },
          { key: 'c', operator: NodeOperator.GT, values: ['1', '2'] },
          { key: 'd', operator: NodeOperator.LT, values: ['many'] },
          { key: 'e', operator: 'Near' as NodeOperator },
          { key: 'bad key', operator: NodeOperator.EXISTS },
        ])] })).toEqual([
          { rule: 'affinity', field: `${NODE}[0].values`, value: undefined },
          { rule: 'affinity', field: `${NODE}[1].values`, value: ['x'] },
          { rule: 'affinity', field: `${NODE}[2].values`, value: ['1', '2'] },
          { rule: 'affinity', field: `${NODE}[4].operator`, value: 'Near' },
          { rule: 'affinity', field: `${NODE}[5].key`, value: 'bad key' },
          { rule: 'node-affinity-number', field: `${NODE}[3].values[0]`, value: 'many' },
        ]);
      });

      test('fails on a weight outside 1-100, and a topology key that is no label key', () => {
        expect(judged({ placement: [Placement.colocate({ matchLabels: { app: 'x' } }, { weight: 0, topologyKey: 'a b' })] })).toEqual([
          { rule: 'affinity', field: 'spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight', value: 0 },
          { rule: 'affinity', field: 'spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey', value: 'a b' },
        ]);
      });

      test('fails on selector expressions whose operator and values do not fit', () => {
        expect(judged({ placement: [Placement.separate({ matchExpressions: [
          { key: 'tier', operator: LabelOperator.NOT_IN },
          { key: 'tier', operator: LabelOperator.DOES_NOT_EXIST, values: ['db'] },
        ] })] })).toEqual([
          { rule: 'affinity', field: `${ANTI}.matchExpressions[0].values`, value: undefined },
          { rule: 'affinity', field: `${ANTI}.matchExpressions[1].values`, value: ['db'] },
        ]);
      });

      test('fails on what is neither a pod construct nor a label selector, and on no requirements', () => {
        expect(brief(problemsOf(() => Placement.colocate('web' as any)))).toEqual([{ rule: 'props', field: 'pods', value: 'web' }]);
        expect(brief(problemsOf(() => Placement.attract([])))).toEqual([{ rule: 'props', field: 'requirements', value: [] }]);
      });

      test('fails on a placement that is no Placement', () => {
        expect(fails({ placement: [{ kind: 'node' } as any] })).toEqual([{ rule: 'props', field: 'placement[0]', value: { kind: 'node' } }]);
      });
    });
  });

  describe('tolerations', () => {
    test('written as given: defaults (Equal, every effect, forever) not written', () => {
      expect(specOf({ tolerations: [
        { key: 'dedicated', value: 'web', effect: TaintEffect.NO_SCHEDULE },
        { key: 'node.kubernetes.io/unreachable', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_EXECUTE, tolerationSeconds: 60 },
        { operator: TolerationOperator.EXISTS },
      ] }).tolerations).toEqual([
        { key: 'dedicated', value: 'web', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
        { operator: 'Exists' },
      ]);
    });

    test('fails on the combinations the API server refuses', () => {
      expect(judged({ tolerations: [
        { value: 'x' },
        { key: 'a', operator: TolerationOperator.EXISTS, value: 'x' },
        { key: 'b', tolerationSeconds: 30, effect: TaintEffect.NO_SCHEDULE },
        { key: 'c', effect: 'Sometimes' as TaintEffect },
        { key: 'd', operator: 'Like' as TolerationOperator },
      ] })).toEqual([
        { rule: 'tolerations', field: 'spec.tolerations[0].operator', value: undefined },
        { rule: 'tolerations', field: 'spec.tolerations[1].value', value: 'x' },
        { rule: 'tolerations', field: 'spec.tolerations[2].effect', value: 'NoSchedule' },
        { rule: 'tolerations', field: 'spec.tolerations[3].effect', value: 'Sometimes' },
        { rule: 'tolerations', field: 'spec.tolerations[4].operator', value: 'Like' },
      ]);
    });
  });

  describe('topologySpread', () => {
    test('defaults: maxSkew 1, DoNotSchedule, the pod\'s own labels (written: the API requires them)', () => {
      expect(specOf({ topologySpread: [{ topologyKey: 'topology.kubernetes.io/zone' }] }).topologySpreadConstraints).toEqual([
        { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } },
      ]);
    });

    test('every field as given', () => {
      expect(specOf({ topologySpread: [{ topologyKey: 'kubernetes.io/hostname', maxSkew: 2, whenUnsatisfiable: WhenUnsatisfiable.DO_NOT_SCHEDULE, minDomains: 3,
        labelSelector: { matchLabels: { tier: 'web' } }, matchLabelKeys: ['pod-template-hash'] }] }).topologySpreadConstraints).toEqual([
        { maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', minDomains: 3,
          labelSelector: { matchLabels: { tier: 'web' } }, matchLabelKeys: ['pod-template-hash'] },
      ]);
    });

    test('fails on maxSkew < 1, minDomains with ScheduleAnyway, a repeated pair, a key both matched and in matchLabelKeys, and a bad topology key', () => {
      expect(judged({ topologySpread: [
        { topologyKey: 'zone', maxSkew: 0 },
        { topologyKey: 'host', whenUnsatisfiable: WhenUnsatisfiable.SCHEDULE_ANYWAY, minDomains: 2 },
        { topologyKey: 'zone', labelSelector: { matchLabels: { app: 'x' } }, matchLabelKeys: ['app'] },
        { topologyKey: 'no such key/at all', whenUnsatisfiable: 'Maybe' as WhenUnsatisfiable },
      ] })).toEqual([
        { rule: 'topology-spread', field: 'spec.topologySpreadConstraints[0].maxSkew', value: 0 },
        { rule: 'topology-spread', field: 'spec.topologySpreadConstraints[0]', value: { topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' } },
        { rule: 'topology-spread', field: 'spec.topologySpreadConstraints[1].minDomains', value: 2 },
        { rule: 'topology-spread', field: 'spec.topologySpreadConstraints[2].matchLabelKeys[0]', value: 'app' },
        { rule: 'topology-spread', field: 'spec.topologySpreadConstraints[3].whenUnsatisfiable', value: 'Maybe' },
        { rule: 'topology-key', field: 'spec.topologySpreadConstraints[3].topologyKey', value: 'no such key/at all' },
      ]);
    });
  });

  describe('fails', () => {
    test('fails on node selector labels and a priority class name the API server refuses', () => {
      expect(judged({ nodeSelector: { 'bad key': 'x' }, priorityClassName: 'High!' })).toEqual([
        { rule: 'labels', field: 'spec.nodeSelector', value: 'bad key' },
        { rule: 'pod-identity', field: 'spec.priorityClassName', value: 'High!' },
      ]);
    });

    test.each<[string, AppPodProps, string]>([
      ['placement that is no array', { placement: Placement.separate() as any }, 'placement'],
      ['tolerations that are no array of objects', { tolerations: ['x'] as any }, 'tolerations'],
      ['topologySpread that is no array of objects', { topologySpread: { topologyKey: 'zone' } as any }, 'topologySpread'],
    ])('fails on %s, as props', (_name, props, field) => {
      expect(fails(props)).toEqual([{ rule: 'props', field, value: (props as any)[field] }]);
    });
  });
});

test('fails on a spread constraint whose selector or matchLabelKeys have the wrong shape, as props', () => {
  const spread = [{ topologyKey: 'zone', labelSelector: { matchExpressions: {} as any } }];
  expect(brief(problemsOf(() => new AppPod(Testing.chart(), 'pod', { containers, topologySpread: spread })))).toEqual([{ rule: 'props', field: 'topologySpread', value: spread }]);
});

test('fails at synth on matchLabelKeys that repeat a key of the default selector, the pod\'s own labels', () => {
  expect(judged({ topologySpread: [{ topologyKey: 'zone', matchLabelKeys: ['app'] }] })).toEqual([
    { rule: 'topology-spread', field: 'spec.topologySpreadConstraints[0].matchLabelKeys[0]', value: 'app' },
  ]);
  expect(judged({ labels: { tier: 'web' }, topologySpread: [{ topologyKey: 'zone', matchLabelKeys: ['tier'] }] })).toEqual([
    { rule: 'topology-spread', field: 'spec.topologySpreadConstraints[0].matchLabelKeys[0]', value: 'tier' },
  ]);
});
