/**
 * The engine is the only judge: what a constructor used to refuse when it was built (an emptyDir's
 * medium and size, a claim template's spec, an Ingress to an ExternalName Service or to another
 * namespace, an empty selector, a port handle of another pod or protocol, a probe on a UDP port)
 * is now written as given and judged at synth by the rule that owns it. The same mistake gives
 * the same finding through a construct (an app synth) and through `checkManifests` over the very
 * manifests the construct wrote, as a user of the plugin or of raw ApiObjects meets it.
 */
import { Chart, Testing } from 'cdk8s';
import type { IPodTarget } from '../../../src';
import {
  AccessMode, AppPod, EmptyDirMedium, ExposedIngress, ExposedService, Probe, Problem, Protocol, ServiceType, Volume, Workload,
} from '../../../src';
import { checkManifests } from '../../../src/check';
import { objectsInOutputOrder } from '../../../src/synth/cdk8s-mirror/output-order';
import { synthProblemsOf, withoutSchemaCheck } from '../../util';

/** What a finding says, without where the object is (a construct path, or Kind/name). */
const said = (problems: readonly Problem[]) => problems.map(p => ({ rule: p.rule, field: p.field, value: p.value, allowed: p.allowed, fix: p.fix }));

/** The findings of the app synth, and those of `checkManifests` over what the chart wrote: the same. */
function bothWays(build: (chart: Chart) => void): ReturnType<typeof said> {
  const chart = Testing.chart();
  build(chart);
  const viaConstructs = said(synthProblemsOf(chart));
  // (what the chart writes, in the order it writes them, without the synth's validation, which refuses them)
  const manifests = withoutSchemaCheck(() => objectsInOutputOrder(chart).map(o => o.toJson()));
  expect(said(checkManifests(manifests))).toEqual(viaConstructs);
  return viaConstructs;
}

const brief = (found: ReturnType<typeof said>) => found.map(p => ({ rule: p.rule, field: p.field, value: p.value }));

const pod = (chart: Chart, volumes: Volume[], workload?: Workload) =>
  new AppPod(chart, 'app', {
    workload,
    containers: [{ name: 'app', image: 'example/app:1', port: 8080, mounts: volumes.map((volume, i) => ({ volume, path: `/data/${i}` })) }],
  });

describe('volumes', () => {
  test('fails an emptyDir medium the kubelet cannot set up (empty-dir-medium), built or raw', () => {
    expect(brief(bothWays(chart => pod(chart, [Volume.emptyDir('scratch', { medium: 'Tmpfs' as EmptyDirMedium })])))).toEqual([
      { rule: 'empty-dir-medium', field: 'spec.volumes[0].emptyDir.medium', value: 'Tmpfs' },
    ]);
  });

  test('passes the media the kubelet sets up', () => {
    for (const medium of ['', 'Memory', 'HugePages', 'HugePages-2Mi']) {
      const raw = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'example/a:1' }], volumes: [{ name: 'v', emptyDir: { medium } }] } };
      expect(checkManifests([raw])).toEqual([]);
    }
  });

  test('fails an emptyDir sizeLimit that is no quantity (quantities) or is negative (volumes)', () => {
    expect(brief(bothWays(chart => pod(chart, [Volume.emptyDir('a', { sizeLimit: 'lots' }), Volume.emptyDir('b', { sizeLimit: '-1Gi' })])))).toEqual([
      { rule: 'quantities', field: 'spec.volumes[0].emptyDir.sizeLimit', value: 'lots' },
      { rule: 'volumes', field: 'spec.volumes[1].emptyDir.sizeLimit', value: '-1Gi' },
    ]);
  });

  test('fails a claim template the API server refuses for the claims the controller makes (volume-claim-templates, quantities)', () => {
    const found = bothWays(chart => pod(chart, [
      Volume.claimTemplate('zero', { storage: '0' }),
      Volume.claimTemplate('none', { storage: '1Gi', accessModes: [] }),
      Volume.claimTemplate('odd', { storage: '1Gi', accessModes: ['ReadWriteSometimes' as AccessMode], storageClassName: 'Fast_SSD' }),
      Volume.claimTemplate('text', { storage: 'lots' }),
    ], Workload.statefulSet()));
    expect(brief(found)).toEqual([
      { rule: 'quantities', field: 'spec.volumeClaimTemplates[3].spec.resources.requests.storage', value: 'lots' },
      { rule: 'volume-claim-templates', field: 'spec.volumeClaimTemplates[0].spec.resources.requests.storage', value: '0' },
      { rule: 'volume-claim-templates', field: 'spec.volumeClaimTemplates[1].spec.accessModes', value: [] },
      { rule: 'volume-claim-templates', field: 'spec.volumeClaimTemplates[2].spec.accessModes[0]', value: 'ReadWriteSometimes' },
      { rule: 'volume-claim-templates', field: 'spec.volumeClaimTemplates[2].spec.storageClassName', value: 'Fast_SSD' },
    ]);
  });

  test('passes a claim template the API server takes', () => {
    const chart = Testing.chart();
    pod(chart, [Volume.claimTemplate('data', { storage: '1Gi', accessModes: [AccessMode.READ_WRITE_ONCE_POD], storageClassName: 'fast-ssd' })], Workload.statefulSet());
    expect(checkManifests(Testing.synth(chart))).toEqual([]);
  });

  test('a value that cannot be written is still refused when built (props)', () => {
    expect(() => Volume.emptyDir('a', { sizeLimit: 64 as never })).toThrow(/\[props\]/);
    expect(() => Volume.claimTemplate('a', { storage: 1 as never })).toThrow(/\[props\]/);
  });
});

