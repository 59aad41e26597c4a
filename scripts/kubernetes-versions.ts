/**
 * The README's versions table (the `versions` figure, which `npm run figures` writes): for each
 * Kubernetes minor the library knows, whether the tutorial synthesized for it is accepted by the
 * upstream oracle of that minor (every minor of ORACLE_VERSIONS has one: .tools/bin/k8s-oracle*,
 * `test/tools/install.sh oracle`; the figure refuses to guess when one is not built), how many
 * rules the engine runs at it, and what the library writes differently there.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildTutorial } from '../app/tutorial';
import { KUBERNETES_VERSION_CONTEXT, synthAtomically } from '../src';
import { RULE_LIST } from '../src/core/rules';
import { appliesTo, DEFAULT_KUBERNETES_VERSION, FIELD_SINCE, KUBERNETES_VERSIONS, KubernetesVersion, NATIVE_SIDECAR_DEFAULT_FROM } from '../src/core/versions';
import { judgeFiles, ORACLE_VERSIONS, OracleVersion } from '../test/oracle';

const FEATURES: { readonly [feature in keyof typeof FIELD_SINCE]: string } = {
  nativeSidecar: 'native sidecars (`restartPolicy: Always` init containers)',
  podReplacementPolicy: 'Job `podReplacementPolicy`',
  sleepHook: '`Hook.sleep()`; NginxPod\'s drain hook is the `sleep` action',
  appArmorProfile: '`securityContext.appArmorProfile`',
  trafficDistribution: 'Service `trafficDistribution`',
  hostUsers: '`hostUsers: false`',
  resizePolicy: 'container `resizePolicy`',
  imageVolume: '`image` volumes',
};

/** The oracle's verdict on the tutorial synthesized for `version`: "yes", or what it refused. */
function tutorialAccepted(version: KubernetesVersion): string {
  if (!(ORACLE_VERSIONS as readonly string[]).includes(version)) return '— (no oracle at this minor)';
  const out = fs.mkdtempSync(path.join(os.tmpdir(), `tutorial-${version}-`));
  try {
    synthAtomically(out, app => {
      app.node.setContext(KUBERNETES_VERSION_CONTEXT, version);
      buildTutorial(app);
    });
    const results = judgeFiles([out], { version: version as OracleVersion });
    // the Gateway API's objects are custom resources: the oracle does not judge them (the control
    // plane does, with the CRDs installed: test/controlplane/), as in test/integration/kubernetes-versions.test.ts
    const custom = results.filter(r => r.unsupported === true && r.apiVersion.startsWith('gateway.networking.k8s.io/'));
    const refused = results.filter(r => r.accepted !== true && !custom.includes(r)).map(r => `${r.kind}/${r.name}`);
    const judged = `${results.length - custom.length} objects; ${custom.length} Gateway API custom resources left to the control plane`;
    return refused.length === 0 ? `yes (${judged})` : `no: ${refused.join(', ')}`;
  } catch (e) {
    throw new Error(`the versions table: the tutorial at ${version} could not be judged by its oracle (build the oracles first: test/tools/install.sh oracle): ${String((e as Error).message).split('\n')[0]}`);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

function notes(version: KubernetesVersion): string {
  const since = Object.entries(FIELD_SINCE).filter(([, v]) => v === version).map(([f]) => FEATURES[f as keyof typeof FIELD_SINCE]);
  const parts = since.length > 0 ? [`from here: ${since.join('; ')}`] : [];
  if (version === NATIVE_SIDECAR_DEFAULT_FROM) parts.push('the log sidecar is a native sidecar by default');
  if (version === DEFAULT_KUBERNETES_VERSION) parts.push('**the default target**');
  if (version === '1.28') parts.push('end of life upstream (October 2024)');
  return parts.join('; ') || '—';
}

/**
 * The table, one row per minor the library knows. `accepted` gives the oracle's column (by
 * default, the oracle's verdict now); the unit test, which runs without Go, checks the other
 * columns with the verdicts the README holds, and test/integration/kubernetes-versions.test.ts
 * the verdicts themselves.
 */
export function versionsTable(accepted: (version: KubernetesVersion) => string = tutorialAccepted): string {
  const rows = KUBERNETES_VERSIONS.map(v => {
    const rules = RULE_LIST.filter(r => appliesTo(r.versions, v)).length;
    return `| ${v} | ${accepted(v)} | ${rules} | ${notes(v)} |`;
  });
  return ['| Kubernetes | tutorial accepted by the oracle | rules | notes |', '|---|---|---|---|', ...rows].join('\n');
}
