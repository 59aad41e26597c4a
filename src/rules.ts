// `cdk8s-pods-services/rules`: what the engine judges, as data: the registry (every rule's id,
// source, severity, kinds, versions and summary), and the lists the platform rule holds pods to.
export { RULES, RULE_LIST, RULE_SOURCES } from './core/rules';
export type { RuleId, RegisteredRule, RuleSource } from './core/rules';
export type { Severity, KubernetesVersions } from './core/rule';
export type { SkippedRule } from './core/engine';
export { AUTOPILOT_ALLOWED_CAPABILITIES, AUTOPILOT_HOST_PATH_PREFIX, OPENSHIFT_ALLOWED_CAPABILITIES, OPENSHIFT_ALLOWED_VOLUMES } from './core/checks/platform-checks';
