import { IConstruct } from 'constructs';

/**
 * One thing wrong with the input, in the library's single error format:
 * the construct path, the field, the bad value, what is allowed and, where it helps, the fix.
 */
export interface Problem {
  /** Construct path of the construct that holds the bad value (e.g. `tutorial/web`). */
  readonly path: string;
  /** The prop or field, as the user wrote it (e.g. `port`, `containers[1].name`). */
  readonly field: string;
  /** The offending value. */
  readonly value: unknown;
  /** What is allowed instead, as a sentence fragment ("an integer from 1 to 65535"). */
  readonly allowed: string;
  /**
   * How to fix it, when there is more to say than `allowed`.
   * @default - none: `allowed` says it all
   */
  readonly fix?: string;
  /**
   * A message from a validation that is not ours (another construct's `node.addValidation`),
   * printed as is after the path; `field`, `value` and `allowed` are empty then.
   * @default - none: the message is built from the other fields
   */
  readonly message?: string;
}

/** Renders a value for an error message: strings quoted, objects as JSON. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `field: value is not valid: allowed (fix: …)`, without the construct path. */
export function describeProblem(p: Omit<Problem, 'path'>): string {
  const fix = p.fix ? ` Fix: ${p.fix}` : '';
  return `${p.field}: ${showValue(p.value)} is not valid: ${p.allowed}.${fix}`;
}

/** `[path] field: value is not valid: allowed. Fix: …` */
export function formatProblem(p: Problem): string {
  return `[${p.path}] ${p.message ?? describeProblem(p)}`;
}

/**
 * Thrown for every input the library rejects. `problems` lists each one;
 * the message has one line per problem.
 */
export class ValidationError extends Error {
  /** Every problem found, in the order they were found. */
  public readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ValidationError';
    this.problems = [...problems];
  }
}

/**
 * Collects problems found while checking one construct's props, then throws them
 * together, so a user sees every mistake of a construct at once.
 */
export class ProblemCollector {
  private readonly found: Problem[] = [];

  constructor(private readonly scope: IConstruct) {}

  /** Records a problem when `allowed` is defined (rule functions return it only on failure). */
  check(field: string, value: unknown, allowed: string | undefined, fix?: string): void {
    if (allowed !== undefined) this.add(field, value, allowed, fix);
  }

  /** Records a problem. */
  add(field: string, value: unknown, allowed: string, fix?: string): void {
    this.found.push({ path: this.scope.node.path, field, value, allowed, fix });
  }

  /** The problems recorded so far. */
  get problems(): readonly Problem[] {
    return this.found;
  }

  /** Throws a {@link ValidationError} if anything was recorded. */
  throwIfAny(): void {
    if (this.found.length > 0) throw new ValidationError(this.found);
  }
}
