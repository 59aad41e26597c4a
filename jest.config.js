// The test projects. `npm test` runs them all; `npm run test:unit` runs unit, property and
// cdk8s-lowest with a sample of the property runs (PROPERTY_RUNS=0.1) on two workers (jest's
// default is one fewer than the cores: one on a 2-core machine): no Go, no Python, no network.
// Most of a unit file's time is fixed (loading cdk8s, cdk8s-plus-28 and the schema models in a
// fresh module registry, about 1 s of CPU); type-checking is tsc's (npm test runs it first), so
// ts-jest only transpiles (tsconfig.dev.json's isolatedModules).
//   unit          test/unit: the library, the app, the docs
//   property      test/property: fast-check properties (the full number of runs under npm test),
//                 and random-props (any JSON into every construct, each run a synth to disk)
//   cdk8s-lowest  the tests of the copies of cdk8s's internals (src/synth/cdk8s-mirror/), run again
//                 with the lowest cdk8s the peer range allows (devDependency cdk8s-lowest)
//   integration   test/integration: the Kubernetes oracle (Go), the tools, the packed package
//   controlplane  test/controlplane: dist/ applied to a real API server, controller-manager and scheduler
//                 with kwok nodes, built from the Go module proxy (skipped with one line without Go)
'use strict';

const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] };
const library = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform,
  setupFilesAfterEnv: ['<rootDir>/test/setup-schema.ts'],
  snapshotSerializers: ['<rootDir>/test/snapshot-yaml.ts'],
};

/** The tests that hold src/synth/cdk8s-mirror/ to what cdk8s itself does. */
const MIRROR_TESTS = [
  '<rootDir>/test/property/output-order.test.ts', // output-order.ts against App.synth()'s files
  '<rootDir>/test/property/fast-topology.test.ts', // fast-topology.ts against DependencyGraph
  '<rootDir>/test/unit/synth/atomic.test.ts', // judged-render.ts: files byte-identical to a plain app.synth()
  '<rootDir>/test/unit/tools/topology.test.ts', // written-files.ts: the files synth wrote, read back
  '<rootDir>/test/unit/synth/cdk8s-version.test.ts', // which cdk8s each project runs
  '<rootDir>/test/unit/synth/judge-once.test.ts', // the synth session: synth, synthYaml, toJson wrapped on the instances
];

module.exports = {
  projects: [
    { ...library, displayName: 'unit', roots: ['<rootDir>/test/unit'] },
    { ...library, displayName: 'property', roots: ['<rootDir>/test/property'] },
    {
      ...library,
      displayName: 'cdk8s-lowest',
      roots: ['<rootDir>/test'],
      testMatch: MIRROR_TESTS,
      // every `require('cdk8s')` (the library's, cdk8s-plus-28's, the tests') gets the lowest
      moduleNameMapper: { '^cdk8s$': 'cdk8s-lowest', '^cdk8s/(.*)$': 'cdk8s-lowest/$1' },
      setupFiles: ['<rootDir>/test/cdk8s-lowest.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/integration'],
      testMatch: ['**/*.test.ts'],
      transform,
      globalSetup: '<rootDir>/test/integration/setup-tools.ts',
    },
    {
      displayName: 'controlplane',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/controlplane'],
      testMatch: ['**/*.test.ts'],
      transform,
      globalSetup: '<rootDir>/test/controlplane/setup.ts',
    },
  ],
};
