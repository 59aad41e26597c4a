/**
 * Before the control-plane tests: builds the control plane into .tools/controlplane/ with
 * test/tools/install.sh (only when its pins or sources changed; Go module proxy only). Without
 * Go on PATH the tests are skipped with one line, unless CONTROLPLANE_REQUIRED=1 (CI), where
 * that is a failure.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { hasGo } from './cluster';

export default function setup(): void {
  const root = path.join(__dirname, '..', '..');
  if (!hasGo()) {
    if (process.env.CONTROLPLANE_REQUIRED === '1') throw new Error('controlplane: Go is not on PATH, and CONTROLPLANE_REQUIRED=1: the control plane cannot be built');
    process.stderr.write('\ncontrolplane: skipped, Go is not on PATH (the control plane is built from the Go module proxy)\n');
    return;
  }
  process.stderr.write('\ntest/tools/install.sh controlplane\n');
  execFileSync('bash', [path.join(root, 'test', 'tools', 'install.sh'), 'controlplane'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}
