/**
 * The engine: one judgment of what is written. The app (at every synth) and the validation
 * plugin (over the files `cdk8s synth` wrote) both hand it the objects in output order and get
 * the same problems, with the same rule ids.
 */
import { CapacityOptions, checkCapacity } from './checks/capacity-checks';
import { checkAcrossObjects, CrossCheckOptions } from './checks/cross-checks';
import { checkIngress, checkIngressBackends } from './checks/ingress-checks';
import { checkNetworkPolicies, checkNetworkPolicy } from './checks/network-policy-checks';
import { checkObject } from './checks/object-checks';
import { checkPlatform, PlatformOptions } from './checks/platform-checks';
import { restrictedViolations } from './checks/pod-security';
import { checkWorkloads } from './checks/workload-checks';
import { Findings } from './findings';
import { at, KubeObject, ManifestEntry, ManifestModel, PodSource, readManifests, record } from './manifest';
import { Problem } from './problems';
import { RULES } from './catalogue';
import type { KubernetesVersions, Rule } from './rule';
import { rule as fieldVersion } from './rules/field-version';
import type { RuleId } from './catalogue';
import { appliesTo, DEFAULT_KUBERNETES_VERSION, KubernetesVersion } from './versions';

/** Settings of a judgment. */
export interface JudgeOptions extends CrossCheckOptions, CapacityOptions, PlatformOptions {
  /**
   * Rules to skip (their problems are not reported).
   * @default - none: every rule
   */
  readonly skipRules?: readonly string[];
  /**
   * The Kubernetes minor the manifests are for: only the rules whose `versions` include it run.
   * @default DEFAULT_KUBERNETES_VERSION - '1.35'
   */
  readonly kubernetesVersion?: KubernetesVersion;
}

/** Every problem of the objects, in output order: each object's own, then those across objects. */
export function judge(entries: readonly ManifestEntry[], options: JudgeOptions = {}): Problem[] {
  const model = readManifests(entries);
  const out = new Findings();
  for (const object of model.objects) {
    checkObject(object, out, options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION);
    if (object.builtinKind === 'Ingress') checkIngress(object, out.about(object));
    else if (object.builtinKind === 'NetworkPolicy') checkNetworkPolicy(object, out.about(object));
  }
  for (const pod of model.pods) if (pod.object.intent.podSecurity === 'restricted') checkRestricted(pod, out);
  checkAcrossObjects(model, out, options);
  checkWorkloads(model, out);
  checkNetworkPolicies(model, out);
  checkIngressBackends(model, out);
  checkCapacity(model, out, options);
  checkPlatform(model, out, options);
  const target = options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
  for (const rule of REGISTERED) if (appliesTo(rule.versions, target)) runRule(rule, model, out, { ...options, kubernetesVersion: target });
  const skip = options.skipRules ?? [];
  // (today's checks run together; the rules of another minor are dropped here, by their catalogue entry)
  return out.problems.filter(p => !skip.includes(p.rule) && appliesTo(versionsOf(p.rule), target));
}

/**
 * The rules written as modules of `src/core/rules/` (the rule contract), run by today's engine
 * through {@link runRule} until the registry lists them.
 */
const REGISTERED: readonly Rule<string, string, any>[] = [fieldVersion];

/** Runs one rule module over the model, its findings under its id. */
function runRule(rule: Rule<string, string, any>, model: ManifestModel, out: Findings, options: JudgeOptions): void {
  rule.check?.({
    model,
    options,
    about: object => {
      const r = out.about(object);
      const id = rule.id as RuleId;
      return { add: (field, value, allowed, fix) => r.add(id, field, value, allowed, fix), check: (field, value, allowed, fix) => r.check(id, field, value, allowed, fix) };
    },
  });
}

/** The minors a rule of the catalogue applies to (every one when it says none). */
function versionsOf(rule: string): KubernetesVersions | undefined {
  return (RULES as { readonly [id: string]: { readonly versions?: KubernetesVersions } })[rule]?.versions;
}

/** A pod whose construct promises the "restricted" level keeps it, whatever overrides it got. */
function checkRestricted(pod: PodSource, out: Findings): void {
  const object: KubeObject = pod.object;
  const annotations = record(at(object.raw, `${pod.template}metadata`).annotations);
  for (const v of restrictedViolations(annotations, pod.spec)) {
    const field = v.field.startsWith('metadata.') ? `${pod.template}${v.field}` : `${pod.template}spec.${v.field}`;
    out.about(object).add('restricted-profile', field, v.value, `${v.allowed} under SecurityProfile.RESTRICTED (the Pod Security Standards "restricted" level)`,
      'drop the override that breaks it, or use SecurityProfile.NONE');
  }
}
