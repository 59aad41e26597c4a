// The template's main.ts, building the same app as src/main.ts.
import { App } from 'cdk8s';
import { buildTutorial } from '../../src/tutorial';

const app = new App();
buildTutorial(app);
app.synth();
