/**
 * The checks of a pod spec's scheduling fields, over the fields as the Kubernetes API spells
 * them (ValidateTolerations, validateAffinity, validateTopologySpreadConstraints of Kubernetes
 * 1.28): the engine runs them on written manifests, the constructs on their props.
 */
import type { Reporter } from '../problems';
import * as rules from '../rules';
import { SELECTOR_OPERATORS } from '../label-selector';
import type { Json } from '../manifest';
import { array, record } from '../manifest';
import { checkLabelSelector } from './label-selector-checks';
import { checkLabelMap } from './metadata-checks';

const TOLERATION_OPERATORS = ['Equal', 'Exists'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const NODE_OPERATORS = [...SELECTOR_OPERATORS, 'Gt', 'Lt'];
const WHEN_UNSATISFIABLE = ['DoNotSchedule', 'ScheduleAnyway'];
const NODE_INCLUSION_POLICIES = ['Honor', 'Ignore'];
const INTEGER = /^-?[0-9]+$/;

/** Every scheduling field of a pod spec (`field` is the spec's path). */
export function checkScheduling(r: Reporter, field: string, spec: Json): void {
  if (spec.nodeSelector === undefined && spec.tolerations === undefined && spec.affinity === undefined && spec.topologySpreadConstraints === undefined) return;
  const at = (f: string) => (field === '' ? f : `${field}.${f}`);
  checkLabelMap(r, at('nodeSelector'), spec.nodeSelector);
  checkTolerations(r, at('tolerations'), spec.tolerations);
  const affinity = record(spec.affinity);
  const node = record(affinity.nodeAffinity);
  if (node.requiredDuringSchedulingIgnoredDuringExecution !== undefined) {
    const terms = array(record(node.requiredDuringSchedulingIgnoredDuringExecution).nodeSelectorTerms);
    const f = at('affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms');
    if (terms.length === 0) r.add('affinity', f, terms, 'at least one node selector term');
    terms.forEach((t, i) => checkNodeSelectorTerm(r, `${f}[${i}]`, record(t)));
  }
  array(node.preferredDuringSchedulingIgnoredDuringExecution).forEach((p, i) => {
    const f = `${at('affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution')}[${i}]`;
    checkWeight(r, `${f}.weight`, record(p).weight);
    checkNodeSelectorTerm(r, `${f}.preference`, record(record(p).preference));
  });
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pod = record(affinity[kind]);
    array(pod.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      checkPodAffinityTerm(r, `${at(`affinity.${kind}.requiredDuringSchedulingIgnoredDuringExecution`)}[${i}]`, record(t));
    });
    array(pod.preferredDuringSchedulingIgnoredDuringExecution).forEach((p, i) => {
      const f = `${at(`affinity.${kind}.preferredDuringSchedulingIgnoredDuringExecution`)}[${i}]`;
      checkWeight(r, `${f}.weight`, record(p).weight);
      checkPodAffinityTerm(r, `${f}.podAffinityTerm`, record(record(p).podAffinityTerm));
    });
  }
  checkTopologySpread(r, at('topologySpreadConstraints'), spec.topologySpreadConstraints);
}

