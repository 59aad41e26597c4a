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
import { at, KubeObject, ManifestEntry, PodSource, readManifests, record } from './manifest';
import { Problem } from './problems';
import { RuleId } from './catalogue';
import { Rule } from './rule';
import { rule as autoscalerCpuCeiling } from './rules/autoscaler-cpu-ceiling';
import { rule as budgetOverDaemonset } from './rules/budget-over-daemonset';
import { rule as downwardApiContainer } from './rules/downward-api-container';
import { rule as subpathExprEnv } from './rules/subpath-expr-env';

/**
 * Rule modules (src/core/rules/) run through a local adapter until the registry lands; their
 * ids are in the catalogue. Error rules only: today's engine has no warnings.
 */
const RULE_MODULES: readonly Rule[] = [subpathExprEnv, downwardApiContainer, budgetOverDaemonset, autoscalerCpuCeiling];

function runRuleModules(model: ReturnType<typeof readManifests>, out: Findings, options: JudgeOptions): void {
  for (const rule of RULE_MODULES) {
    const id = rule.id as RuleId;
    rule.check?.({
      model, options,
      about: object => {
        const r = out.about(object);
        return {
          add: (field, value, allowed, fix) => r.add(id, field, value, allowed, fix),
          check: (field, value, allowed, fix) => r.check(id, field, value, allowed, fix),
        };
      },
    });
  }
}

/** Settings of a judgment. */
export interface JudgeOptions extends CrossCheckOptions, CapacityOptions, PlatformOptions {
  /**
   * Rules to skip (their problems are not reported).
   * @default - none: every rule
   */
  readonly skipRules?: readonly string[];
}

/** Every problem of the objects, in output order: each object's own, then those across objects. */
export function judge(entries: readonly ManifestEntry[], options: JudgeOptions = {}): Problem[] {
  const model = readManifests(entries);
  const out = new Findings();
  for (const object of model.objects) {
    checkObject(object, out);
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
  runRuleModules(model, out, options);
  const skip = options.skipRules ?? [];
  return skip.length === 0 ? [...out.problems] : out.problems.filter(p => !skip.includes(p.rule));
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
