/**
 * Problems: one thing wrong with the input, in the library's single format, and the error
 * that carries them. Plain data: no cdk8s, no constructs.
 */
import type { Severity } from './rule';
import { defaultFix } from './rule';
import type { RuleId } from './rules';
import { RULES } from './rules';

/**
 * One thing wrong with the input: where (the construct path, or the object in a manifest),
 * the field, the bad value, what is allowed, the fix, and the rule it breaks.
 */
export interface Problem {
  /**
   * The rule broken, e.g. `target-port-is-exposed` (see the rules table in the README).
   */
  readonly rule: string;
  /**
   * How bad it is: an `error` stops the synth (and fails the plugin's report); a `warning` is
   * printed and does not (unless warnings are promoted to errors).
   * @default 'error' - a problem with a construct's props stops it
   */
  readonly severity?: Severity;
  /**
   * Where: the construct path of the construct that holds the bad value (`tutorial/web`), or
   * for a manifest without one, the object (`Service/web`).
   */
  readonly path: string;
  /**
   * The field: a prop as the user wrote it (`containers[1].name`) at construction, or the
   * field of the written manifest (`spec.ports[0].targetPort`) at synth.
   */
  readonly field: string;
  /** The offending value. */
  readonly value: unknown;
  /** What is allowed instead, as a sentence fragment ("an integer from 1 to 65535"). */
  readonly allowed: string;
  /**
   * How to fix it: the report's own, else its rule's (`RuleDefinition.fix`).
   * @default - none: only a problem of an unregistered rule (another construct's validation) has none
   */
  readonly fix?: string;
  /**
   * The written object the problem is about, as `Kind/name` or `Kind/namespace/name`.
   * @default - none: a problem with a construct's props, before anything is written
   */
  readonly object?: string;
  /**
   * The manifest file the object is in, when the problem was found in files.
   * @default - none
   */
  readonly file?: string;
  /**
   * A message from a validation that is not ours (another construct's `node.addValidation`),
   * printed as is after the path; `field`, `value` and `allowed` are empty then.
   * @default - none: the message is built from the other fields
   */
  readonly message?: string;
}

/**
 * A value as it prints in a message: strings quoted (`"5000"`), numbers as they are, including
 * `NaN`, `Infinity` and `-0`, `undefined`, `123n`, functions and classes by name, objects and
 * arrays as JSON-like text with the same rules inside.
 */
export function showValue(value: unknown): string {
  return show(value, new Set());
}

function show(value: unknown, seen: Set<unknown>): string {
  switch (typeof value) {
    case 'undefined': return 'undefined';
    case 'string': return JSON.stringify(value);
    case 'number': return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint': return `${value}n`;
    case 'boolean': return String(value);
    case 'symbol': return value.toString();
    case 'function': return value.name ? `[function ${value.name}]` : '[function]';
  }
  if (value === null) return 'null';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return `[${value.map(v => show(v, seen)).join(',')}]`;
    const proto: unknown = Object.getPrototypeOf(value);
    const entries = Object.entries(value as object).map(([k, v]) => `${JSON.stringify(k)}:${show(v, seen)}`);
    const body = `{${entries.join(',')}}`;
    // An instance of a class: its name says more than its fields (a Probe, a construct…).
    const name = proto !== null && proto !== Object.prototype ? (proto as { constructor?: { name?: string } }).constructor?.name : undefined;
    return name ? `${name} ${body}` : body;
  } finally {
    seen.delete(value);
  }
}

/** `field: value is not valid: allowed. Fix: … (rule)`, without the path. */
export function describeProblem(p: Omit<Problem, 'path'>): string {
  if (p.message !== undefined) return p.message;
  const fix = p.fix ? ` Fix: ${p.fix}` : '';
  return `${p.field}: ${showValue(p.value)} is not valid: ${p.allowed}.${fix} [${p.rule}]`;
}

/** `[path] field: value is not valid: allowed. Fix: … [rule]`, after `warning: ` for a warning. */
export function formatProblem(p: Problem): string {
  return `${p.severity === 'warning' ? 'warning: ' : ''}[${p.path}] ${describeProblem(p)}`;
}

