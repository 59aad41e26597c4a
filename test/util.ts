import { Chart, Testing } from 'cdk8s';
import { Problem, ValidationError } from '../src';

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
