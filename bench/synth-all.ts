/**
 * Synthesizes every shipped example in one process: each embedded example config's stack pair and the
 * "constructs in your own stack" example. The benchmark runs this file; with `--root-imports` it first loads the
 * provider packages from their package roots, the way an app written with `import * as azurerm from
 * '@cdktf/provider-azurerm'` would, to show what deep imports save.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { OwnStack } from '../examples/own-stack/main';
import { loadConfigFile } from '../stacks/config-file';
import { buildDeployment, exampleConfigFiles } from '../stacks/deployments';

if (process.argv.includes('--root-imports')) {
  // Built at run time on purpose: this is the anti-pattern being measured, not something the library does.
  for (const provider of ['azurerm', 'google', 'aws', 'kubernetes', 'helm', 'random', 'tls']) require(`@cdktf/provider-${provider}`);
}

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
const app = new App({ outdir });
for (const file of exampleConfigFiles()) buildDeployment(app, loadConfigFile(file));
new OwnStack(app, 'own-stack');
app.synth();
const stacks = fs.readdirSync(path.join(outdir, 'stacks'));
fs.rmSync(outdir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ stacks, maxRssKb: process.resourceUsage().maxRSS }));
