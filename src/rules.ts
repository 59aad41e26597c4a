// `cdk8s-pods-services/rules`: what the engine judges, as data: every rule's id, source and
// summary, and the lists the platform rule holds pods to.
export { RULES, RULE_SOURCES } from './core/catalogue';
export type { RuleId, RuleInfo, RuleSource } from './core/catalogue';
export { AUTOPILOT_ALLOWED_CAPABILITIES, AUTOPILOT_HOST_PATH_PREFIX, OPENSHIFT_ALLOWED_CAPABILITIES, OPENSHIFT_ALLOWED_VOLUMES } from './core/checks/platform-checks';
