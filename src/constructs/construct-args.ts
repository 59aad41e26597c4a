/**
 * The arguments of a construct of ours, as a JavaScript caller may pass them: a scope that is a
 * construct, an id, and props of the right shape with no unknown key (not part of the public API).
 */
import { Construct } from 'constructs';
import { ProblemCollector } from '../core/problems';
import { isPlainObject } from '../core/util';

/** Every key of `T` (of each member, for a union), each once: a literal of this type lists them all, and nothing else. */
export type PropKeys<T> = { readonly [K in AllKeys<T>]-?: true };
type AllKeys<T> = T extends unknown ? keyof T : never;
/** The keys of `T` a value may be given for (not those typed `never`, which say a field is not taken). */
export type TakenPropKeys<T> = { readonly [K in keyof T as [Exclude<T[K], undefined>] extends [never] ? never : K]-?: true };

/** The keys a props object may have, and what its nested lists of objects may have. */
export interface PropShape {
  /** The props interface, as the API reference names it (`NginxPodProps`). */
  readonly name: string;
  /** Its keys (a {@link PropKeys} literal, so the compiler keeps it complete). */
  readonly keys: { readonly [key: string]: true };
  /** The shape of the objects of a list prop, by its key (`ports`: ServicePortProps). */
  readonly lists?: { readonly [key: string]: PropShape };
  /**
   * Keys that belong somewhere else, and where: `replicas` of a pod is the workload's
   * (`workload: Workload.deployment({ replicas })`).
   */
  readonly elsewhere?: readonly { readonly keys: { readonly [key: string]: true }; readonly where: (key: string) => string }[];
  /**
   * The shapes of a discriminated union, by the value of its discriminant (`type`): a key the
   * variant does not take is reported, naming the variants that take it.
   */
  readonly variants?: { readonly key: string; readonly shapes: { readonly [value: string]: PropShape } };
}

/**
 * The scope, after the arguments were checked: throws a {@link ValidationError} (rule `props`)
 * when the scope is no construct, the id is no non-empty string or is taken in the scope, the
 * props are no object (or are missing where they are required), or they have a key the
 * construct does not take ("did you mean" the closest one). Called as the first argument of
 * `super(…)`, before anything reads them.
 * @param kind the construct's class name, for the messages
 * @param shape the props' shape, or undefined not to check their keys (a subclass's props)
 * @param required whether the props are required (`new ExposedService(scope, id, props)`)
 * @internal
 */
export function checkedScope(kind: string, scope: unknown, id: unknown, props: unknown, shape: PropShape | undefined, required: boolean): Construct {
  const scopeOk = Construct.isConstruct(scope);
  const idOk = typeof id === 'string' && id !== '';
  const argsOk = scopeOk && idOk && !(id in Object.prototype) && scope.node.tryFindChild(id) === undefined
    && (props === undefined ? !required : isPlainObject(props));
  // The usual case, with no message to build: every check below would pass.
  if (argsOk && (shape === undefined || props === undefined || knownKeysOnly(props as Record<string, unknown>, shape))) return scope;
  const path = scopeOk ? `${scope.node.path || '<app>'}/${idOk ? id : '<id>'}` : `new ${kind}()`;
  const problems = new ProblemCollector(path);
  const call = (): string => `new ${kind}(chart, 'web'${required ? ', { … }' : ''})`;
  if (!scopeOk) {
    problems.add('props', 'scope', scope, 'a construct: the Chart (or a construct inside one) the new construct belongs to',
      `pass the scope first and an id second: ${call()}`);
  }
  if (!idOk) {
    problems.add('props', 'id', id, 'a non-empty string, unique among the children of the scope (the construct path, and the names cdk8s derives, are made of ids)',
      `pass an id second: ${call()}`);
  } else if (id in Object.prototype) {
    // (constructs keeps a scope's children in a plain object, and refuses an id it finds there: `toString`, `constructor`, …)
    problems.add('props', 'id', id, 'an id that is no property of every JavaScript object (constructs refuses it in any scope)',
      `give the construct another id, e.g. '${id}-1'`);
  } else if (scopeOk && scope.node.tryFindChild(id) !== undefined) {
    problems.add('props', 'id', id, `an id no other child of ${scope.node.path || 'the app'} has: ${scope.node.path ? `${scope.node.path}/` : ''}${id} exists already`,
      'give each construct of one scope its own id');
  }
  if (props === undefined) {
    if (required) problems.add('props', 'props', props, `an object of ${shape?.name ?? `${kind}Props`}`, `pass the props third: ${call()}`);
  } else if (!isPlainObject(props)) {
    problems.add('props', 'props', props, `an object of ${shape?.name ?? `${kind}Props`}`, `pass the props as an object literal third: ${call()}`);
  } else if (shape !== undefined) {
    unknownKeys(problems, '', props, shape);
  }
  problems.throwIfAny();
  return scope as Construct;
}

