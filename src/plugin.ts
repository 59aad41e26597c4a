// `cdk8s-pods-services/plugin`: the engine as a cdk8s validation plugin (`cdk8s.yaml`
// `validations:`, package `./node_modules/cdk8s-pods-services/lib/plugin.js`, class
// `CrossObjectValidation`).
export { CrossObjectValidation } from './tools/validation-plugin';
export type { CrossObjectValidationProps, PluginValidationContext, PluginViolation } from './tools/validation-plugin';
