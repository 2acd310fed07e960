/**
 * Synthesizes every shipped example in one process: each embedded example config's stack pair and the
 * "constructs in your own stack" example, with the process settings the app's entry point (main.ts) makes. The
 * benchmark runs this file. Options:
 * - `--root-imports`: first load the provider packages from their package roots, the way an app written with
 *   `import * as azurerm from
 *   '@cdktf/provider-azurerm'` would, to show what deep imports save (the import checker reads one line at a time);
 * - `--no-process-settings`: leave out the entry point's process settings, to show what they save;
 * - `--out <dir>`: keep the synthesized output in `<dir>` (replaced), e.g. to diff two versions byte for byte;
 * - `--kinds <kind,...>`: only these example stack pairs (e.g. `spacelift-aks`; `--kinds ''` for none), to measure
 *   what one pair costs;
 * - `--copies <n>`: each example pair n times (copy i > 1 named `<name>i`), to measure what one more pair of a cloud
 *   already loaded costs;
 * - `--no-own-stack`: leave out the "constructs in your own stack" example.
 * Prints `{ stacks, maxRssKb, cpuMs }` as JSON.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { configureSynthProcess } from '../stacks/process-settings';

const args = process.argv.slice(2);
// The settings first, as the app's entry point makes them: one of them has to come before anything loads cdktf, so
// the rest is required only after it.
if (!args.includes('--no-process-settings')) configureSynthProcess();
if (args.includes('--root-imports')) {
  // Built at run time on purpose: this is the anti-pattern being measured, not something the library does.
  for (const provider of ['azurerm', 'google', 'aws', 'kubernetes', 'helm', 'random', 'tls']) require(`@cdktf/provider-${provider}`);
}
const { App } = require('cdktf') as typeof import('cdktf');
const { OwnStack } = require('../examples/own-stack/main') as typeof import('../examples/own-stack/main');
const { loadConfigFile } = require('../stacks/config-file') as typeof import('../stacks/config-file');
const { DEPLOYMENT_KIND_NAMES, DEPLOYMENT_KINDS, buildDeployment } = require('../stacks/deployments') as typeof import('../stacks/deployments');
const { packageRoot } = require('../lib/core/package-root') as typeof import('../lib/core/package-root');

function option(name: string): string | undefined {
  return args.includes(name) ? (args[args.indexOf(name) + 1] ?? '') : undefined;
}
const kindsOption = option('--kinds');
const kinds = kindsOption === undefined ? DEPLOYMENT_KIND_NAMES : kindsOption.split(',').filter((k) => k !== '');
for (const k of kinds) if (!(k in DEPLOYMENT_KINDS)) throw new Error(`--kinds: no kind ${k}; one of ${DEPLOYMENT_KIND_NAMES.join(', ')}`);
const copies = Number(option('--copies') ?? '1');
if (!Number.isInteger(copies) || copies < 1) throw new Error('--copies: a whole number from 1');

const keepOption = option('--out');
const keep = keepOption !== undefined ? path.resolve(keepOption) : undefined;
if (keep !== undefined) fs.rmSync(keep, { recursive: true, force: true });
const outdir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
// As main.ts makes it.
const app = new App({ outdir, stackTraces: false });
for (const k of kinds) {
  const config = loadConfigFile(path.join(packageRoot(), DEPLOYMENT_KINDS[k as keyof typeof DEPLOYMENT_KINDS].example));
  for (let i = 1; i <= copies; i++) buildDeployment(app, i === 1 ? config : { ...config, name: `${config.name}${i}` });
}
if (!args.includes('--no-own-stack')) new OwnStack(app, 'own-stack');
app.synth();
const stacks = fs.readdirSync(path.join(outdir, 'stacks'));
if (keep === undefined) fs.rmSync(outdir, { recursive: true, force: true });
const usage = process.resourceUsage();
process.stdout.write(JSON.stringify({ stacks, maxRssKb: usage.maxRSS, cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000) }));
