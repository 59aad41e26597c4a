/**
 * What the walkers read from a pod spec is kept for the judgment under way only: the engine begins
 * a judgment at each call and ends it. A user may change the same objects and judge them again,
 * and nothing read is held once the judgment is over: the rendered objects live on until synth
 * has written them, and a cache keyed by them would keep what was read alive as long.
 */
let judging = false;
const caches: Array<JudgmentCache<object, unknown>> = [];

/** Starts a new judgment: nothing the walkers kept from an earlier one is read. */
export function beginJudgment(): void {
  judging = true;
  for (const c of caches) c.clear();
}

/** Ends the judgment under way: what the walkers kept is let go. */
export function endJudgment(): void {
  judging = false;
  for (const c of caches) c.clear();
}

/** What a walker read from an object, kept during the judgment under way only (none outside one). */
export class JudgmentCache<K extends object, V> {
  private map = new WeakMap<K, V>();

  public constructor() {
    caches.push(this);
  }

  public get(key: K): V | undefined {
    return judging ? this.map.get(key) : undefined;
  }

  public set(key: K, value: V): void {
    if (judging) this.map.set(key, value);
  }

  /** Forgets everything kept. */
  public clear(): void {
    this.map = new WeakMap();
  }
}
