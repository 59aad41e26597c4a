export * from './errors';
export * from './volume';
export * from './probe';
export * from './container';
export * from './pod-target';
export * from './app-pod';
export * from './preset-pod';
export * from './nginx-pod';
export * from './flask-pod';
export * from './exposed-service';
export * as rules from './validation/rules';
export { NODE_PORT_RANGE_CONTEXT, nodePortRange, collectProblems, validateApp } from './validation/app-checks';
export { checkCrossObject } from './validation/cross-checks';
export { factsFromManifests, factsFromManifest } from './validation/from-manifests';
export type {
  PortFacts, ContainerFacts, PodFacts, ServicePortFacts, ServiceFacts, Facts, CrossCheckOptions, Finding,
} from './validation/model';
export { findingToProblem, objectRef } from './validation/model';
export * from './workload';
export * from './security-profile';
export * from './helper-containers';
export * from './topology';
export * from './validation-plugin';
