/**
 * Before the integration tests: builds the upstream validation oracle and installs the
 * third-party tools (checkov, kube-score, helm) at their pinned versions into .tools/, each
 * only when missing or changed (a second run takes seconds). Only the Go module proxy and
 * PyPI are reached, by `go` and `pip`.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

export default function setup(): void {
  const root = path.join(__dirname, '..', '..');
  process.stderr.write('\ntest/tools/install.sh\n');
  // Its own output shows what it does; a failure names the tool and the real cause.
  execFileSync('bash', [path.join(root, 'test', 'tools', 'install.sh')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}
