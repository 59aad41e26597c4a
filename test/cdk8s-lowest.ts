// Set in the jest project `cdk8s-lowest` (jest.config.js), which maps `cdk8s` to the lowest
// version the peer range allows: test/unit/synth/cdk8s-version.test.ts checks that it did.
process.env.CDK8S_UNDER_TEST = 'lowest';
