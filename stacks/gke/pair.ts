import { enforcePolicies } from '../../lib/policy/aspect';
import { installCommandsCover, publishInstallCommands } from '../app-outputs';
import { GkeCloudConfig } from './config';
import { GkeInfraStack } from './infra-stack';
import { GkePlatformStack } from './platform-stack';

/** Wires a built pair: dependency, the install_commands output, the policy pack. */
export function completeGkePair<I extends GkeInfraStack<unknown>, P extends GkePlatformStack<unknown>>(config: GkeCloudConfig, infra: I, platform: P): { infra: I; platform: P } {
  platform.addDependency(infra);
  // The manual path: the infra stack's install_commands output, built from what the platform stack installs (for
  // apps whose platform pieces the script covers).
  if (installCommandsCover(infra)) publishInstallCommands(infra, platform);
  // Both stacks are held to the policy pack (docs/security.md); accepted risks are listed in the config with reasons.
  enforcePolicies([infra, platform], { suppressions: config.policy?.suppressions, field: 'policy.suppressions' });
  return { infra, platform };
}
