/**
 * LEGACY, construct-time only: the check `ExposedIngress` runs on its props before it writes
 * them, through the rule's own module (`src/core/rules/ingress.ts`), so the logic is written
 * once. It goes when the constructs stop judging values (issue 21, the constructors' branch).
 */
import { KubeObject, record } from '../manifest';
import { Reporter } from '../problems';
import { checkIngressSpec, rule } from '../rules/ingress';

export type { BackendView } from '../walk/ingresses';
export { backendsOf } from '../walk/ingresses';

/** Checks one Ingress as the API server does on create (rule `ingress`). */
export function checkIngress(object: KubeObject, r: Reporter): void {
  checkIngressSpec({
    add: (field, value, allowed, fix) => r.add(rule.id, field, value, allowed, fix),
    check: (field, value, allowed, fix) => r.check(rule.id, field, value, allowed, fix),
  }, record(object.raw.spec));
}
