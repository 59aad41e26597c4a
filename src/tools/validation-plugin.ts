import * as fs from 'fs';
import * as path from 'path';
import { RULE_LIST } from '../core/rules';
import { describeSkipped, judge, skippedRules } from '../core/engine';
import type { ManifestEntry } from '../core/manifest';
import type { CapacityBudget } from '../core/checks/capacity-checks';
import type { NodePortRange, PlatformName, SkipRules } from '../core/settings';
import { parseSettings } from '../core/settings';
import type { Settings } from '../core/settings';
import type { JudgedFiles } from '../core/judgment-record';
import { filesDigest, JUDGMENT_FILES_KEY, JUDGMENT_RECORD_KEY, judgmentDigest } from '../core/judgment-record';
import type { Problem } from '../core/problems';
import { formatProblem, isError } from '../core/problems';
import type { KubernetesVersion } from '../core/versions';

/**
 * One violation, as cdk8s-cli's `ValidationViolation` spells it (declared here so that the
 * package needs no cdk8s-cli at run time or in its types).
 * @see https://cdk8s.io/docs/latest/cli/synth/#validation-plugins
 */
export interface PluginViolation {
  /** The rule broken, e.g. `service-selects-a-pod` (the ids of the README's rules table). */
  readonly ruleName: string;
  /** What is wrong, in the library's error format: `[Kind/name] field: value is not valid: allowed. Fix: …`. */
  readonly recommendation: string;
  /** How to fix it. */
  readonly fix: string;
  /** The object at fault: its `metadata.name`, the field, and the manifest file it is in. */
  readonly violatingResources: readonly {
    readonly resourceName: string;
    readonly locations: readonly string[];
    readonly manifestPath: string;
  }[];
}

/**
 * The part of cdk8s-cli's `ValidationContext` the plugin uses.
 * @see https://cdk8s.io/docs/latest/cli/synth/#validation-plugins
 */
export interface PluginValidationContext {
  /** The manifest files `cdk8s synth` wrote. */
  readonly manifests: readonly string[];
  /** The report the plugin fills. */
  readonly report: {
    addViolation(violation: PluginViolation): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
  /** Every object of one manifest file. */
  parseManifest(manifestPath: string): unknown[];
  /**
   * The construct of each object, from the app's `construct-metadata.json`, by the name the
   * report gives it: cdk8s records each object by its name, and the library also by its
   * `Kind/name` (`Kind/namespace/name`).
   * @default - none: the report names no construct
   */
  readonly metadata?: { readonly [resourceName: string]: { readonly path?: string } };
}

/**
 * Props of {@link CrossObjectValidation}: the `properties` of its entry under `validations:`
 * in `cdk8s.yaml`.
 * @see https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
 */
export interface CrossObjectValidationProps {
  /**
   * The cluster's `--service-node-port-range`: `[lowest, highest]`, or `"lowest-highest"`.
   * @default [30000, 32767] - the API server's default
   */
  readonly nodePortRange?: readonly [number, number] | string;
  /**
   * Rules to turn off, each with the reason why (see the README's rules table), e.g.
   * `{ service-before-its-pods: our pods read no Service variables }`. The report's summary
   * lists them with their reasons.
   * @default - none: every rule
   */
  readonly skipRules?: SkipRules;
  /**
   * Whether warnings are errors (they then fail the report), for CI. Without it a warning is a
   * violation of a report that still succeeds (cdk8s-cli's plugin API has no levels).
   * @default false
   */
  readonly warningsAsErrors?: boolean;
  /**
   * The cluster the pods must fit (rule `capacity`): `{ nodes, cpu, memory, reserved?: { cpu?, memory? } }`,
   * `cpu` and `memory` one node's allocatable, `reserved` what pods outside these files request.
   * @default - none: only the ResourceQuotas among the manifests are checked
   */
  readonly capacity?: CapacityBudget;
  /**
   * The platform the manifests are for, whose admission the checks then apply (rule
   * `platform-admission`): `gke-autopilot` (GKE Autopilot refuses privileged containers, added
   * capabilities beyond its list, host namespaces and host ports), `openshift` (its
   * `restricted-v2` SCC refuses a fixed `runAsUser` outside the namespace's range) or `local`
   * (no checks).
   * @default - none: no platform's admission checks
   * @see https://cloud.google.com/kubernetes-engine/docs/concepts/autopilot-security
   */
  readonly platform?: PlatformName;
  /**
   * The Kubernetes minor the manifests are for (the oldest cluster they must run on): the rules
   * of that minor run. One of `KUBERNETES_VERSIONS`, `'1.28'` … `'1.37'` (quote it in YAML:
   * `kubernetesVersion: "1.30"`, since 1.30 unquoted is the number 1.3).
   * @default DEFAULT_KUBERNETES_VERSION - '1.35', the oldest minor upstream supports
   */
  readonly kubernetesVersion?: KubernetesVersion;
}

/**
 * The library's checks as a cdk8s validation plugin, for any manifests `cdk8s synth` writes
 * (whether or not they came from this library's constructs): the same engine, rules and rule
 * ids as the checks that run inside an app at synth. Each problem is one violation, its
 * `ruleName` the rule's id (see the README's rules table); among them:
 *
 * - `service-selects-a-pod`: a Service's selector matches the labels of at least one pod;
 * - `target-port-is-exposed`: each `targetPort` is a port every selected pod declares, by protocol;
 * - `node-port`: nodePorts only on NodePort/LoadBalancer Services, inside the range, unique;
 * - `no-port-clash-in-pod`: no two containers of one pod declare the same port and protocol;
 * - `service-before-its-pods`: a Service is written before the pods it selects;
 * - `unique-object-names`: no two objects of one kind share a name in one namespace;
 * - `platform-admission`: with `platform` set, what that platform's admission refuses (GKE
 *   Autopilot: privileged containers, added capabilities beyond its list, host namespaces and
 *   ports; OpenShift: a fixed `runAsUser`);
 * - and what the API server would refuse: names, labels, ports, images, resources, probes.
 *
 * The manifests are checked together (files in name order), as `kubectl apply -f dist/` would
 * apply them. In `cdk8s.yaml` (a local path must start with `./`; `version` is required and must
 * be exact):
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/cdk8s-pods-services/lib/tools/validation-plugin.js
 *     version: 0.1.0
 *     class: CrossObjectValidation
 *     properties:
 *       nodePortRange: 30000-32767
 * ```
 *
 * A violation makes `cdk8s synth` print the report and exit with code 2.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/service/
 * @see https://cdk8s.io/docs/latest/cli/synth/#validation-plugins
 */
export class CrossObjectValidation {
  private readonly nodePortRange: NodePortRange;
  private readonly skipRules: SkipRules;
  private readonly warningsAsErrors: boolean;
  private readonly capacity?: CapacityBudget;
  private readonly platform?: PlatformName;
  private readonly kubernetesVersion: KubernetesVersion;