/** Tolerations (ValidateTolerations). */
export function checkTolerations(r: Reporter, field: string, tolerations: unknown): void {
  array(tolerations).forEach((t, i) => {
    const tol = record(t);
    const f = `${field}[${i}]`;
    const key = tol.key ?? '';
    // (an empty operator is Equal: ValidateTolerations)
    const operator = tol.operator === undefined || tol.operator === '' ? 'Equal' : tol.operator;
    if (key !== '') r.check('tolerations', `${f}.key`, key, rules.labelKey(key));
    else if (operator !== 'Exists') {
      r.add('tolerations', `${f}.operator`, tol.operator, 'Exists when the key is empty (an empty key with Exists tolerates every taint)', 'give a key, or use the operator Exists');
    }
    if (tol.tolerationSeconds !== undefined && tol.effect !== 'NoExecute') {
      r.add('tolerations', `${f}.effect`, tol.effect, 'NoExecute with tolerationSeconds: only a NoExecute taint evicts, after that many seconds', 'drop tolerationSeconds, or use the effect NoExecute');
    }
    if (tol.tolerationSeconds !== undefined) r.check('tolerations', `${f}.tolerationSeconds`, tol.tolerationSeconds, rules.integer(tol.tolerationSeconds, -(2 ** 63), 2 ** 63));
    if (operator === 'Equal') {
      r.check('tolerations', `${f}.value`, tol.value ?? '', rules.labelValue(tol.value ?? ''));
    } else if (operator === 'Exists') {
      if (tol.value !== undefined && tol.value !== '') r.add('tolerations', `${f}.value`, tol.value, 'no value with the operator Exists (it matches any value)', 'drop the value, or use the operator Equal');
    } else {
      r.add('tolerations', `${f}.operator`, operator, `one of ${TOLERATION_OPERATORS.join(', ')}`);
    }
    if (tol.effect !== undefined && tol.effect !== '' && !TAINT_EFFECTS.includes(tol.effect as string)) {
      r.add('tolerations', `${f}.effect`, tol.effect, `one of ${TAINT_EFFECTS.join(', ')} (or none: every effect)`);
    }
  });
}

/** A node selector requirement (ValidateNodeSelectorRequirement), and a Gt/Lt value the scheduler can compare. */
export function checkNodeRequirement(r: Reporter, field: string, req: Json): void {
  const values = array(req.values);
  switch (req.operator) {
    case 'In': case 'NotIn':
      if (values.length === 0) r.add('affinity', `${field}.values`, req.values, `at least one value with the operator ${req.operator}`);
      break;
    case 'Exists': case 'DoesNotExist':
      if (values.length > 0) r.add('affinity', `${field}.values`, req.values, `no values with the operator ${req.operator}`);
      break;
    case 'Gt': case 'Lt':
      if (values.length !== 1) r.add('affinity', `${field}.values`, req.values, `exactly one value with the operator ${req.operator}`);
      else if (typeof values[0] !== 'string' || !INTEGER.test(values[0])) {
        r.add('node-affinity-number', `${field}.values[0]`, values[0], `an integer, as a string, with the operator ${req.operator}: the scheduler compares the node label as a number, and matches no node otherwise`);
      }
      break;
    default:
      r.add('affinity', `${field}.operator`, req.operator, `one of ${NODE_OPERATORS.join(', ')}`);
  }
  r.check('affinity', `${field}.key`, req.key, rules.labelKey(req.key));
}

function checkNodeSelectorTerm(r: Reporter, field: string, term: Json): void {
  array(term.matchExpressions).forEach((e, i) => checkNodeRequirement(r, `${field}.matchExpressions[${i}]`, record(e)));
  array(term.matchFields).forEach((e, i) => checkNodeFieldRequirement(r, `${field}.matchFields[${i}]`, record(e)));
}

/**
 * A node field selector requirement (ValidateNodeFieldSelectorRequirement): the only field is
 * `metadata.name`, compared with In or NotIn to exactly one node name.
 */
function checkNodeFieldRequirement(r: Reporter, field: string, req: Json): void {
  const values = array(req.values);
  if (req.operator !== 'In' && req.operator !== 'NotIn') r.add('affinity', `${field}.operator`, req.operator, 'In or NotIn (a node field selector compares the node\'s name)');
  else if (values.length !== 1) r.add('affinity', `${field}.values`, req.values, `exactly one node name with the operator ${req.operator}`);
  if (req.key !== 'metadata.name') {
    r.add('affinity', `${field}.key`, req.key, 'metadata.name (the one field a node field selector has)', 'select on a node label with matchExpressions instead');
  } else {
    values.forEach((v, j) => r.check('affinity', `${field}.values[${j}]`, v, rules.dns1123Subdomain(v)));
  }
}

function checkWeight(r: Reporter, field: string, weight: unknown): void {
  r.check('affinity', field, weight, rules.integer(weight, 1, 100));
}

