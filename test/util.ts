import { Chart, Testing } from 'cdk8s';
import { Problem, validateApp, ValidationError } from '../src';

/** A synthesized manifest, loosely typed for assertions. */
export type Manifest = { [key: string]: any };

/** Every object the chart synthesizes, in output order. */
export function synth(chart: Chart): Manifest[] {
  return Testing.synth(chart);
}

/** The objects of one kind, in output order. */
export function ofKind(chart: Chart | Manifest[], kind: string): Manifest[] {
  const objects = Array.isArray(chart) ? chart : synth(chart);
  return objects.filter(o => o.kind === kind);
}

/** The single object of a kind; fails the test if there is not exactly one. */
export function only(chart: Chart | Manifest[], kind: string): Manifest {
  const found = ofKind(chart, kind);
  if (found.length !== 1) throw new Error(`expected exactly one ${kind}, found ${found.length}`);
  return found[0];
}

/**
 * The problems of the ValidationError that `f` throws. Fails the test when `f` throws nothing,
 * or throws anything else (a TypeError is a defect, never an answer).
 */
export function problemsOf(f: () => unknown): Problem[] {
  try {
    f();
  } catch (err) {
    if (ValidationError.isValidationError(err)) return [...err.problems];
    throw new Error(`expected a ValidationError, got: ${(err as Error)?.stack ?? String(err)}`);
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

/** The part of a problem most assertions compare: which rule, which field, which value. */
export interface Brief {
  readonly rule: string;
  readonly field: string;
  readonly value: unknown;
}

/** Problems reduced to rule, field and value. */
export function brief(problems: readonly Problem[]): Brief[] {
  return problems.map(p => ({ rule: p.rule, field: p.field, value: p.value }));
}

/**
 * Runs `f` without the schema check every test render goes through (test/setup-schema.ts): a
 * user's value is written as given, invalid or not, for the engine to judge at synth.
 */
export function withoutSchemaCheck<T>(f: () => T): T {
  const counter = globalThis as { schemaCheckSuspended?: number };
  counter.schemaCheckSuspended = (counter.schemaCheckSuspended ?? 0) + 1;
  try {
    return f();
  } finally {
    counter.schemaCheckSuspended -= 1;
  }
}

/**
 * The problems the engine finds at synth in the app that holds `chart`, the way a user meets
 * them: `Testing.synth` (cdk8s's synth, which runs the engine) must refuse the app, with every
 * problem's rule in its message; the structured problems are those `validateApp` returns (the
 * judgment `npm run synth`'s `synthAtomically` throws as a ValidationError). Fails the test when
 * the synth succeeds. The user's values are written as given (without the tests' schema check),
 * so the engine, not the schema, judges them.
 */
export function synthProblemsOf(chart: Chart): Problem[] {
  return withoutSchemaCheck(() => synthProblemsOfChart(chart));
}

function synthProblemsOfChart(chart: Chart): Problem[] {
  let message: string | undefined;
  try {
    Testing.synth(chart);
  } catch (err) {
    message = String((err as Error)?.message ?? err);
  }
  const problems = validateApp(chart);
  if (problems.length === 0) throw new Error(message === undefined ? 'expected the engine to find a problem, but it found none' : `the synth failed, but the engine found no problem: ${message}`);
  // An error stops the synth and its message names the rule; a warning does not stop it.
  const errors = problems.filter(p => p.severity !== 'warning');
  if (errors.length > 0 && message === undefined) throw new Error('expected the synth to fail on the errors, but it wrote the manifests');
  if (errors.length === 0 && message !== undefined) throw new Error(`the synth failed on warnings only: ${message}`);
  for (const p of errors) {
    if (!message!.includes(`[${p.rule}]`)) throw new Error(`the synth's error does not name rule ${p.rule}: ${message}`);
  }
  return problems;
}
