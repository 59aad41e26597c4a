/**
 * The collector the synth-time checks report into: each finding is a {@link Problem} about a
 * written object, at the object's construct path (or its `Kind/name`), with its rule id.
 */
import { RuleId } from './catalogue';
import { KubeObject } from './manifest';
import { Problem } from './problems';

/** What the engine's checks report into. */
export class Findings {
  private readonly found: Problem[] = [];

  /** Records a problem with `object` at `field`. */
  public add(rule: RuleId, object: KubeObject, field: string, value: unknown, allowed: string, fix?: string): void {
    const p: { -readonly [K in keyof Problem]: Problem[K] } = { rule, path: object.where, field, value, allowed, object: object.ref };
    if (fix !== undefined) p.fix = fix;
    if (object.file !== undefined) p.file = object.file;
    this.found.push(p);
  }

  /** Records a problem when `allowed` is defined (the rule functions return it only on failure). */
  public check(rule: RuleId, object: KubeObject, field: string, value: unknown, allowed: string | undefined, fix?: string): void {
    if (allowed !== undefined) this.add(rule, object, field, value, allowed, fix);
  }

  /** Every finding, in the order found. */
  public get problems(): readonly Problem[] {
    return this.found;
  }
}