describe('Ingress backends (ingress-backend)', () => {
  const setup = (chart: Chart, namespace?: string) => {
    const app = new AppPod(chart, `app${namespace ?? ''}`, { namespace, containers: [{ name: 'app', image: 'example/app:1', port: 8080 }] });
    return new ExposedService(chart, `svc${namespace ?? ''}`, { name: `web${namespace ? `-${namespace}` : ''}`, type: ServiceType.CLUSTER_IP, target: app, port: 80 });
  };

  test('fails an ExternalName Service as a backend, built or raw', () => {
    expect(brief(bothWays(chart => {
      const ext = new ExposedService(chart, 'ext', { name: 'ext', type: ServiceType.EXTERNAL_NAME, externalName: 'db.example.com', port: 80 });
      new ExposedIngress(chart, 'in', { paths: [{ service: ext }] });
    }))).toEqual([{ rule: 'ingress-backend', field: 'spec.rules[0].http.paths[0].backend.service.name', value: 'ext' }]);
  });

  test('fails a Service of another namespace than the Ingress\'s, built or raw', () => {
    expect(brief(bothWays(chart => {
      const a = setup(chart);
      const b = setup(chart, 'shop');
      new ExposedIngress(chart, 'in', { paths: [{ service: a, path: '/' }, { service: b, path: '/shop' }] });
    }))).toEqual([{ rule: 'ingress-backend', field: 'spec.rules[0].http.paths[1].backend.service.name', value: 'web-shop' }]);
  });

  test('fails a port the Service lacks, by number or by name, built or raw', () => {
    expect(brief(bothWays(chart => {
      const svc = setup(chart);
      new ExposedIngress(chart, 'in', { paths: [{ service: svc, port: 8443, path: '/a' }, { service: svc, port: 'https', path: '/b' }] });
    }))).toEqual([
      { rule: 'ingress-backend', field: 'spec.rules[0].http.paths[0].backend.service.port.number', value: 8443 },
      { rule: 'ingress-backend', field: 'spec.rules[0].http.paths[1].backend.service.port.name', value: 'https' },
    ]);
  });

  test('passes a Service of its namespace with the port', () => {
    const chart = Testing.chart();
    new ExposedIngress(chart, 'in', { paths: [{ service: setup(chart), port: 80 }] });
    expect(checkManifests(Testing.synth(chart))).toEqual([]);
  });
});

describe('Services', () => {
  test('fails an empty selector (service-selects-a-pod), built or raw', () => {
    expect(brief(bothWays(chart => {
      const app = new AppPod(chart, 'app', { containers: [{ name: 'app', image: 'example/app:1', port: 8080 }] });
      const unlabelled: IPodTarget = { node: app.node, apiObject: app.apiObject, selectorLabels: {}, exposedPorts: app.exposedPorts, portRef: app.portRef.bind(app) } as unknown as IPodTarget;
      new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: unlabelled, port: 80 });
    }))).toEqual([{ rule: 'service-selects-a-pod', field: 'spec.selector', value: {} }]);
  });

  test('fails a port handle of another pod, or with another protocol, where the target lacks it (target-port-is-exposed), built or raw', () => {
    expect(brief(bothWays(chart => {
      const app = new AppPod(chart, 'app', { containers: [{ name: 'app', image: 'example/app:1', ports: [{ number: 8080, name: 'http' }] }] });
      const other = new AppPod(chart, 'other', { containers: [{ name: 'other', image: 'example/other:1', ports: [{ number: 9090, name: 'metrics' }] }] });
      new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: app, ports: [{ name: 'a', port: 80, targetPort: other.portRef('metrics') }, { name: 'b', port: 81, targetPort: app.portRef('http'), protocol: Protocol.UDP }] });
    }))).toEqual([
      { rule: 'target-port-is-exposed', field: 'spec.ports[0].targetPort', value: 'metrics' },
      { rule: 'target-port-is-exposed', field: 'spec.ports[1].targetPort', value: 'http' },
    ]);
  });
});

describe('probes and hooks on a port that is not TCP (probe-port-name)', () => {
  test('fails a probe on a UDP port, built (a handle) or raw', () => {
    expect(brief(bothWays(chart => {
      const udp = { number: 53, name: 'dns', protocol: Protocol.UDP };
      new AppPod(chart, 'dns', { containers: [{ name: 'dns', image: 'example/dns:1', ports: [udp], liveness: Probe.tcpSocket({ port: udp }) }] });
    }))).toEqual([{ rule: 'probe-port-name', field: 'spec.containers[0].livenessProbe.tcpSocket.port', value: 'dns' }]);
  });

  test('fails a probe on a UDP port by number, raw; passes a TCP one', () => {
    const raw = (port: number) => ({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'example/a:1', ports: [{ containerPort: 53, protocol: 'UDP' }, { containerPort: 8080 }], livenessProbe: { tcpSocket: { port } } }] },
    });
    expect(checkManifests([raw(53)]).map(p => [p.rule, p.field, p.value])).toEqual([['probe-port-name', 'spec.containers[0].livenessProbe.tcpSocket.port', 53]]);
    expect(checkManifests([raw(8080)])).toEqual([]);
  });
});
