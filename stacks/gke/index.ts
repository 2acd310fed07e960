/**
 * The stack pair `<name>-gke-infra` and `<name>-gke-platform` for a `spacelift-gke` config (docs/gke.md):
 * {@link spaceliftGke}. Needs `@cdktf/provider-google` and `zod` (optional peer dependencies); the stacks declare their
 * providers themselves.
 *
 * @packageDocumentation
 */
import '../../lib/gcp/provider-package';
import '../zod-package';
import { Construct } from 'constructs';
import { enforcePolicies } from '../../lib/policy/aspect';
import { publishInstallCommands } from '../app-outputs';
import { SpaceliftGkeConfig } from './config';
import { SpaceliftGkeInfraStack } from './infra-stack';
import { SpaceliftGkePlatformStack } from './platform-stack';

export * from './config';
export * from './infra-stack';
export * from './platform-stack';

/** The stack pair `<name>-gke-infra` and `<name>-gke-platform` for one config. */
export function spaceliftGke(scope: Construct, config: SpaceliftGkeConfig): { infra: SpaceliftGkeInfraStack; platform: SpaceliftGkePlatformStack } {
  const name = config.name ?? 'spacelift';
  const infra = new SpaceliftGkeInfraStack(scope, `${name}-gke-infra`, config);
  const platform = new SpaceliftGkePlatformStack(scope, `${name}-gke-platform`, config, infra);
  platform.addDependency(infra);
  // The manual path: the infra stack's install_commands output, built from what the platform stack installs.
  publishInstallCommands(infra, platform);
  // Both stacks are held to the policy pack (docs/security.md); accepted risks are listed in the config with reasons.
  enforcePolicies([infra, platform], { suppressions: config.policy?.suppressions, field: 'policy.suppressions' });
  return { infra, platform };
}
