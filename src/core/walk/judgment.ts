/**
 * The judgment the walkers' caches belong to. What a walker reads from a pod spec is kept for the
 * judgment under way only (the engine starts a new one at each call): a user may change the same
 * objects and judge them again.
 */
let current = 0;

/** Starts a new judgment: what the walkers kept from the last one is read again. */
export function beginJudgment(): void {
  current++;
}

/** The judgment under way. */
export function judgment(): number {
  return current;
}
