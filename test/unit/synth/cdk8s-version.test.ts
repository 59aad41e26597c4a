/**
 * Which cdk8s the tests of src/synth/cdk8s-mirror/ run against: the devDependency (the newest)
 * in the `unit` and `property` projects, the lowest the peer range allows in `cdk8s-lowest`
 * (jest.config.js). Without this, a mapping that silently stopped working would test the same
 * cdk8s twice.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { REPO } from '../../paths';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  peerDependencies: { [name: string]: string }; devDependencies: { [name: string]: string };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loaded = (require('cdk8s/package.json') as { version: string }).version;

test('the cdk8s under test is the one its project names', () => {
  // the peer range's floor, and the alias that installs exactly it
  const floor = pkg.peerDependencies.cdk8s.replace(/^\^/, '');
  expect(pkg.devDependencies['cdk8s-lowest']).toBe(`npm:cdk8s@${floor}`);
  if (process.env.CDK8S_UNDER_TEST === 'lowest') {
    expect(loaded).toBe(floor);
  } else {
    expect(loaded).toBe(JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', 'cdk8s', 'package.json'), 'utf8')).version);
    expect(loaded).not.toBe(floor);
  }
});

test('`cdk8s` is the lowest copy in the lowest project, the newest elsewhere', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lowest = require('cdk8s-lowest') as typeof import('cdk8s');
  if (process.env.CDK8S_UNDER_TEST === 'lowest') expect(App).toBe(lowest.App);
  else expect(App).not.toBe(lowest.App);
});
