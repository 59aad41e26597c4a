/**
 * Our half of the differential with the CRDs (test/gateway-api-corpus.ts): for each case of the
 * corpus, the errors our rules raise on each Gateway API object, beside what the CRDs say of it
 * (recorded in the corpus, and held to a real API server by
 * test/controlplane/dist.test.ts). An object the CRDs refuse gets an error of ours;
 * an object they accept gets none from a rule whose source is the API server; the errors of
 * ours on accepted objects are the named exceptions below, each what a controller refuses later.
 */
import { checkManifests } from '../../../src/check';
import { RULES } from '../../../src/rules';
import { gatewayApiCorpus, isGatewayApi, refOf } from '../../gateway-api-corpus';

/**
 * The rules whose errors fall on objects the CRDs accept: the controller (or the data plane)
 * refuses them once applied, which the API server cannot see.
 */
const ACCEPTED_THEN_FAILED: { readonly [rule: string]: string } = {
  'route-backend-ref': 'a backendRef to a Service or port the app does not have, or across namespaces without a grant: the controller sets ResolvedRefs False and answers 500',
  'route-parent-ref': 'a parentRef no listener admits: the controller leaves the route unattached (Accepted False)',
  'listener-certificate': 'an HTTPS listener without tls, or a certificate across namespaces without a grant: the controller marks the listener invalid',
};

const corpus = gatewayApiCorpus();

test('the corpus has every kind and many cases, refused and accepted', () => {
  const kinds = new Set(corpus.flatMap(c => c.objects.filter(isGatewayApi).map(o => o.kind)));
  expect([...kinds].sort()).toEqual(['GRPCRoute', 'Gateway', 'HTTPRoute', 'ReferenceGrant']);
  expect(corpus.filter(c => c.refused !== undefined).length).toBeGreaterThanOrEqual(25);
  expect(corpus.filter(c => c.refused === undefined).length).toBeGreaterThanOrEqual(15);
});

test('every named exception is a rule of the registry whose source is not the API server', () => {
  for (const id of Object.keys(ACCEPTED_THEN_FAILED)) expect([id, RULES[id as keyof typeof RULES]?.source]).toEqual([id, 'ours']);
});

describe.each(corpus.map(c => [c.name, c] as const))('%s', (_, c) => {
  const problems = checkManifests(c.objects).filter(p => (p.severity ?? 'error') === 'error');
  const gatewayApi = c.objects.filter(isGatewayApi);
  const errorsOn = (ref: string) => problems.filter(p => p.object === ref).map(p => p.rule);

  test('our rules raise the errors the corpus names, on its Gateway API objects, and none elsewhere', () => {
    const found = Object.fromEntries(gatewayApi.map(refOf).filter(ref => errorsOn(ref).length > 0).map(ref => [ref, errorsOn(ref)]));
    expect(found).toEqual(c.ours ?? {});
    expect(problems.filter(p => !gatewayApi.some(o => refOf(o) === p.object))).toEqual([]);
  });

  test('an object the CRDs refuse gets an error of ours; one they accept, none from an api-server rule, and only the named exceptions', () => {
    for (const o of gatewayApi) {
      const ref = refOf(o);
      const ours = errorsOn(ref);
      if (c.refused?.[ref] !== undefined) expect([ref, ours.length > 0]).toEqual([ref, true]);
      else expect([ref, ours.filter(id => !(id in ACCEPTED_THEN_FAILED))]).toEqual([ref, []]);
    }
  });
});
