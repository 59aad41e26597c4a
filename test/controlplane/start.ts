/**
 * Starts a test control plane and keeps it up until this process ends (Ctrl-C stops it; a
 * SIGKILL leaves it to the watchdog): `node -r esbuild-register test/controlplane/start.ts`.
 * Prints `up <dir> <kubeconfig>` once ready. Also what harness.test.ts kills to check the watchdog.
 */
import { ControlPlane } from './cluster';

void (async () => {
  const cp = await ControlPlane.start({ name: 'start' });
  process.stdout.write(`up ${cp.dir} ${cp.kubeconfig}\n`);
  const stop = () => { void cp.stop().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => undefined, 60_000);
})();
