/**
 * One bad and one good case per rule that only a construct can raise (its props, its handles,
 * its promises), through the path a user of the constructs takes: make them in an app and
 * synthesize. `bad` must raise the rule; `good` must raise nothing at all.
 */
import { App, Chart, Testing } from 'cdk8s';
import { AppPod, NginxPod, Platform, PodDefaults, Problem, SecurityProfile, validateApp, ValidationError, Workload } from '../../../src';

const web = { name: 'web', image: 'example/web:1', port: 8080 };
const digest = `@sha256:${'a'.repeat(64)}`;

/** The problems of an app the function builds: those its constructors throw, else those of its judgment. */
export function problemsFrom(build: () => Chart | App): Problem[] {
  try {
    return validateApp(build());
  } catch (err) {
    if (ValidationError.isValidationError(err)) return [...err.problems];
    throw err;
  }
}

export interface ConstructCase {
  readonly bad: () => Chart | App;
  readonly good: () => Chart | App;
}

/** The construct cases, by rule id. */
export const CONSTRUCT_CASES: { readonly [rule: string]: ConstructCase } = {
  'props': {
    bad: () => { const chart = Testing.chart(); new AppPod(chart, 'web', { containers: 'web' as any }); return chart; },
    good: () => { const chart = Testing.chart(); new AppPod(chart, 'web', { containers: [web] }); return chart; },
  },
  'validation': {
    bad: () => { const chart = Testing.chart(); new AppPod(chart, 'web', { containers: [web] }); chart.node.addValidation({ validate: () => ['a check of the user\'s own'] }); return chart; },
    good: () => { const chart = Testing.chart(); new AppPod(chart, 'web', { containers: [web] }); chart.node.addValidation({ validate: () => [] }); return chart; },
  },
  'pod-defaults': {
    bad: () => { const app = new App(); new AppPod(new Chart(app, 'c'), 'early', { containers: [web] }); PodDefaults.set(app, { automountServiceAccountToken: false }); return app; },
    good: () => { const app = new App(); PodDefaults.set(app, { automountServiceAccountToken: false }); new AppPod(new Chart(app, 'c'), 'late', { containers: [web] }); return app; },
  },
  'one-platform': {
    bad: () => { const app = Testing.app(); Platform.LOCAL.applyTo(app); Platform.GKE_AUTOPILOT.applyTo(app); return app; },
    good: () => { const app = Testing.app(); Platform.LOCAL.applyTo(app); Platform.LOCAL.applyTo(app); return app; },
  },
  'config-checksum': {
    bad: () => { const chart = Testing.chart(); new AppPod(chart, 'web', { rollOnConfigChange: true, containers: [web] }); return chart; },
    good: () => { const chart = Testing.chart(); new AppPod(chart, 'web', { workload: Workload.deployment(), rollOnConfigChange: true, containers: [web] }); return chart; },
  },
  'profile-isolation': {
    bad: () => { const chart = Testing.chart(); new AppPod(chart, 'app', { securityProfile: SecurityProfile.RESTRICTED, containers: [web], labels: {} }); return chart; },
    good: () => { const chart = Testing.chart(); new AppPod(chart, 'app', { securityProfile: SecurityProfile.RESTRICTED, containers: [web], labels: { app: 'web' } }); return chart; },
  },
  'port-reference': {
    bad: () => { const chart = Testing.chart(); new AppPod(chart, 'web', { containers: [web] }).portRef(9999); return chart; },
    good: () => { const chart = Testing.chart(); new AppPod(chart, 'web', { containers: [web] }).portRef(8080); return chart; },
  },
  'image-digest': {
    bad: () => { const chart = Testing.chart(); new AppPod(chart, 'app', { securityProfile: SecurityProfile.restricted({ requireDigest: true }), containers: [web] }); return chart; },
    good: () => { const chart = Testing.chart(); new AppPod(chart, 'app', { securityProfile: SecurityProfile.restricted({ requireDigest: true }), containers: [{ ...web, image: `example/web${digest}` }] }); return chart; },
  },
  'preset-image': {
    bad: () => { const chart = Testing.chart(); new NginxPod(chart, 'web', { image: 'nginx:1.27', securityProfile: SecurityProfile.RESTRICTED }); return chart; },
    good: () => { const chart = Testing.chart(); new NginxPod(chart, 'web', { securityProfile: SecurityProfile.RESTRICTED }); return chart; },
  },
  'restricted-profile': {
    bad: () => {
      const chart = Testing.chart();
      new AppPod(chart, 'app', { containers: [{ ...web, securityContext: { procMount: 'Unmasked' } }], securityProfile: SecurityProfile.RESTRICTED, labels: { app: 'web' } });
      return chart;
    },
    good: () => { const chart = Testing.chart(); new AppPod(chart, 'app', { containers: [web], securityProfile: SecurityProfile.RESTRICTED, labels: { app: 'web' } }); return chart; },
  },
};
