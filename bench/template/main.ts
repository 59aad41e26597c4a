// The template's main.ts, building the same app as app/main.ts (manifests and diagrams).
import { App } from 'cdk8s';
import { writeTopologyFiles } from '../../src/topology';
import { buildTutorial } from '../../app/tutorial';

const app = new App();
buildTutorial(app);
app.synth();
writeTopologyFiles(app);
