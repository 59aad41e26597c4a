/**
 * Where the app's judgment prints what does not stop the synth: warnings, and the rules turned
 * off with their reasons. Each line is printed once per app (cdk8s validates an app more than
 * once per synth). By default it goes to stderr; a test or a tool can take it instead.
 */
import type { IConstruct } from 'constructs';

/** Receives one line: a warning in the library's format (`warning: [path] field: …`), or a skipped rule's reason. */
export type WarningSink = (line: string) => void;

let sink: WarningSink = line => process.stderr.write(`${line}\n`);

/**
 * Sends the app's warnings and skipped-rule notes to `next` instead of stderr.
 * @returns the sink it replaces (to put back)
 */
export function setWarningSink(next: WarningSink): WarningSink {
  const previous = sink;
  sink = next;
  return previous;
}

const printed = new WeakMap<IConstruct, Set<string>>();

/** Prints `lines` for the app whose root is `root`, each the first time only. */
export function printOnce(root: IConstruct, lines: readonly string[]): void {
  let seen = printed.get(root);
  if (seen === undefined) printed.set(root, seen = new Set());
  for (const line of lines) {
    if (seen.has(line)) continue;
    seen.add(line);
    sink(line);
  }
}
