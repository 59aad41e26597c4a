import { ValidationError } from '../core/problems';
import { brand, definedOnly, hasBrand, isPlainObject } from '../core/util';

/** Header changes of a request or a response: set (replace), add (append), remove, by header name. */
export interface HeaderChanges {
  /**
   * Headers set to this value (replacing what the request or response has).
   * @default - none
   */
  readonly set?: { readonly [name: string]: string };
  /**
   * Headers added with this value (beside any value it has).
   * @default - none
   */
  readonly add?: { readonly [name: string]: string };
  /**
   * Headers removed, by name.
   * @default - none
   */
  readonly remove?: readonly string[];
}

/** A new path: the whole path replaced, or only the prefix a `PathPrefix` match matched. */
export interface PathChange {
  /**
   * The path that replaces the request's whole path.
   * @default - not the whole path
   */
  readonly fullPath?: string;
  /**
   * The path that replaces the prefix matched (only on a rule whose match is a `PathPrefix`).
   * @default - not the prefix
   */
  readonly prefix?: string;
}

/** Options of {@link RouteFilter.redirect}. */
export interface RedirectOptions {
  /**
   * The scheme of the redirect's `Location`.
   * @default - the request's
   */
  readonly scheme?: 'http' | 'https';
  /**
   * The host of the redirect's `Location`.
   * @default - the request's
   */
  readonly hostname?: string;
  /**
   * The port of the redirect's `Location`.
   * @default - the scheme's well-known port when `scheme` is set, else the listener's
   */
  readonly port?: number;
  /**
   * The path of the redirect's `Location`.
   * @default - the request's
   */
  readonly path?: PathChange;
  /**
   * The redirect's status code.
   * @default 302
   */
  readonly statusCode?: 301 | 302 | 303 | 307 | 308;
}

/** Options of {@link RouteFilter.rewrite}. */
export interface RewriteOptions {
  /**
   * The Host header the backend gets.
   * @default - the request's
   */
  readonly hostname?: string;
  /**
   * The path the backend gets.
   * @default - the request's
   */
  readonly path?: PathChange;
}

/**
 * One filter of a route rule: what the Gateway changes in a request or its response on the way
 * (HTTPRoute filters; a GRPCRoute takes the header filters only).
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httproutefilter
 */
export class RouteFilter {
  /** Whether `x` is a RouteFilter of any copy of this package. */
  public static isRouteFilter(x: unknown): x is RouteFilter {
    return hasBrand(x, 'RouteFilter');
  }

  /** Changes the request's headers before it goes to the backend. */
  public static requestHeaders(changes: HeaderChanges): RouteFilter {
    return new RouteFilter('RequestHeaderModifier', { requestHeaderModifier: headerModifier('RouteFilter.requestHeaders()', changes) });
  }

  /** Changes the response's headers before it goes back to the client. */
  public static responseHeaders(changes: HeaderChanges): RouteFilter {
    return new RouteFilter('ResponseHeaderModifier', { responseHeaderModifier: headerModifier('RouteFilter.responseHeaders()', changes) });
  }

  /** Answers with a redirect instead of sending the request to a backend (HTTPRoute only). */
  public static redirect(options: RedirectOptions = {}): RouteFilter {
    const fn = 'RouteFilter.redirect()';
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the typed prop must not narrow: a JavaScript caller may pass anything
    if (!isPlainObject(options as unknown)) fail(fn, 'options', options, 'an object { scheme?, hostname?, port?, path?, statusCode? }');
    return new RouteFilter('RequestRedirect', {
      requestRedirect: definedOnly({
        scheme: options.scheme, hostname: options.hostname, port: options.port,
        path: options.path === undefined ? undefined : pathModifier(fn, options.path),
        statusCode: options.statusCode,
      }),
    }, true);
  }

  /** Rewrites the request's host or path before it goes to the backend (HTTPRoute only). */
  public static rewrite(options: RewriteOptions): RouteFilter {
    const fn = 'RouteFilter.rewrite()';
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the typed prop must not narrow: a JavaScript caller may pass anything
    if (!isPlainObject(options as unknown)) fail(fn, 'options', options, 'an object { hostname?, path? }');
    return new RouteFilter('URLRewrite', {
      urlRewrite: definedOnly({ hostname: options.hostname, path: options.path === undefined ? undefined : pathModifier(fn, options.path) }),
    }, true);
  }

  private constructor(
    /** The filter's `type`, as the Gateway API spells it (`RequestHeaderModifier`, `RequestRedirect`, …). */
    public readonly type: string,
    private readonly fields: { readonly [field: string]: unknown },
    /** Whether only an HTTPRoute takes it (a GRPCRoute has no redirect or rewrite). */
    public readonly httpOnly = false,
  ) {
    brand(this, 'RouteFilter');
  }

  /**
   * The filter as a route's rule writes it.
   * @internal
   */
  public toJson(): { [field: string]: unknown } {
    return JSON.parse(JSON.stringify({ type: this.type, ...this.fields })) as { [field: string]: unknown };
  }
}

function fail(fn: string, field: string, value: unknown, allowed: string): never {
  throw new ValidationError([{ rule: 'props', path: fn, field, value, allowed }]);
}

function headerModifier(fn: string, changes: HeaderChanges): unknown {
  if (!isPlainObject(changes)) fail(fn, 'changes', changes, 'an object { set?, add?, remove? }');
  const list = (field: 'set' | 'add') => {
    const v = changes[field];
    if (v === undefined) return undefined;
    if (!isPlainObject(v) || Object.values(v).some(x => typeof x !== 'string')) fail(fn, field, v, 'an object of header names to string values');
    return Object.entries(v).map(([name, value]) => ({ name, value }));
  };
  if (changes.remove !== undefined && (!Array.isArray(changes.remove) || changes.remove.some(x => typeof x !== 'string'))) {
    fail(fn, 'remove', changes.remove, 'an array of header names');
  }
  return definedOnly({ set: list('set'), add: list('add'), remove: changes.remove ? [...(changes.remove as readonly string[])] : undefined });
}

function pathModifier(fn: string, path: PathChange): unknown {
  if (!isPlainObject(path) || (path.fullPath === undefined) === (path.prefix === undefined)) {
    fail(fn, 'path', path, 'an object with one of { fullPath } or { prefix }');
  }
  return path.fullPath !== undefined
    ? { type: 'ReplaceFullPath', replaceFullPath: path.fullPath }
    : { type: 'ReplacePrefixMatch', replacePrefixMatch: path.prefix };
}
