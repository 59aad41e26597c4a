/**
 * The filters of an HTTPRoute's or a GRPCRoute's rules (and of their backendRefs) as the CRDs'
 * CEL rules judge them when the route is applied: each filter's `type` with its own field and
 * no other; no type twice in one list; a redirect and a URL rewrite not together; a redirect
 * only on a rule without backendRefs (it answers instead of a backend); a path modifier whose
 * type matches its field; and a `ReplacePrefixMatch` only in a rule with exactly one match, a
 * `PathPrefix` one (the prefix it replaces). The API server refuses the whole route.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httproutefilter
 */
import type { ObjectReporter } from '../rule';
import { defineRule } from '../rule';
import { gatewayApiOf } from '../gateway-api';
import type { Json } from '../manifest';
import { array, record, str } from '../manifest';
import { HEADER_NAME } from './route-fields';

/** The Gateway API's PreciseHostname (no wildcard), a redirect's or a rewrite's host. */
const PRECISE_HOSTNAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Each filter type and the field it carries. */
const FIELDS: { readonly [type: string]: string } = {
  RequestHeaderModifier: 'requestHeaderModifier', ResponseHeaderModifier: 'responseHeaderModifier', RequestMirror: 'requestMirror',
  RequestRedirect: 'requestRedirect', URLRewrite: 'urlRewrite', ExtensionRef: 'extensionRef', CORS: 'cors',
};
/** The types one list may hold once only. */
const ONCE = ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'URLRewrite', 'CORS'];
/** The path modifiers' types and their fields. */
const PATH_FIELDS: { readonly [type: string]: string } = { ReplaceFullPath: 'replaceFullPath', ReplacePrefixMatch: 'replacePrefixMatch' };

export const rule = defineRule({
  id: 'route-filters',
  source: 'api-server',
  severity: 'error',
  kinds: ['HTTPRoute', 'GRPCRoute'],
  summary: 'a route\'s filters carry the field of their type only, no type twice, no redirect beside a rewrite or beside backendRefs, a ReplacePrefixMatch only in a rule with exactly one PathPrefix match, and header names and hosts of the forms the CRD takes',
  fix: 'give each filter only the field of its type, use each type once per rule, and do not combine a redirect with a URL rewrite or with backends; ReplacePrefixMatch needs one PathPrefix match in its rule',
  upstream: 'gateway.networking.k8s.io_httproutes.yaml and _grpcroutes.yaml v1.6 (x-kubernetes-validations of HTTPRouteRule, HTTPRouteFilter, HTTPPathModifier)',
  check({ model, about }) {
    for (const route of gatewayApiOf(model).routes) {
      const r = about(route.object);
      route.rules.forEach((rule, i) => {
        const at = `spec.rules[${i}]`;
        const backendRefs = array(rule.backendRefs).map(record);
        checkList(r, `${at}.filters`, array(rule.filters).map(record), rule, backendRefs.length > 0);
        backendRefs.forEach((b, j) => checkList(r, `${at}.backendRefs[${j}].filters`, array(b.filters).map(record), rule, false));
      });
    }
  },
});

function checkList(r: ObjectReporter, field: string, filters: readonly Json[], rule: Json, withBackends: boolean): void {
  const seen = new Set<string>();
  const types = filters.map(f => str(f.type) ?? '');
  filters.forEach((f, j) => {
    const at = `${field}[${j}]`;
    const type = types[j];
    const own = FIELDS[type];
    const others = Object.values(FIELDS).filter(k => k !== own && f[k] !== undefined);
    if (own !== undefined && f[own] === undefined) r.add(`${at}.${own}`, undefined, `the ${own} of a ${type} filter`, `give the filter its ${own}`);
    if (others.length > 0) r.add(`${at}.${others[0]}`, f[others[0]], `only the field of the filter's type (${type}: ${own ?? 'none'})`, 'one filter per change: drop the field, or make it a filter of its own');
    if (ONCE.includes(type) && seen.has(type)) r.add(`${at}.type`, type, `a ${type} filter once per list`, 'merge the two filters into one');
    seen.add(type);
    if (type === 'URLRewrite' && types.includes('RequestRedirect')) {
      r.add(`${at}.type`, type, 'a redirect or a URL rewrite, not both (a redirect answers the request, a rewrite sends it on)', 'keep one of them');
    }
    if (type === 'RequestRedirect' && withBackends) {
      r.add(`${at}.type`, type, 'a redirect in a rule without backendRefs: a redirect answers the request itself, so no backend gets it', 'drop the backends of this rule, or move the redirect to a rule of its own');
    }
    if (type === 'RequestHeaderModifier' || type === 'ResponseHeaderModifier') headerNames(r, `${at}.${own}`, record(f[own]));
    const host = record(f[own ?? '']).hostname;
    if ((type === 'RequestRedirect' || type === 'URLRewrite') && host !== undefined && !(typeof host === 'string' && PRECISE_HOSTNAME.test(host))) {
      r.add(`${at}.${own}.hostname`, host, 'a DNS name of lower-case letters, digits, \'-\' and \'.\' (no wildcard, no port)');
    }
    const modifier = record(record(f[own ?? '']).path);
    if ((type === 'RequestRedirect' || type === 'URLRewrite') && Object.keys(modifier).length > 0) checkPath(r, `${at}.${own}.path`, modifier, rule);
  });
}

function headerNames(r: ObjectReporter, at: string, modifier: Json): void {
  for (const list of ['set', 'add']) {
    array(modifier[list]).map(record).forEach((h, k) => {
      if (typeof h.name !== 'string' || !HEADER_NAME.test(h.name)) r.add(`${at}.${list}[${k}].name`, h.name, 'a header name: letters, digits and !#$%&\'*+-.^_`|~, no space or colon');
    });
  }
  array(modifier.remove).forEach((name, k) => {
    if (typeof name !== 'string' || !HEADER_NAME.test(name)) r.add(`${at}.remove[${k}]`, name, 'a header name: letters, digits and !#$%&\'*+-.^_`|~, no space or colon');
  });
}

function checkPath(r: ObjectReporter, at: string, path: Json, rule: Json): void {
  const type = str(path.type) ?? '';
  for (const [t, f] of Object.entries(PATH_FIELDS)) {
    if (type === t && path[f] === undefined) r.add(`${at}.${f}`, undefined, `the ${f} of a ${t} path change`);
    if (type !== t && path[f] !== undefined) r.add(`${at}.type`, type, `${t} with ${f}`, `set type ${t}, or give the ${PATH_FIELDS[type] ?? 'field of the type'} instead`);
  }
  if (type !== 'ReplacePrefixMatch' || path.replacePrefixMatch === undefined) return;
  // (the CRD defaults a rule's matches, and a match's path, to one PathPrefix "/")
  const matches = rule.matches === undefined ? [{}] : array(rule.matches).map(record);
  const type1 = matches.length === 1 ? str(record(matches[0].path).type) ?? 'PathPrefix' : undefined;
  if (type1 !== 'PathPrefix') {
    r.add(`${at}.replacePrefixMatch`, path.replacePrefixMatch,
      `a rule with exactly one match, of type PathPrefix (the prefix replaced): this rule has ${matches.length === 1 ? `a ${type1} match` : `${matches.length} matches`}`,
      'match one PathPrefix in this rule, or replace the full path (fullPath)');
  }
}
