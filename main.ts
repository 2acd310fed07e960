// First: as the entry point, the process settings, before anything loads cdktf (stacks/entry-point.ts).
import './stacks/entry-point';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { ValidationError } from './lib/core/validation';
import { reportThroughManifest, underCdktfCli } from './stacks/cli-report';
import { SynthChecksError, isUserError } from './stacks/config-errors';
import { configErrorFor, configSourceOf, loadConfigFile, resolveConfigPaths } from './stacks/config-file';
import { DeploymentConfig, buildDeployment } from './stacks/deployments';
import { installInPlace } from './stacks/synth-output';

export interface MainOptions {
  /** Where the synthesized stacks go. @default $CDKTF_OUTDIR (set by the cdktf CLI), else "cdktf.out" */
  readonly outdir?: string;
  /** Config file. @default $PLATFORM_CONFIG, else ./platform.config.yaml, else every embedded example */
  readonly configPath?: string;
}

/**
 * The app `cdktf synth|deploy` runs. It reads the config (with none, every embedded example: one stack pair per
 * cloud), builds each deployment's stack pair and synthesizes them into a staging folder: every check runs there, so
 * a bad config writes nothing. Only then do the files move into the output folder, in place: the stack folders
 * stay, with what Terraform keeps in them (`.terraform`, `.terraform.lock.hcl`), so the manual path and re-deploys
 * work after another synth without `terraform init`. Stack folders of a previous config are left to the cdktf CLI,
 * which removes every folder its manifest no longer lists (deleting them here makes its clean-up fail).
 */
export function main(options: MainOptions = {}): void {
  const configs = (options.configPath !== undefined ? [options.configPath] : resolveConfigPaths()).map(loadConfigFile);
  const outdir = path.resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  const staging = `${outdir}.staging-${process.pid}`;
  fs.mkdirSync(path.dirname(outdir), { recursive: true });
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    synthesize(configs, staging);
    installInPlace(staging, outdir);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Builds and synthesizes every config into `outdir`; an error is restated for the config file it came from. */
function synthesize(configs: readonly DeploymentConfig[], outdir: string): void {
  // Stack traces in construct metadata cost time and show up in no output of ours.
  const app = new App({ outdir, stackTraces: false });
  const byStack = new Map<string, DeploymentConfig>();
  for (const config of configs) {
    try {
      const { infra, platform } = buildDeployment(app, config);
      byStack.set(infra.node.id, config).set(platform.node.id, config);
    } catch (err) {
      throw configErrorFor(err, config);
    }
  }
  try {
    app.synth();
  } catch (err) {
    if (err instanceof ValidationError) {
      const config = byStack.get(err.path.split('/')[0]!);
      throw config !== undefined ? configErrorFor(err, config) : err;
    }
    if (err instanceof Error && err.message.startsWith('Validation failed with the following errors')) {
      // The policy pack's findings, each with its resource, rule, fix and how to accept the risk. cdktf's closing advice
      // (skipValidation in the App's code) is not for people with a config file: they accept a risk in the config.
      const files = [...new Set(configs.map((c) => configSourceOf(c)?.display).filter((d) => d !== undefined))];
      const findings = err.message.replace(/\n+If you wish to ignore these validations.*$/s, '').trimEnd();
      throw new SynthChecksError(`${files.join(', ')}${files.length > 0 ? ': ' : ''}${findings}`);
    }
    throw err;
  }
}

/**
 * Runs the app as `cdktf synth` does. A mistake in the config (or a policy finding) is printed once, without a stack
 * trace: under the cdktf CLI through its manifest (the CLI prints error annotations itself and fails the command;
 * anything on stderr it would print twice), otherwise on stderr with exit code 1.
 */
export function run(options: MainOptions = {}): void {
  try {
    main(options);
  } catch (err) {
    if (!isUserError(err)) throw err;
    if (underCdktfCli()) {
      reportThroughManifest(path.resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out'), err);
      return;
    }
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) run();
