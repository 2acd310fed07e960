/**
 * The stack pair `<name>-aks-infra` and `<name>-aks-platform` for a `spacelift-aks` config (docs/aks.md):
 * {@link spaceliftAks}. Needs `@cdktf/provider-azurerm` and `zod` (optional peer dependencies); the stacks declare their
 * providers themselves.
 *
 * @packageDocumentation
 */
import '../../lib/azure/provider-package';
import '../zod-package';
import { Construct } from 'constructs';
import { enforcePolicies } from '../../lib/policy/aspect';
import { publishInstallCommands } from '../app-outputs';
import { SpaceliftAksConfig } from './config';
import { SpaceliftAksInfraStack } from './infra-stack';
import { SpaceliftAksPlatformStack } from './platform-stack';

export * from './config';
export * from './infra-stack';
export * from './platform-stack';

/** The stack pair `<name>-aks-infra` and `<name>-aks-platform` for one config. */
export function spaceliftAks(scope: Construct, config: SpaceliftAksConfig): { infra: SpaceliftAksInfraStack; platform: SpaceliftAksPlatformStack } {
  const name = config.name ?? 'spacelift';
  const infra = new SpaceliftAksInfraStack(scope, `${name}-aks-infra`, config);
  const platform = new SpaceliftAksPlatformStack(scope, `${name}-aks-platform`, config, infra);
  platform.addDependency(infra);
  // The manual path: the infra stack's install_commands output, built from what the platform stack installs.
  publishInstallCommands(infra, platform);
  // Both stacks are held to the policy pack (docs/security.md); accepted risks are listed in the config with reasons.
  enforcePolicies([infra, platform], { suppressions: config.policy?.suppressions, field: 'policy.suppressions' });
  return { infra, platform };
}
