import * as path from 'path';
import { packageRoot } from '../../../lib/core/package-root';
import { loadConfigFile } from '../../../stacks/config-file';
import { DEPLOYMENT_KINDS } from '../../../stacks/deployments';
import { SpaceliftEksConfig, spaceliftEks } from '../../../stacks/eks';
import { Synthesized, synthApp, testApp } from '../../support/synth';

/** Not a test file: the embedded EKS example and helpers shared by the EKS stack, contract and render tests. */

export const EKS_EXAMPLE_FILE = path.join(packageRoot(), DEPLOYMENT_KINDS['spacelift-eks'].example);

/** The embedded EKS example config, parsed (a fresh object each call). */
export function eksExample(): SpaceliftEksConfig {
  return loadConfigFile(EKS_EXAMPLE_FILE) as SpaceliftEksConfig;
}

/** The example with changes. */
export function eksConfigWith(patch: (c: SpaceliftEksConfig) => void): SpaceliftEksConfig {
  const c = eksExample();
  patch(c);
  return c;
}

/** Synthesizes the pair for a config. */
export function eksPair(config: SpaceliftEksConfig = eksExample()) {
  const app = testApp();
  const stacks = spaceliftEks(app, config);
  const json = synthApp(app);
  return { app, ...stacks, infraJson: json[stacks.infra.node.id]! as Synthesized, platformJson: json[stacks.platform.node.id]! as Synthesized };
}