function checkPodAffinityTerm(r: Reporter, field: string, term: Json): void {
  if (term.labelSelector !== undefined) checkLabelSelector(r, 'affinity', `${field}.labelSelector`, record(term.labelSelector));
  if (term.namespaceSelector !== undefined && term.namespaceSelector !== null) {
    checkLabelSelector(r, 'affinity', `${field}.namespaceSelector`, record(term.namespaceSelector));
  }
  array(term.namespaces).forEach((ns, i) => r.check('affinity', `${field}.namespaces[${i}]`, ns, rules.dns1123Label(ns)));
  r.check('affinity', `${field}.topologyKey`, term.topologyKey, rules.labelKey(term.topologyKey) === undefined ? undefined
    : `a topology key: the key of a node label such as "kubernetes.io/hostname" (${rules.labelKey(term.topologyKey)})`);
}

/** Topology spread constraints (validateTopologySpreadConstraints). */
export function checkTopologySpread(r: Reporter, field: string, constraints: unknown): void {
  const list = array(constraints).map(record);
  list.forEach((c, i) => {
    const f = `${field}[${i}]`;
    r.check('topology-spread', `${f}.maxSkew`, c.maxSkew, rules.integer(c.maxSkew, 1));
    if (typeof c.topologyKey !== 'string' || c.topologyKey === '') {
      r.add('topology-spread', `${f}.topologyKey`, c.topologyKey, 'a topology key: the key of a node label such as "topology.kubernetes.io/zone"');
    } else if (rules.labelKey(c.topologyKey) !== undefined) {
      r.add('topology-key', `${f}.topologyKey`, c.topologyKey, `the key of a node label (${rules.labelKey(c.topologyKey)}): no node can have this one`);
    }
    if (!WHEN_UNSATISFIABLE.includes(c.whenUnsatisfiable as string)) {
      r.add('topology-spread', `${f}.whenUnsatisfiable`, c.whenUnsatisfiable, `one of ${WHEN_UNSATISFIABLE.join(', ')}`);
    }
    if (list.slice(i + 1).some(o => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)) {
      r.add('topology-spread', f, { topologyKey: c.topologyKey, whenUnsatisfiable: c.whenUnsatisfiable },
        'one constraint per (topologyKey, whenUnsatisfiable) pair', 'merge the two constraints');
    }
    if (c.minDomains !== undefined) {
      r.check('topology-spread', `${f}.minDomains`, c.minDomains, rules.integer(c.minDomains, 1));
      if (c.whenUnsatisfiable !== 'DoNotSchedule') {
        r.add('topology-spread', `${f}.minDomains`, c.minDomains, 'no minDomains unless whenUnsatisfiable is DoNotSchedule', 'drop minDomains, or use DoNotSchedule');
      }
    }
    for (const policy of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      if (c[policy] !== undefined && c[policy] !== null && !NODE_INCLUSION_POLICIES.includes(c[policy] as string)) {
        r.add('topology-spread', `${f}.${policy}`, c[policy], `one of ${NODE_INCLUSION_POLICIES.join(', ')}`);
      }
    }
    const selector = c.labelSelector === undefined ? undefined : record(c.labelSelector);
    if (selector !== undefined) checkLabelSelector(r, 'topology-spread', `${f}.labelSelector`, selector);
    const selected = new Set([...Object.keys(record(selector?.matchLabels)), ...array(selector?.matchExpressions).map(e => record(e).key)]);
    const keys = array(c.matchLabelKeys);
    if (keys.length > 0 && selector === undefined) {
      r.add('topology-spread', `${f}.matchLabelKeys`, c.matchLabelKeys, 'no matchLabelKeys without a labelSelector');
    }
    keys.forEach((k, j) => {
      r.check('topology-spread', `${f}.matchLabelKeys[${j}]`, k, rules.labelKey(k));
      if (selected.has(k)) r.add('topology-spread', `${f}.matchLabelKeys[${j}]`, k, 'a key the labelSelector does not already select on');
    });
  });
}
