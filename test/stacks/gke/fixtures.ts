import * as path from 'path';
import { packageRoot } from '../../../lib/core/package-root';
import { SpaceliftGkeConfig } from '../../../stacks/gke/spacelift-config';
import { loadConfigFile } from '../../../stacks/config-file';
import { DEPLOYMENT_KINDS } from '../../../stacks/deployments';

/**
 * The embedded GKE example and variants of it, for the GKE stack, contract, render and docs tests. Not a test file:
 * jest only picks up `*.test.ts`.
 */

/** Path of the embedded GKE example config. */
export const GKE_EXAMPLE_CONFIG_FILE = path.join(packageRoot(), DEPLOYMENT_KINDS['spacelift-gke'].example);

/** The embedded GKE example config, parsed (a fresh object each call). */
export function gkeExampleConfig(): SpaceliftGkeConfig {
  return loadConfigFile(GKE_EXAMPLE_CONFIG_FILE) as SpaceliftGkeConfig;
}

/** The GKE example with parts replaced. */
export function gkeConfigWith(patch: (c: SpaceliftGkeConfig) => void): SpaceliftGkeConfig {
  const c = gkeExampleConfig();
  patch(c);
  return c;
}
