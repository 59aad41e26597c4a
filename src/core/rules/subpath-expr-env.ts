/**
 * A `subPathExpr` expands only variables the container defines: the kubelet expands it with the
 * container's environment when it starts the container, and a variable it lacks (or that is
 * empty) fails the start (`CreateContainerConfigError`) — the API server accepted the pod.
 * Only a kubelet shows it on a cluster; kwok nodes start no container, so the library judges it.
 */
import { array, record, str } from '../manifest';
import { defineRule } from '../rule';
import { POD_MAKERS } from '../walk/pods';

/** The `$(NAME)` references of an expression, as Kubernetes expands them (`$$` is a literal `$`). */
export function referencedVariables(expr: string): string[] {
  const names: string[] = [];
  for (let i = 0; i < expr.length; i++) {
    if (expr[i] !== '$' || i + 1 >= expr.length) continue;
    if (expr[i + 1] === '$') { i++; continue; }
    if (expr[i + 1] !== '(') continue;
    const end = expr.indexOf(')', i + 2);
    if (end < 0) break; // an unclosed reference is kept as written
    const name = expr.slice(i + 2, end);
    if (name !== '') names.push(name);
    i = end;
  }
  return names;
}

/** Variables a Service of the namespace may inject (`enableServiceLinks`) or the kubelet always does (`KUBERNETES_…`). */
const SERVICE_VARIABLE = /(^KUBERNETES_)|(_SERVICE_HOST$)|(_SERVICE_PORT(_[A-Z0-9_]+)?$)|(_PORT(_[0-9]+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)?$)/;

export const rule = defineRule({
  id: 'subpath-expr-env',
  source: 'kubelet',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'a volume mount\'s subPathExpr names only environment variables its container defines, with a value (the API server accepts any; the kubelet fails to start the container)',
  fix: 'define every variable subPathExpr names in the same container\'s env (with a value or a valueFrom), or use a fixed subPath',
  versions: { from: '1.28' },
  upstream: 'pkg/kubelet/container/helpers.go ExpandContainerVolumeMounts (from pkg/kubelet/kubelet_pods.go makeMounts)',
  check({ model, about }) {
    for (const pod of model.pods) {
      const lists = [['containers', array(pod.spec.containers)], ['initContainers', array(pod.spec.initContainers)]] as const;
      for (const [list, containers] of lists) {
        containers.forEach((c, ci) => {
          const container = record(c);
          // envFrom brings variables the manifests cannot show: nothing is certain then
          if (array(container.envFrom).length > 0) return;
          const defined = new Map<string, boolean>();
          for (const e of array(container.env)) {
            const env = record(e);
            const name = str(env.name);
            if (name === undefined) continue;
            defined.set(name, env.valueFrom !== undefined || (typeof env.value === 'string' && env.value !== ''));
          }
          array(container.volumeMounts).forEach((m, mi) => {
            const expr = str(record(m).subPathExpr);
            if (expr === undefined) return;
            const missing = referencedVariables(expr).filter(v => defined.get(v) !== true && !(SERVICE_VARIABLE.test(v) && !defined.has(v)));
            if (missing.length === 0) return;
            const empty = missing.filter(v => defined.has(v));
            about(pod.object).add(`${pod.template}spec.${list}[${ci}].volumeMounts[${mi}].subPathExpr`, expr,
              `a subPathExpr of variables container "${str(container.name) ?? ci}" defines with a value: ${missing.map(v => `$(${v})`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} ${empty.length === missing.length ? 'empty' : 'not in its env'}, so the kubelet cannot expand it and the container never starts (CreateContainerConfigError)`,
              `define ${missing.join(', ')} in the container's env (e.g. from the downward API: valueFrom.fieldRef metadata.name), or use a fixed subPath`);
          });
        });
      }
    }
  },
});
