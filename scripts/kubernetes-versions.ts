/**
 * Writes the table of docs/kubernetes-versions.md (between its `versions-table` markers): for each
 * Kubernetes minor the library knows, whether the tutorial synthesized for it is accepted by the
 * upstream oracle of that minor (where one is built: .tools/bin/k8s-oracle*, test/tools/install.sh
 * oracle), how many rules the engine runs at it, and what the library writes differently there.
 *
 * Usage: npm run versions-table
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildTutorial } from '../app/tutorial';
import { KUBERNETES_VERSION_CONTEXT, synthAtomically } from '../src';
import { RULE_LIST } from '../src/core/rules';
import { appliesTo, DEFAULT_KUBERNETES_VERSION, FIELD_SINCE, KUBERNETES_VERSIONS, KubernetesVersion, NATIVE_SIDECAR_DEFAULT_FROM } from '../src/core/versions';
import { judgeFiles, ORACLE_VERSIONS, OracleVersion } from '../test/oracle';

const DOC = path.join(__dirname, '..', 'docs', 'kubernetes-versions.md');
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
  if (!(ORACLE_VERSIONS as readonly string[]).includes(version)) return '— (no oracle built at this minor)';
  const out = fs.mkdtempSync(path.join(os.tmpdir(), `tutorial-${version}-`));
  try {
    synthAtomically(out, app => {
      app.node.setContext(KUBERNETES_VERSION_CONTEXT, version);
      buildTutorial(app);
    });
    const results = judgeFiles([out], { version: version as OracleVersion });
    const refused = results.filter(r => r.accepted !== true).map(r => `${r.kind}/${r.name}`);
    return refused.length === 0 ? `yes (${results.length} objects)` : `no: ${refused.join(', ')}`;
  } catch (e) {
    return `not checked (${String((e as Error).message).split('\n')[0]})`;
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

const rows = KUBERNETES_VERSIONS.map(v => {
  const rules = RULE_LIST.filter(r => appliesTo(r.versions, v)).length;
  return `| ${v} | ${tutorialAccepted(v)} | ${rules} | ${notes(v)} |`;
});
const table = ['| Kubernetes | tutorial accepted by the oracle | rules | notes |', '|---|---|---|---|', ...rows].join('\n');
const text = fs.readFileSync(DOC, 'utf8');
const begin = '<!-- versions-table -->';
const end = '<!-- /versions-table -->';
const i = text.indexOf(begin);
const j = text.indexOf(end);
if (i < 0 || j < i) throw new Error(`${DOC}: no ${begin} … ${end} markers`);
fs.writeFileSync(DOC, `${text.slice(0, i + begin.length)}\n${table}\n${text.slice(j)}`);
process.stdout.write(`${path.relative(process.cwd(), DOC)}: ${rows.length} minors\n`);