/**
 * Whether {@link unknownKeys} would report nothing, answered without building a message: every
 * key is the shape's and its variant's (or undefined). A list prop with a shape of its own is
 * left to unknownKeys (false).
 */
function knownKeysOnly(props: Record<string, unknown>, shape: PropShape): boolean {
  const discriminant = shape.variants ? props[shape.variants.key] : undefined;
  const variant = shape.variants && typeof discriminant === 'string' && has(shape.variants.shapes, discriminant) ? shape.variants.shapes[discriminant] : undefined;
  for (const key of Object.keys(props)) {
    if (!has(shape.keys, key)) return false;
    if (variant !== undefined && !has(variant.keys, key) && props[key] !== undefined) return false;
    if (((variant ?? shape).lists?.[key] ?? shape.lists?.[key]) !== undefined && Array.isArray(props[key])) return false;
  }
  return true;
}

/** Reports each key of `props` that `shape` does not have, and those of its lists' objects. */
function unknownKeys(problems: ProblemCollector, at: string, props: Record<string, unknown>, shape: PropShape): void {
  const discriminant = shape.variants ? props[shape.variants.key] : undefined;
  const variant = shape.variants && typeof discriminant === 'string' && has(shape.variants.shapes, discriminant) ? shape.variants.shapes[discriminant] : undefined;
  for (const key of Object.keys(props)) {
    const field = `${at}${key}`;
    // (An undefined value for a field the variant does not take is allowed, as TypeScript allows it: `nodePort?: never`.)
    if (variant !== undefined && has(shape.keys, key) && !has(variant.keys, key) && props[key] !== undefined) {
      const taking = Object.entries(shape.variants!.shapes).filter(([, v]) => has(v.keys, key)).map(([value]) => value);
      // A construct as a value shows as its path (`test/web`), not as its fields.
      const value = Construct.isConstruct(props[key]) ? (props[key]).node.path : props[key];
      problems.add('props', field, value, `a prop ${variant.name} takes: ${Object.keys(variant.keys).sort().join(', ')}`,
        `drop ${key}${taking.length > 0 ? `, or use ${shape.variants!.key} ${taking.join(' or ')}, which takes it` : ''}`);
      continue;
    }
    if (has(shape.keys, key)) {
      const list = (variant ?? shape).lists?.[key] ?? shape.lists?.[key];
      const items = props[key];
      if (list !== undefined && Array.isArray(items)) {
        items.forEach((item, i) => { if (isPlainObject(item)) unknownKeys(problems, `${field}[${i}].`, item, list); });
      }
      continue;
    }
    // `undefined` for a key one does not take is still a typo: it is reported too.
    const known = Object.keys(shape.keys);
    const close = closest(key, known);
    const other = shape.elsewhere?.find(e => closest(key, Object.keys(e.keys)) !== undefined);
    const otherKey = other ? closest(key, Object.keys(other.keys))! : undefined;
    const fix = close !== undefined
      ? `did you mean "${close}"? (${shape.name} has no "${key}")`
      : other !== undefined
        ? `did you mean ${other.where(otherKey!)}? ${shape.name} has no "${key}"`
        : `remove it, or use one of the props ${shape.name} has (see API.md, ${shape.name})`;
    problems.add('props', field, props[key], `a prop of ${shape.name}: ${[...known].sort().join(', ')}`, fix);
  }
}

function has(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/**
 * The candidate nearest to `word` when it is close enough to be a typo: at most one edit
 * (insert, delete, replace, or swap of two neighbours) for words of up to 5 letters, two beyond;
 * case ignored.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  const limit = w.length <= 5 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance: Levenshtein's, with the swap of two neighbours as one edit. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
