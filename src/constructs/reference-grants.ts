/**
 * ReferenceGrants the Gateway API constructs write when a reference crosses namespaces (not part
 * of the public API).
 * @see https://gateway-api.sigs.k8s.io/api-types/referencegrant/
 */
import type { ApiObject} from 'cdk8s';
import { Chart } from 'cdk8s';
import type { Construct, IConstruct } from 'constructs';
import { definedOnly } from '../core/util';
import * as gw from '../imports/gateway-api/gateway.networking.k8s.io';
import { checkedAtSynth } from '../synth/app-checks';

/**
 * The namespace a construct's object is written in: its own `metadata.namespace`, else its
 * chart's (cdk8s gives every object of a chart with a namespace that namespace).
 * @internal
 */
export function namespaceOf(construct: IConstruct): string | undefined {
  // An ApiObject, and a cdk8s-plus resource, have `metadata` with the namespace given to them.
  const own = (construct as { metadata?: { namespace?: unknown } }).metadata?.namespace;
  if (typeof own === 'string') return own;
  for (let s: IConstruct | undefined = construct; s !== undefined; s = s.node.scope) if (Chart.isChart(s)) return s.namespace;
  return undefined;
}

/**
 * Writes a ReferenceGrant in `namespace` that lets objects of `from` (a Gateway API kind, in its
 * namespace) refer to the objects `to` names.
 * @internal
 */
export function grantReference(scope: Construct, id: string, from: { kind: string; namespace: string }, to: { group: string; kind: string; name: string }, namespace: string | undefined): ApiObject {
  const grant = new gw.ReferenceGrant(scope, id, {
    metadata: definedOnly({ namespace }),
    spec: {
      from: [{ group: 'gateway.networking.k8s.io', kind: from.kind, namespace: from.namespace }],
      to: [{ group: to.group, kind: to.kind, name: to.name }],
    },
  });
  checkedAtSynth(grant);
  return grant;
}
