/**
 * The rest of the Service spec on ExposedService: each field written as given, each default
 * not written, each refusal of the API server reported at synth with the written field.
 */
import { Chart, Duration, Testing } from 'cdk8s';
import {
  CLUSTER_IP_NONE, ExposedService, KUBERNETES_VERSION_CONTEXT, ExposedServiceProps, ExternalTrafficPolicy, InternalTrafficPolicy, IpFamily, IpFamilyPolicy, MAX_AFFINITY_SECONDS, NginxPod,
  ServiceType, SessionAffinity, validateApp,
} from '../../../src';
import { brief, only, problemsOf, synthProblemsOf } from '../../util';

function setup() {
  const chart = Testing.chart();
  const web = new NginxPod(chart, 'web', { name: 'web' });
  return { chart, web };
}

test('a LoadBalancer Service with the whole spec', () => {
  const { chart, web } = setup();
  new ExposedService(chart, 'svc', {
    name: 'web', type: ServiceType.LOAD_BALANCER, target: web, port: 80,
    annotations: { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' },
    sessionAffinity: SessionAffinity.clientIp(Duration.hours(1)),
    externalTrafficPolicy: ExternalTrafficPolicy.LOCAL, internalTrafficPolicy: InternalTrafficPolicy.CLUSTER,
    loadBalancerSourceRanges: ['10.0.0.0/8'], loadBalancerClass: 'example.com/internal-vip', allocateLoadBalancerNodePorts: false,
    externalIPs: ['192.0.2.10'], publishNotReadyAddresses: true, ipFamilies: [IpFamily.IPV4], ipFamilyPolicy: IpFamilyPolicy.SINGLE_STACK,
  });
  expect(only(chart, 'Service')).toMatchSnapshot();
});

describe('defaults', () => {
  test('none of the fields is written when not given (Kubernetes\' defaults: no affinity, Cluster policies, node ports allocated, one family)', () => {
    const { chart, web } = setup();
    new ExposedService(chart, 'svc', { type: ServiceType.LOAD_BALANCER, target: web });
    const svc = only(chart, 'Service');
    expect(Object.keys(svc.spec).sort()).toEqual(['ports', 'selector', 'type']);
    expect(svc.metadata.annotations).toBeUndefined();
  });

  test('SessionAffinity.clientIp() without a timeout writes ClientIP only (Kubernetes\' default: 3 hours)', () => {
    const { chart, web } = setup();
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web, sessionAffinity: SessionAffinity.clientIp() });
    expect(only(chart, 'Service').spec.sessionAffinity).toBe('ClientIP');
    expect(only(chart, 'Service').spec.sessionAffinityConfig).toBeUndefined();
  });

  test('SessionAffinity.NONE is written as None when given', () => {
    const { chart, web } = setup();
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web, sessionAffinity: SessionAffinity.NONE });
    expect(only(chart, 'Service').spec.sessionAffinity).toBe('None');
  });
});

describe('what is given is written', () => {
  test('a headless Service without ports: clusterIP None and no ports', () => {
    const { chart, web } = setup();
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web, clusterIP: CLUSTER_IP_NONE, ports: [] });
    expect(only(chart, 'Service').spec).toEqual({ type: 'ClusterIP', clusterIP: 'None', selector: { app: 'web' } });
  });

  test('a headless Service with ports keeps the target\'s port by default', () => {
    const { chart, web } = setup();
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web, clusterIP: CLUSTER_IP_NONE });
    expect(only(chart, 'Service').spec.ports).toEqual([{ port: 80, targetPort: 80 }]);
  });

  test('a cluster IP, external IPs, traffic policies and publishNotReadyAddresses on a NodePort Service', () => {
    const { chart, web } = setup();
    new ExposedService(chart, 'svc', {
      type: ServiceType.NODE_PORT, target: web, clusterIP: '10.96.0.10', externalIPs: ['192.0.2.10'],
      externalTrafficPolicy: ExternalTrafficPolicy.LOCAL, internalTrafficPolicy: InternalTrafficPolicy.LOCAL, publishNotReadyAddresses: false,
    });
    const spec = only(chart, 'Service').spec;
    expect(spec).toEqual(expect.objectContaining({
      clusterIP: '10.96.0.10', externalIPs: ['192.0.2.10'], externalTrafficPolicy: 'Local', internalTrafficPolicy: 'Local', publishNotReadyAddresses: false,
    }));
  });

  test('the timeout of SessionAffinity.clientIp() in seconds, up to one day', () => {
    expect(SessionAffinity.clientIp(Duration.days(1)).timeoutSeconds).toBe(MAX_AFFINITY_SECONDS);
    expect(SessionAffinity.clientIp(Duration.seconds(1)).timeoutSeconds).toBe(1);
  });

  test('annotations are written as given', () => {
    const { chart, web } = setup();
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web, annotations: { 'example.com/owner': 'team-a' } });
    expect(only(chart, 'Service').metadata.annotations).toEqual({ 'example.com/owner': 'team-a' });
  });
});

