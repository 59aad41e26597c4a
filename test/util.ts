import { Chart, Testing } from 'cdk8s';

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
