/**
 * The tutorial at every minor the oracle is built at: synthesized for that target and created
 * by that minor's own API server code (test/oracle/, test/oracle/v1.M/), every object accepted.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { buildTutorial } from '../../app/tutorial';
import { KUBERNETES_VERSION_CONTEXT, synthAtomically } from '../../src';
import { judgeFiles, ORACLE_VERSIONS } from '../oracle';

describe.each(ORACLE_VERSIONS)('the tutorial for Kubernetes %s', version => {
  let out: string;
  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), `tutorial-${version}-`));
    synthAtomically(out, app => {
      app.node.setContext(KUBERNETES_VERSION_CONTEXT, version);
      buildTutorial(app);
    });
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  test('every object is accepted by the API server of that minor', () => {
    const results = judgeFiles([out], { version });
    expect(results.length).toBeGreaterThanOrEqual(12);
    // (the Gateway API's objects are custom resources: the oracle does not judge them, the control plane does)
    expect(results.filter(r => r.accepted !== true && !(r.unsupported === true && r.apiVersion.startsWith('gateway.networking.k8s.io/'))).map(r => `${r.kind}/${r.name}: ${r.errors.map(e => e.message).join('; ')}`)).toEqual([]);
  });

  test('the log sidecar is native from 1.33, a second container below; and the server keeps what was written', () => {
    const file = fs.readdirSync(out).find(f => f.startsWith('06-') && f.endsWith('.yaml'))!;
    const pod = parseAllDocuments(fs.readFileSync(path.join(out, file), 'utf8')).map(d => d.toJS()).find(o => o.kind === 'Pod');
    const native = version !== '1.28';
    expect((pod.spec.initContainers ?? []).map((c: any) => c.restartPolicy)).toEqual(native ? ['Always'] : []);
    // the created object (defaults applied) still has the sidecar's restartPolicy: nothing was dropped
    const [created] = judgeFiles([path.join(out, file)], { version, created: true }).filter(r => r.kind === 'Pod');
    expect((created.object!.spec.initContainers ?? []).map((c: any) => c.restartPolicy)).toEqual(native ? ['Always'] : []);
  });
});
