/**
 * Until the registry (`src/core/rules/index.ts`) lands: runs rule modules written to the rule
 * contract (`../rule.ts`) inside today's engine (`judge`), each finding a {@link Problem} with the
 * rule's id and, for a warning, its severity. The lead folds these modules into the registry.
 */
import type { KubeObject, ManifestModel } from '../manifest';
import type { Problem } from '../problems';
import type { Rule } from '../rule';
import { rule as listenerCertificate } from './listener-certificate';
import { rule as routeBackendNetworkPolicy } from './route-backend-network-policy';
import { rule as routeBackendRef } from './route-backend-ref';
import { rule as routeGatewayOutsideApp } from './route-gateway-outside-app';
import { rule as routeHostnameOverlap } from './route-hostname-overlap';
import { rule as routeParentRef } from './route-parent-ref';

/** The Gateway API's rules, in the order they run. */
export const GATEWAY_API_RULES: readonly Rule[] = [
  routeBackendRef, routeParentRef, routeGatewayOutsideApp, listenerCertificate, routeHostnameOverlap, routeBackendNetworkPolicy,
];

/** Every finding of the rules over the model, in the order found. */
export function runRules(rules: readonly Rule[], model: ManifestModel, options: unknown): Problem[] {
  const found: Problem[] = [];
  for (const rule of rules) {
    const about = (object: KubeObject) => {
      const add = (field: string, value: unknown, allowed: string, fix?: string) => {
        const p: { -readonly [K in keyof Problem]: Problem[K] } = { rule: rule.id, path: object.where, field, value, allowed };
        if (fix !== undefined) p.fix = fix;
        p.object = object.ref;
        if (object.file !== undefined) p.file = object.file;
        if (rule.severity === 'warning') p.severity = 'warning';
        found.push(p);
      };
      return { add, check: (field: string, value: unknown, allowed: string | undefined, fix?: string) => { if (allowed !== undefined) add(field, value, allowed, fix); } };
    };
    rule.check?.({ model, options, about });
  }
  return found;
}
