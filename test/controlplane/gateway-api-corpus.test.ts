/**
 * The API server's half of the differential with our rules (test/gateway-api-corpus.ts; ours is
 * test/unit/core/gateway-api-corpus.test.ts): every Gateway API object of the corpus created
 * with `dryRun=All` on a control plane with the v1.6 standard CRDs installed, so that their
 * OpenAPI schemas and CEL rules judge it, in one pass over the whole corpus on one cluster.
 * What the API server says must be what the corpus records: refused (with the recorded
 * message) or accepted, object for object.
 */
import { ControlPlane, controlPlaneInstalled, hasGo } from './cluster';
import { installGatewayApi, judgeCorpus } from './gateway-api';
import { gatewayApiCorpus } from '../gateway-api-corpus';

const suite = hasGo() || controlPlaneInstalled() ? describe : describe.skip;

suite('the Gateway API corpus on an API server with the CRDs', () => {
  let cp: ControlPlane;
  beforeAll(async () => {
    cp = await ControlPlane.start({ name: 'gateway-corpus' });
    installGatewayApi(cp);
  }, 300_000);
  afterAll(async () => { await cp?.stop(); }, 120_000);

  test('the API server refuses exactly the objects the corpus records as refused, with their messages, and accepts the rest', async () => {
    const corpus = gatewayApiCorpus();
    const t0 = Date.now();
    const verdicts = await judgeCorpus(cp, corpus);
    process.stderr.write(`gateway-api corpus: ${verdicts.length} objects of ${corpus.length} cases judged by the API server in ${(Date.now() - t0) / 1000}s, ${verdicts.filter(v => v.refused).length} refused\n`);
    const disagreements = verdicts.flatMap(v => {
      const expected = corpus.find(c => c.name === v.case)!.refused?.[v.ref];
      if (expected === undefined && v.refused === undefined) return [];
      if (expected !== undefined && v.refused?.includes(expected)) return [];
      return [{ case: v.case, ref: v.ref, expected: expected ?? 'accepted', apiServer: v.refused ?? 'accepted' }];
    });
    expect(disagreements).toEqual([]);
    // the recorded refusals are all there: none names an object the corpus does not apply
    const refs = new Set(verdicts.map(v => `${v.case} ${v.ref}`));
    expect(corpus.flatMap(c => Object.keys(c.refused ?? {}).map(ref => `${c.name} ${ref}`)).filter(k => !refs.has(k))).toEqual([]);
  }, 120_000);
});
