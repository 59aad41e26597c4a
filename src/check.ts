// `cdk8s-pods-services/check`: the engine without a cdk8s app. `checkManifests` judges manifests
// from anywhere (YAML another tool wrote, parsed), `validateApp` an app's objects as structured
// problems, `judge` rendered objects with their construct paths.
export { checkManifests } from './tools/check-manifests';
export type { CheckManifestsOptions, ManifestProblems } from './tools/check-manifests';
export { validateApp } from './synth/app-checks';
export { judge } from './core/engine';
export type { JudgeOptions } from './core/engine';
export type { ManifestEntry, ObjectIntent } from './core/manifest';
export { ValidationError, formatProblem } from './core/problems';
export type { Problem } from './core/problems';