  constructor(props: CrossObjectValidationProps = {}) {
    const settings = parseSettings(props ?? {}, 'cdk8s.yaml validations: CrossObjectValidation',
      { nodePortRange: 'properties.nodePortRange', skipRules: 'properties.skipRules', capacity: 'properties.capacity', platform: 'properties.platform', warningsAsErrors: 'properties.warningsAsErrors', kubernetesVersion: 'properties.kubernetesVersion' });
    this.nodePortRange = settings.nodePortRange;
    this.skipRules = settings.skipRules;
    this.warningsAsErrors = settings.warningsAsErrors;
    this.capacity = settings.capacity;
    this.platform = settings.platform;
    this.kubernetesVersion = settings.kubernetesVersion;
  }

  /** The settings this plugin judges with. */
  private settings(): Settings {
    return {
      nodePortRange: this.nodePortRange, skipRules: this.skipRules, warningsAsErrors: this.warningsAsErrors, kubernetesVersion: this.kubernetesVersion,
      ...(this.capacity !== undefined ? { capacity: this.capacity } : {}), ...(this.platform !== undefined ? { platform: this.platform } : {}),
    };
  }

  /** Runs the checks over `context.manifests` and submits the report. */
  // async although nothing is awaited: the CLI awaits it, and a throw then reaches it as a rejection
  // eslint-disable-next-line @typescript-eslint/require-await
  public async validate(context: PluginValidationContext): Promise<void> {
    const entries: ManifestEntry[] = [];
    // The app wrote these very files (byte for byte) from objects it judged with these settings
    // and rules and found nothing in (src/core/judgment-record.ts): no problem to find, and no
    // need to read them as YAML. Otherwise they are read, and judged unless the app judged the
    // same objects; else the full judgment.
    const record = appRecord(context.manifests);
    const trustedFiles = record !== undefined ? judgedFilesOf(record, context.manifests, this.settings()) : undefined;
    if (trustedFiles === undefined) {
      for (const file of [...context.manifests].sort()) {
        // Objects are named by kind and name: cdk8s's construct-metadata.json is keyed by name
        // alone, so it cannot tell a Service from a Pod of the same name.
        for (const manifest of context.parseManifest(file)) {
          if (manifest !== null && manifest !== undefined) entries.push({ manifest, file });
        }
      }
    }
    const judgedClean = trustedFiles !== undefined
      || (typeof record?.metadata[JUDGMENT_RECORD_KEY] === 'string' && record.metadata[JUDGMENT_RECORD_KEY] === judgmentDigest(this.settings(), entries.map(e => e.manifest)));
    const problems = judgedClean ? [] : judge(entries, {
      nodePortRange: this.nodePortRange,
      nodePortRangeKnob: 'set `properties.nodePortRange` of this plugin in cdk8s.yaml',
      skipRules: this.skipRules,
      skipRulesKnob: 'add it with the reason to `properties.skipRules` of this plugin in cdk8s.yaml (`<rule>: <why>`)',
      warningsAsErrors: this.warningsAsErrors,
      capacity: this.capacity,
      capacityKnob: 'set `properties.capacity` of this plugin in cdk8s.yaml',
      platform: this.platform,
      kubernetesVersion: this.kubernetesVersion,
    });
    const objectCount = trustedFiles?.objects ?? entries.length;
    // The name each object is reported by: its `Kind/name` when the app recorded it (our
    // constructs' apps do), else its name when no other object has it (cdk8s's own record), else
    // its `Kind/name` all the same (the report then names no construct, rather than another's).
    const metadata = context.metadata ?? {};
    const names = new Map<string, number>();
    for (const e of entries) {
      const name = (e.manifest as { metadata?: { name?: unknown } })?.metadata?.name;
      if (typeof name === 'string') names.set(name, (names.get(name) ?? 0) + 1);
    }
    const resourceName = (p: Problem): string => {
      const ref = p.object ?? p.path;
      const name = ref.split('/').pop()!;
      return metadata[ref] !== undefined || names.get(name) !== 1 ? ref : name;
    };
    for (const p of problems) context.report.addViolation(toViolation(p, resourceName(p)));
    removeHelmTemplateMetadata(context.manifests);
    const skipped = skippedRules({ skipRules: this.skipRules });
    const errors = problems.filter(isError).length;
    context.report.submit(errors > 0 ? 'failure' : 'success', {
      Checked: `${count(objectCount, 'object')} in ${count(context.manifests.length, 'file')}, ${count(RULE_LIST.length - skipped.length, 'rule')}`,
      ...(problems.length > errors ? { Warnings: `${problems.length - errors} (they do not fail the report; properties.warningsAsErrors makes them errors)` } : {}),
      ...(skipped.length > 0 ? { Skipped: skipped.map(describeSkipped).join('; ') } : {}),
    });
  }
}

/**
 * The `construct-metadata.json` of the common folder of `manifests` (what the app that wrote
 * them recorded), and that folder; undefined when there is none.
 */
function appRecord(manifests: readonly string[]): { readonly metadata: { readonly [key: string]: unknown }; readonly dir: string } | undefined {
  if (manifests.length === 0) return undefined;
  const dirs = manifests.map(m => path.dirname(path.resolve(m)));
  let common = dirs[0];
  while (!dirs.every(d => d === common || d.startsWith(common + path.sep))) {
    const parent = path.dirname(common);
    if (parent === common) return undefined;
    common = parent;
  }
  try {
    const metadata: unknown = JSON.parse(fs.readFileSync(path.join(common, 'construct-metadata.json'), 'utf8'));
    return metadata !== null && typeof metadata === 'object' ? { metadata: metadata as { [key: string]: unknown }, dir: common } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The app's record of the files of its clean judgment, when `manifests` are exactly those files,
 * byte for byte, and these settings and rules are the judgment's; else undefined.
 */
function judgedFilesOf(record: NonNullable<ReturnType<typeof appRecord>>, manifests: readonly string[], settings: Settings): JudgedFiles | undefined {
  const files = record.metadata[JUDGMENT_FILES_KEY] as Partial<JudgedFiles> | undefined;
  if (typeof files?.digest !== 'string' || typeof files.objects !== 'number') return undefined;
  let read: { path: string; bytes: Uint8Array }[];
  try {
    read = manifests.map(m => ({ path: path.relative(record.dir, path.resolve(m)).split(path.sep).join('/'), bytes: fs.readFileSync(m) }));
  } catch {
    return undefined; // (a file that cannot be read: the CLI's parse reports it)
  }
  return filesDigest(settings, read) === files.digest ? { digest: files.digest, objects: files.objects } : undefined;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * `cdk8s synth --format helm` synthesizes into the chart's `templates/`, and the App writes its
 * `construct-metadata.json` there, which Helm would render as a template. The CLI has read it
 * (it loads every plugin, with the metadata, before it runs any): it goes, so the chart holds
 * the manifests only.
 */
function removeHelmTemplateMetadata(manifests: readonly string[]): void {
  for (const dir of new Set(manifests.map(m => path.dirname(path.resolve(m))))) {
    const metadata = path.join(dir, 'construct-metadata.json');
    if (path.basename(dir) === 'templates' && fs.existsSync(path.join(dir, '..', 'Chart.yaml')) && fs.existsSync(metadata)) fs.rmSync(metadata);
  }
}

/** One problem as a violation of the report, about the object named `resourceName`. */
function toViolation(p: Problem, resourceName: string): PluginViolation {
  return {
    ruleName: p.rule,
    recommendation: formatProblem(p),
    fix: p.fix ?? `use ${p.allowed}`,
    violatingResources: [{
      resourceName,
      locations: [p.field],
      manifestPath: p.file ?? '',
    }],
  };
}