describe('fails', () => {
  /** What the engine finds at synth in a Service of these props (beside the pod `web`). */
  const judged = (props: (web: NginxPod) => ExposedServiceProps) => {
    const { chart, web } = setup();
    new ExposedService(chart, 'svc', props(web));
    return synthProblemsOf(chart);
  };

  test('fails on a ClientIP timeout outside 1 s – 1 day, or not whole seconds', () => {
    for (const [timeout, seconds] of [[Duration.days(2), 172800], [Duration.millis(1500), 1.5], [Duration.millis(0), 0]] as const) {
      const { chart, web } = setup();
      new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web, sessionAffinity: SessionAffinity.clientIp(timeout) });
      expect(brief(synthProblemsOf(chart))).toEqual([{ rule: 'session-affinity', field: 'spec.sessionAffinityConfig.clientIP.timeoutSeconds', value: seconds }]);
    }
  });

  test('fails on externalTrafficPolicy on a ClusterIP Service', () => {
    const { chart, web } = setup();
    // (TypeScript refuses it: ClusterIPServiceProps has no externalTrafficPolicy; JavaScript gets a props error.)
    const problems = problemsOf(() => new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web, externalTrafficPolicy: ExternalTrafficPolicy.LOCAL } as never));
    expect(brief(problems)).toEqual([{ rule: 'props', field: 'externalTrafficPolicy', value: 'Local' }]);
    expect(problems[0].fix).toBe('drop externalTrafficPolicy, or use type NodePort or LoadBalancer, which takes it');
  });

  test('fails on the LoadBalancer fields on a NodePort Service (fields it does not take), and on a bad source range at synth', () => {
    const { chart, web } = setup();
    expect(brief(problemsOf(() => new ExposedService(chart, 'svc', {
      type: ServiceType.NODE_PORT, target: web, loadBalancerSourceRanges: ['10.0.0.1'], loadBalancerClass: 'example.com/lb', allocateLoadBalancerNodePorts: false,
    } as never)))).toEqual([
      { rule: 'props', field: 'loadBalancerSourceRanges', value: ['10.0.0.1'] },
      { rule: 'props', field: 'loadBalancerClass', value: 'example.com/lb' },
      { rule: 'props', field: 'allocateLoadBalancerNodePorts', value: false },
    ]);
    expect(brief(judged(web => ({ type: ServiceType.LOAD_BALANCER, target: web, loadBalancerSourceRanges: ['10.0.0.1'] })))).toEqual([
      { rule: 'load-balancer-fields', field: 'spec.loadBalancerSourceRanges[0]', value: '10.0.0.1' },
    ]);
  });

  test('fails on port 10250 on a LoadBalancer Service before 1.33, with the field of the port; not from 1.33, whose API server accepts it', () => {
    const chartAt = (version: string | undefined, props: (web: NginxPod) => ExposedServiceProps) => {
      const app = Testing.app();
      if (version !== undefined) app.node.setContext(KUBERNETES_VERSION_CONTEXT, version);
      const chart = new Chart(app, 'test');
      new ExposedService(chart, 'svc', props(new NginxPod(chart, 'web', { name: 'web' })));
      return chart;
    };
    const judgedAt = (version: string, props: (web: NginxPod) => ExposedServiceProps) => synthProblemsOf(chartAt(version, props));
    expect(brief(judgedAt('1.32', web => ({ type: ServiceType.LOAD_BALANCER, target: web, port: 10250, targetPort: 80 })))).toEqual([
      { rule: 'load-balancer-fields', field: 'spec.ports[0].port', value: 10250 },
    ]);
    expect(brief(judgedAt('1.28', web => ({ type: ServiceType.LOAD_BALANCER, target: web, ports: [{ port: 10250, targetPort: 80 }] })))).toEqual([
      { rule: 'load-balancer-fields', field: 'spec.ports[0].port', value: 10250 },
    ]);
    expect(validateApp(chartAt('1.33', web => ({ type: ServiceType.LOAD_BALANCER, target: web, port: 10250, targetPort: 80 })))).toEqual([]);
    expect(validateApp(chartAt(undefined, web => ({ type: ServiceType.LOAD_BALANCER, target: web, port: 10250, targetPort: 80 })))).toEqual([]);
  });

  test('fails on a headless NodePort or LoadBalancer Service, and on a clusterIP on an ExternalName Service', () => {
    expect(brief(judged(web => ({ type: ServiceType.NODE_PORT, target: web, clusterIP: CLUSTER_IP_NONE })))).toEqual([
      { rule: 'cluster-ip', field: 'spec.clusterIP', value: 'None' },
    ]);
    expect(brief(problemsOf(() => new ExposedService(Testing.chart(), 'b', { type: ServiceType.EXTERNAL_NAME, externalName: 'db.example.com', clusterIP: '10.96.0.10' } as never)))).toEqual([
      { rule: 'props', field: 'clusterIP', value: '10.96.0.10' },
    ]);
  });

  test('fails on a clusterIP that is no IP', () => {
    expect(brief(judged(web => ({ type: ServiceType.CLUSTER_IP, target: web, clusterIP: '10.96.0.300' })))).toEqual([
      { rule: 'cluster-ip', field: 'spec.clusterIP', value: '10.96.0.300' },
    ]);
  });

  test('fails on special external IPs', () => {
    expect(brief(judged(web => ({ type: ServiceType.CLUSTER_IP, target: web, externalIPs: ['0.0.0.0', 'fe80::1'] })))).toEqual([
      { rule: 'external-ips', field: 'spec.externalIPs[0]', value: '0.0.0.0' },
      { rule: 'external-ips', field: 'spec.externalIPs[1]', value: 'fe80::1' },
    ]);
  });

  test('fails on SingleStack with two families, and on families on an ExternalName Service', () => {
    expect(brief(judged(web => ({
      type: ServiceType.CLUSTER_IP, target: web, ipFamilies: [IpFamily.IPV4, IpFamily.IPV6], ipFamilyPolicy: IpFamilyPolicy.SINGLE_STACK,
    })))).toEqual([{ rule: 'ip-families', field: 'spec.ipFamilyPolicy', value: 'SingleStack' }]);
    expect(brief(problemsOf(() => new ExposedService(Testing.chart(), 'b', { type: ServiceType.EXTERNAL_NAME, externalName: 'db.example.com', ipFamilies: [IpFamily.IPV4] } as never)))).toEqual([
      { rule: 'props', field: 'ipFamilies', value: ['IPv4'] },
    ]);
  });

  test('fails on an ExternalName Service with session affinity, external IPs or internalTrafficPolicy (fields it does not take)', () => {
    const chart = Testing.chart();
    expect(problemsOf(() => new ExposedService(chart, 'a', {
      type: ServiceType.EXTERNAL_NAME, externalName: 'db.example.com', sessionAffinity: SessionAffinity.clientIp(),
      internalTrafficPolicy: InternalTrafficPolicy.CLUSTER, externalIPs: ['192.0.2.10'],
    } as never)).map(p => [p.rule, p.field])).toEqual([
      ['props', 'sessionAffinity'],
      ['props', 'internalTrafficPolicy'],
      ['props', 'externalIPs'],
    ]);
  });

  test('fails on bad annotations', () => {
    expect(brief(judged(web => ({ type: ServiceType.CLUSTER_IP, target: web, annotations: { 'a/b/c': 'x' } })))).toEqual([
      { rule: 'annotations', field: 'metadata.annotations', value: 'a/b/c' },
    ]);
  });

  test('fails on the wrong types from JavaScript as props, never a TypeError', () => {
    const { chart, web } = setup();
    expect(brief(problemsOf(() => new ExposedService(chart, 'a', {
      type: ServiceType.CLUSTER_IP, target: web, sessionAffinity: 'ClientIP' as never, externalIPs: '192.0.2.10' as never,
      publishNotReadyAddresses: 'yes' as never, clusterIP: 5 as never,
    })))).toEqual([
      { rule: 'props', field: 'externalIPs', value: '192.0.2.10' },
      { rule: 'props', field: 'sessionAffinity', value: 'ClientIP' },
      { rule: 'props', field: 'publishNotReadyAddresses', value: 'yes' },
      { rule: 'props', field: 'clusterIP', value: 5 },
    ]);
    expect(brief(problemsOf(() => SessionAffinity.clientIp(3600 as never)))).toEqual([{ rule: 'props', field: 'timeout', value: 3600 }]);
  });
});