/** Whether a problem stops the synth: an error (a problem without a severity is one). */
export function isError(p: Problem): boolean {
  return p.severity !== 'warning';
}

/**
 * `p` with its rule's fix (`RuleDefinition.fix`) when it names none and its rule is registered;
 * else `p` itself. A problem with a `message` of its own (another construct's validation) is
 * left as it is.
 */
export function withRuleFix(p: Problem): Problem {
  if (p.fix !== undefined || p.message !== undefined || !Object.prototype.hasOwnProperty.call(RULES, p.rule)) return p;
  const fix = defaultFix(RULES[p.rule as RuleId], { field: p.field, value: p.value, allowed: p.allowed });
  return fix === undefined ? p : { ...p, fix };
}

const VALIDATION_ERROR = Symbol.for('cdk8s-pods-services.ValidationError');

/**
 * Thrown for every input the library rejects. `problems` lists each one; the message has one
 * line per problem. Recognise it with {@link ValidationError.isValidationError}, which also
 * works across two copies of the package in one app (`instanceof` does not).
 */
export class ValidationError extends Error {
  /** Whether `x` is a ValidationError of any copy of this package. */
  public static isValidationError(x: unknown): x is ValidationError {
    return x !== null && typeof x === 'object' && VALIDATION_ERROR in x;
  }

  /** Every problem found, in the order they were found. */
  public readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    // (a problem made without a fix, anywhere, gets its rule's: every message ends with a fix)
    const complete = problems.map(withRuleFix);
    super(complete.map(formatProblem).join('\n'));
    this.name = 'ValidationError';
    this.problems = complete;
    Object.defineProperty(this, VALIDATION_ERROR, { value: true });
  }
}

/** What a check reports into: the construct-time collector and the engine's findings alike. */
export interface Reporter {
  /** Records a problem. */
  add(rule: RuleId, field: string, value: unknown, allowed: string, fix?: string): void;
  /** Records a problem when `allowed` is defined (the rule functions return it only on failure). */
  check(rule: RuleId, field: string, value: unknown, allowed: string | undefined, fix?: string): void;
}

/** Where the problems a collector records are about, beyond the path. */
export interface ProblemPlace {
  /**
   * The written object (`Kind/name`).
   * @default - none: a construct's props
   */
  readonly object?: string;
  /**
   * The manifest file.
   * @default - unknown
   */
  readonly file?: string;
}

/**
 * Collects problems at one place (a construct's props, a function's arguments, one written
 * object), so that all of them are reported together.
 */
export class ProblemCollector implements Reporter {
  /**
   * @param path the construct path (or `Function()` name) every problem is reported at
   * @param place the object and file the problems are about, when they are about a written object
   * @param found where the problems go (the engine shares one list among many collectors)
   */
  constructor(public readonly path: string, private readonly place: ProblemPlace = {}, private readonly found: Problem[] = []) {}

  public check(rule: RuleId, field: string, value: unknown, allowed: string | undefined, fix?: string): void {
    if (allowed !== undefined) this.add(rule, field, value, allowed, fix);
  }

  public add(rule: RuleId, field: string, value: unknown, allowed: string, fix?: string): void {
    const p: { -readonly [K in keyof Problem]: Problem[K] } = { rule, path: this.path, field, value, allowed };
    if (fix !== undefined) p.fix = fix;
    const written = withRuleFix(p);
    if (written.fix !== undefined) p.fix = written.fix;
    if (this.place.object !== undefined) p.object = this.place.object;
    if (this.place.file !== undefined) p.file = this.place.file;
    this.found.push(p);
  }

  /** Records problems found elsewhere (a preset's, a setting's) as they are. */
  public addAll(problems: readonly Problem[]): void {
    this.found.push(...problems);
  }

  /** The problems recorded so far. */
  public get problems(): readonly Problem[] {
    return this.found;
  }

  /** Whether anything was recorded. */
  public get any(): boolean {
    return this.found.length > 0;
  }

  /** Throws a {@link ValidationError} if anything was recorded. */
  public throwIfAny(): void {
    if (this.found.length > 0) throw new ValidationError(this.found);
  }
}
