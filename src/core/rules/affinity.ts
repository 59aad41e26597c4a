import { SELECTOR_OPERATORS } from '../label-selector';
import type { Json} from '../manifest';
import { array, record } from '../manifest';
import type { ObjectReporter } from '../rule';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { labelSelectorFindings, nodeSelectorTerms, podAffinityTerms } from '../walk/labels';
import { POD_MAKERS } from '../walk/pods';

const NODE_OPERATORS = [...SELECTOR_OPERATORS, 'Gt', 'Lt'];

/** A node selector requirement (ValidateNodeSelectorRequirement); a Gt/Lt value that is no integer is node-affinity-number's. */
function checkNodeRequirement(r: ObjectReporter, field: string, req: Json): void {
  const values = array(req.values);
  switch (req.operator) {
    case 'In': case 'NotIn':
      if (values.length === 0) r.add(`${field}.values`, req.values, `at least one value with the operator ${req.operator}`);
      break;
    case 'Exists': case 'DoesNotExist':
      if (values.length > 0) r.add(`${field}.values`, req.values, `no values with the operator ${req.operator}`);
      break;
    case 'Gt': case 'Lt':
      if (values.length !== 1) r.add(`${field}.values`, req.values, `exactly one value with the operator ${req.operator}`);
      break;
    default:
      r.add(`${field}.operator`, req.operator, `one of ${NODE_OPERATORS.join(', ')}`);
  }
  r.check(`${field}.key`, req.key, validators.labelKey(req.key));
}

/** A node field selector requirement (ValidateNodeFieldSelectorRequirement): `metadata.name`, In or NotIn, one node name. */
function checkNodeFieldRequirement(r: ObjectReporter, field: string, req: Json): void {
  const values = array(req.values);
  if (req.operator !== 'In' && req.operator !== 'NotIn') r.add(`${field}.operator`, req.operator, 'In or NotIn (a node field selector compares the node\'s name)');
  else if (values.length !== 1) r.add(`${field}.values`, req.values, `exactly one node name with the operator ${req.operator}`);
  if (req.key !== 'metadata.name') {
    r.add(`${field}.key`, req.key, 'metadata.name (the one field a node field selector has)', 'select on a node label with matchExpressions instead');
  } else {
    values.forEach((v, j) => r.check(`${field}.values[${j}]`, v, validators.dns1123Subdomain(v)));
  }
}

function checkNodeSelectorTerm(r: ObjectReporter, field: string, term: Json): void {
  array(term.matchExpressions).forEach((e, i) => checkNodeRequirement(r, `${field}.matchExpressions[${i}]`, record(e)));
  array(term.matchFields).forEach((e, i) => checkNodeFieldRequirement(r, `${field}.matchFields[${i}]`, record(e)));
}

export const rule = defineRule({
  id: 'affinity',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'node and pod affinity: node selector terms present, operators In/NotIn with values, Exists/DoesNotExist without, Gt/Lt with one value; weights 1–100; pod affinity terms with a label-key topologyKey and a valid label selector',
  fix: 'write each node selector term with at least one requirement (In/NotIn with values, Exists/DoesNotExist without, Gt/Lt with one integer), weights from 1 to 100, and pod terms with a topologyKey such as kubernetes.io/hostname; Placement.attract(), .colocate() and .separate() write them so',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.validateAffinity',
  podSpec({ field, spec }, r) {
    const { required, preferred } = nodeSelectorTerms(field, spec);
    if (required !== undefined) {
      if (required.terms.length === 0) r.add(required.field, required.terms, 'at least one node selector term');
      required.terms.forEach((t, i) => checkNodeSelectorTerm(r, `${required.field}[${i}]`, record(t)));
    }
    for (const p of preferred) {
      r.check(`${p.field}.weight`, p.weight, validators.integer(p.weight, 1, 100));
      checkNodeSelectorTerm(r, `${p.field}.preference`, p.term);
    }
    for (const { field: f, term, weight } of podAffinityTerms(field, spec)) {
      if (weight !== undefined) r.check(weight.field, weight.value, validators.integer(weight.value, 1, 100));
      for (const selector of ['labelSelector', 'namespaceSelector']) {
        if (term[selector] === undefined || term[selector] === null) continue;
        // (the selector's matchLabels are rule labels')
        for (const finding of labelSelectorFindings(`${f}.${selector}`, record(term[selector]))) if (finding.part !== 'map') r.add(finding.field, finding.value, finding.allowed);
      }
      array(term.namespaces).forEach((ns, i) => r.check(`${f}.namespaces[${i}]`, ns, validators.dns1123Label(ns)));
      r.check(`${f}.topologyKey`, term.topologyKey, validators.labelKey(term.topologyKey) === undefined ? undefined
        : `a topology key: the key of a node label such as "kubernetes.io/hostname" (${validators.labelKey(term.topologyKey)})`);
    }
  },
});
