import { formatProblem } from './errors';
import { parseNodePortRange } from './validation/app-checks';
import { checkCrossObject } from './validation/cross-checks';
import { factsFromManifests } from './validation/from-manifests';
import { Finding, findingToProblem, objectRef } from './validation/model';

/**
 * One violation, as cdk8s-cli's `ValidationViolation` spells it (declared here so that the
 * package needs no cdk8s-cli at run time or in its types).
 * @see https://cdk8s.io/docs/latest/cli/synth/#validation-plugins
 */
export interface PluginViolation {
  /** The rule broken, e.g. `service-selects-a-pod`. */
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
}

/**
 * The library's cross-object checks as a cdk8s validation plugin, for any manifests
 * `cdk8s synth` writes (whether or not they came from this library's constructs):
 *
 * - `service-selects-a-pod`: a Service's selector matches the labels of at least one Pod or
 *   pod template in the app;
 * - `target-port-is-exposed`: each `targetPort` (number or name) is a port a selected pod declares;
 * - `node-port-valid-and-unique`: nodePorts only on NodePort/LoadBalancer Services, inside the
 *   range, and no two Services with the same one;
 * - `no-port-clash-in-pod`: no two containers of one pod declare the same port and protocol;
 * - `service-before-its-pods`: a Service is written before the pods it selects;
 * - `unique-object-names`: no two objects of one kind share a name in one namespace.
 *
 * The manifests are checked together (files in name order), as `kubectl apply -f dist/` would
 * apply them. In `cdk8s.yaml` (a local path must start with `./`; `version` is required and must
 * be exact):
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/cdk8s-pods-services/lib/validation-plugin.js
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
  private readonly nodePortRange: readonly [number, number];

  constructor(props: CrossObjectValidationProps = {}) {
    this.nodePortRange = parseNodePortRange(props.nodePortRange, 'cdk8s.yaml validations: CrossObjectValidation', 'properties.nodePortRange');
  }

  /** Runs the checks over `context.manifests` and submits the report. */
  public async validate(context: PluginValidationContext): Promise<void> {
    const objects: unknown[] = [];
    const fileOf = new Map<string, string>();
    const lastFileOf = new Map<string, string>();
    for (const file of [...context.manifests].sort()) {
      for (const manifest of context.parseManifest(file)) {
        objects.push(manifest);
        const ref = refOf(manifest);
        if (ref !== undefined && !fileOf.has(ref)) fileOf.set(ref, file);
        if (ref !== undefined) lastFileOf.set(ref, file);
      }
    }
    const facts = factsFromManifests(objects);
    const findings = checkCrossObject(facts, { nodePortRange: this.nodePortRange });
    for (const finding of findings) {
      context.report.addViolation({
        ruleName: ruleOf(finding),
        recommendation: formatProblem(findingToProblem(finding)),
        fix: finding.fix ?? `use ${finding.allowed}`,
        violatingResources: [{
          resourceName: finding.object.split('/').pop() ?? finding.object,
          locations: [finding.field],
          // A name found twice is reported on its later object.
          manifestPath: (finding.field === 'name' ? lastFileOf : fileOf).get(finding.object) ?? '',
        }],
      });
    }
    context.report.submit(findings.length > 0 ? 'failure' : 'success', {
      Checked: `${facts.services.length} Services, ${facts.pods.length} Pods and pod templates`,
    });
  }
}

/** Which rule a finding breaks, from the field it is about. */
function ruleOf(finding: Finding): string {
  if (finding.field === 'selector') return 'service-selects-a-pod';
  if (/targetPort$/.test(finding.field)) return 'target-port-is-exposed';
  if (/nodePort$/.test(finding.field)) return 'node-port-valid-and-unique';
  if (/^containers\[\d+\]\.ports/.test(finding.field)) return 'no-port-clash-in-pod';
  if (finding.field === 'output order') return 'service-before-its-pods';
  if (finding.field === 'name') return 'unique-object-names';
  return 'cross-object';
}

function refOf(manifest: unknown): string | undefined {
  if (manifest === null || typeof manifest !== 'object') return undefined;
  const m = manifest as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  if (typeof m.kind !== 'string' || typeof m.metadata?.name !== 'string') return undefined;
  return objectRef(m.kind, m.metadata.name, typeof m.metadata.namespace === 'string' ? m.metadata.namespace : undefined);
}
