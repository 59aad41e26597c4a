// The control plane `.ci/run` applies dist/ to runs the library's default target (issue 23:
// "the control plane of the previous issue runs at the default target in `.ci/run`"), the same
// patch release as that minor's oracle, and its go.mod is pinned to it (test/controlplane/pin.sh
// is the one switch; docs/controlplane.md).
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_KUBERNETES_VERSION } from '../../src/core/versions';

const root = path.join(__dirname, '..', '..');
const read = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');

describe('the control plane of .ci/run', () => {
  const release = read('test/controlplane/kubernetes-version').trim();

  test('runs the default target minor', () => {
    expect(release).toMatch(/^1\.\d+\.\d+$/);
    expect(release.split('.').slice(0, 2).join('.')).toBe(DEFAULT_KUBERNETES_VERSION);
  });

  test('is the same release as that minor\'s oracle', () => {
    const oracle = read(`test/oracle/v${DEFAULT_KUBERNETES_VERSION}/go.mod`);
    expect(oracle).toContain(`k8s.io/kubernetes v${release}\n`);
  });

  test('has its go.mod pinned to that release (pin.sh was run)', () => {
    const gomod = read('test/controlplane/go.mod');
    expect(gomod).toContain(`from kubernetes-version (${release})`);
    expect(gomod).toContain(`k8s.io/kubernetes v${release}\n`);
  });
});
