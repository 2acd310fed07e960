/**
 * The stack pair `<name>-eks-infra` and `<name>-eks-platform` for a `spacelift-eks` config (docs/eks.md):
 * {@link spaceliftEks}. Needs `@cdktf/provider-aws`, `@cdktf/provider-http` and `zod` (optional peer dependencies); the
 * stacks declare their providers themselves.
 *
 * @packageDocumentation
 */
import '../../lib/aws/provider-package';
import '../zod-package';
import { Construct } from 'constructs';
import { enforcePolicies } from '../../lib/policy/aspect';
import { publishInstallCommands } from '../app-outputs';
import { SpaceliftEksConfig } from './config';
import { SpaceliftEksInfraStack } from './infra-stack';
import { SpaceliftEksPlatformStack } from './platform-stack';

export * from './config';
export * from './infra-stack';
export * from './platform-stack';
export * from './spacelift-access';

/** The stack pair `<name>-eks-infra` and `<name>-eks-platform` for one config. */
export function spaceliftEks(scope: Construct, config: SpaceliftEksConfig): { infra: SpaceliftEksInfraStack; platform: SpaceliftEksPlatformStack } {
  const name = config.name ?? 'spacelift';
  const infra = new SpaceliftEksInfraStack(scope, `${name}-eks-infra`, config);
  const platform = new SpaceliftEksPlatformStack(scope, `${name}-eks-platform`, config, infra);
  platform.addDependency(infra);
  // The manual path: the infra stack's install_commands output, built from what the platform stack installs.
  publishInstallCommands(infra, platform);
  // Both stacks are held to the policy pack; accepted risks are listed in the config with reasons.
  enforcePolicies([infra, platform], { suppressions: config.policy?.suppressions, field: 'policy.suppressions' });
  return { infra, platform };
}
