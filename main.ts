// First: as the entry point, the process settings, before anything loads cdktf (stacks/entry-point.ts).
import './stacks/entry-point';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { loadConfigFile, resolveConfigPaths } from './stacks/config-file';
import { buildDeployment } from './stacks/deployments';

export interface MainOptions {
  /** Where the synthesized stacks go. @default $CDKTF_OUTDIR (set by the cdktf CLI), else "cdktf.out" */
  readonly outdir?: string;
  /** Config file. @default $PLATFORM_CONFIG, else ./platform.config.yaml, else every embedded example */
  readonly configPath?: string;
}

/**
 * The app `cdktf synth|deploy` runs. It reads the config (with none, every embedded example: one stack pair per
 * cloud), builds each deployment's stack pair and synthesizes them
 * into a staging folder next to the output folder, which replaces the output folder only when everything
 * succeeded: a bad config (every check runs at synth) leaves no partial output behind.
 */
export function main(options: MainOptions = {}): void {
  const configs = (options.configPath !== undefined ? [options.configPath] : resolveConfigPaths()).map(loadConfigFile);
  const outdir = path.resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  const staging = `${outdir}.staging-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    const app = new App({ outdir: staging });
    for (const config of configs) buildDeployment(app, config);
    app.synth();
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.renameSync(staging, outdir);
}

if (require.main === module) {
  try {
    main();
  } catch (err) {
    // A bad value (ValidationError) or a policy finding (cdktf's construct validation, listing every finding with
    // its resource, rule and fix) is the user's to fix: print the message, not a stack trace.
    if (err instanceof Error && (err.name === 'ValidationError' || err.message.startsWith('Validation failed with the following errors'))) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
