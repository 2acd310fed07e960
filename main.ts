import { App } from 'cdktf';
import { spaceliftAks } from './stacks/aks';
import { loadConfigFile, resolveConfigPath } from './stacks/config-file';

/**
 * The app `cdktf synth|deploy` runs. It reads $PLATFORM_CONFIG, else ./platform.config.yaml, else the embedded
 * example (examples/spacelift-aks/config.yaml), and synthesizes that deployment's stack pair. Every check runs before
 * anything is written, so a bad config leaves no output behind.
 */
export function main(options: { outdir?: string; configPath?: string } = {}): App {
  const config = loadConfigFile(options.configPath ?? resolveConfigPath());
  const app = new App({ outdir: options.outdir });
  spaceliftAks(app, config);
  app.synth();
  return app;
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
