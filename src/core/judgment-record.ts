/**
 * The record of a clean judgment that an app leaves for the validation plugin (issue 26): under
 * `cdk8s synth` with validations, the app judges every object as it writes it, and the plugin
 * would judge the same objects again from the YAML. The app records, in cdk8s's
 * `construct-metadata.json`, one digest of the objects it judged (each object's JSON, as written)
 * together with the settings and the rules it judged them with, and only when that judgment found
 * no problem at all. The plugin skips its judgment only when the digest of the objects it reads
 * from the files, with its own settings and rules, is the same: any edit, added, removed or stale
 * file, other setting or other rule set means a full judgment.
 *
 * Sound because the app's judgment of the same objects with the same settings and rules finds a
 * superset of the plugin's problems (the app also knows each object's intent, which only adds
 * rules), so none found there means none here.
 */
import { createHash } from 'crypto';
import { RULE_LIST } from './rules';
import type { Settings } from './settings';

/** The key under which the record is kept in `construct-metadata.json`. */
export const JUDGMENT_RECORD_KEY = 'cdk8s-pods-services:cleanJudgment';

/** JSON with the keys of every object sorted, so two equal values give one text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as { [k: string]: unknown }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v));
}

/**
 * The rules a judgment ran: each one's id, severity and check (its source text), and the
 * library's version (a plugin of another release than the app's never trusts its record).
 */
let rulesText: string | undefined;
function rules(): string {
  rulesText ??= canonical({
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    version: (require('../../package.json') as { version: string }).version,
    rules: RULE_LIST.map(r => [r.id, r.severity, String(r.check ?? '')]),
  });
  return rulesText;
}

/** The settings a judgment depends on, and the rules it ran, as one text. */
function settingsText(settings: Settings): string {
  return canonical({
    rules: rules(),
    nodePortRange: settings.nodePortRange,
    skipRules: settings.skipRules,
    warningsAsErrors: settings.warningsAsErrors,
    capacity: settings.capacity ?? null,
    platform: settings.platform ?? null,
    kubernetesVersion: settings.kubernetesVersion,
  });
}

/**
 * The digest of a judgment: the settings and rules, and the objects judged (in any order, each
 * as its JSON with sorted keys).
 */
export function judgmentDigest(settings: Settings, manifests: readonly unknown[]): string {
  const hash = createHash('sha256');
  hash.update(settingsText(settings));
  for (const text of manifests.map(m => canonical(m)).sort()) hash.update('\n').update(text);
  return hash.digest('hex');
}

/**
 * The key under which the record of the files is kept in `construct-metadata.json`: the digest
 * of the settings, the rules and the files the app wrote (each one's path under the folder of
 * `construct-metadata.json`, and its bytes), and how many objects they hold.
 */
export const JUDGMENT_FILES_KEY = 'cdk8s-pods-services:cleanJudgmentFiles';

/** The record of the files of a clean judgment (see {@link JUDGMENT_FILES_KEY}). */
export interface JudgedFiles {
  /** {@link filesDigest} of the files as the app wrote them. */
  readonly digest: string;
  /** How many objects (YAML documents) the files hold. */
  readonly objects: number;
}

/**
 * The digest of the files of a judgment: the settings and rules, and each file's path (relative
 * to the folder of `construct-metadata.json`, `/`-separated) and bytes, in path order. The same
 * bytes are the same objects: the validation plugin that finds these very files need not read
 * them as YAML to know that the app judged their objects (the parse is most of its cost: at
 * 5,000 pairs 2.5 s of its 2.65 s, in a profiled run).
 */
export function filesDigest(settings: Settings, files: readonly { readonly path: string; readonly bytes: Uint8Array }[]): string {
  const hash = createHash('sha256');
  hash.update(settingsText(settings));
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(`\n${JSON.stringify(f.path)} ${f.bytes.length}\n`).update(f.bytes);
  }
  return hash.digest('hex');
}
