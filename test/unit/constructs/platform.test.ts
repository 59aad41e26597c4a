/**
 * The named platforms (src/constructs/platform.ts) beyond the local one (tested with the
 * capacity check it declares, test/unit/core/capacity-checks.test.ts).
 */
import { Chart, Testing } from 'cdk8s';
import { AppPod, ClusterCapacity, FlaskPod, NginxPod, Platform, SecurityProfile, validateApp } from '../../../src';
import { brief, Manifest, problemsOf } from '../../util';

describe('Platform.OPENSHIFT', () => {
  test('every pod construct that names no profile runs restricted with no fixed user or group: the SCC assigns them', () => {
    const app = Testing.app();
    Platform.OPENSHIFT.applyTo(app);
    expect(ClusterCapacity.of(app)).toBeUndefined();
    const chart = new Chart(app, 'c');
    new NginxPod(chart, 'web');
    new FlaskPod(chart, 'api');
    new AppPod(chart, 'app', { containers: [{ name: 'app', image: 'example/app:1' }] });
    expect(validateApp(app)).toEqual([]);
    const objects = chart.toJson();
    const [web, api, other] = objects.filter(o => o.kind === 'Pod');
    // no isolation by the profile: OpenShift's DNS is not where the default isolation lets DNS out
    expect(objects.filter(o => o.kind === 'NetworkPolicy')).toEqual([]);
    for (const pod of [web, api, other]) {
      expect(pod.spec.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.spec.automountServiceAccountToken).toBe(false);
      for (const c of pod.spec.containers) expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true });
    }
    // nginx-unprivileged, whose writable paths are group 0's, with emptyDirs where it writes
    expect(web.spec.containers[0].image).toBe(NginxPod.RESTRICTED_IMAGE);
    expect(web.spec.volumes.map((v: Manifest) => v.name)).toEqual(['tmp', 'var-cache-nginx']);
  });

  test('fails on arbitraryUser beside a user or group, or of the wrong type', () => {
    expect(brief(problemsOf(() => SecurityProfile.restricted({ arbitraryUser: true, runAsUser: 20000 })))).toEqual([{ rule: 'props', field: 'arbitraryUser', value: true }]);
    expect(brief(problemsOf(() => SecurityProfile.restricted({ arbitraryUser: 1 as never })))).toEqual([{ rule: 'props', field: 'arbitraryUser', value: 1 }]);
    expect(SecurityProfile.restricted({ arbitraryUser: true }).arbitraryUser).toBe(true);
    expect(SecurityProfile.RESTRICTED.arbitraryUser).toBe(false);
  });
});
