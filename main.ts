import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { spaceliftAks } from './stacks/aks';
import { loadConfigFile, resolveConfigPath } from './stacks/config-file';

export interface MainOptions {
  /** Where the synthesized stacks go. @default $CDKTF_OUTDIR (set by the cdktf CLI), else "cdktf.out" */
  readonly outdir?: string;
  /** Config file. @default $PLATFORM_CONFIG, else ./platform.config.yaml, else the embedded example */
  readonly configPath?: string;
}

/**
 * The app `cdktf synth|deploy` runs. It reads the config, builds the deployment's stack pair and synthesizes it
 * into a staging folder next to the output folder, which replaces the output folder only when everything
 * succeeded: a bad config (every check runs at synth) leaves no partial output behind.
 */
export function main(options: MainOptions = {}): void {
  const config = loadConfigFile(options.configPath ?? resolveConfigPath());
  const outdir = path.resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  const staging = `${outdir}.staging-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    const app = new App({ outdir: staging });
    spaceliftAks(app, config);
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
    if (err instanceof Error && err.name === 'ValidationError') {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
