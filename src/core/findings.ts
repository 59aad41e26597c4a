/**
 * What the engine's checks report into: one list of problems about written objects, each at
 * the object's construct path (or its `Kind/name`), with its object, file and rule id.
 */
import type { KubeObject } from './manifest';
import type { Problem, Reporter } from './problems';
import { ProblemCollector } from './problems';

/** The engine's findings, in the order found. */
export class Findings {
  private readonly found: Problem[] = [];

  /** A reporter of problems about `object`. */
  public about(object: KubeObject): Reporter {
    return new ProblemCollector(object.where, { object: object.ref, file: object.file }, this.found);
  }

  /** Every finding, in the order found. */
  public get problems(): readonly Problem[] {
    return this.found;
  }
}
