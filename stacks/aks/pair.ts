import { enforcePolicies } from '../../lib/policy/aspect';
import { installCommandsCover, publishInstallCommands } from '../app-outputs';
import { AksCloudConfig } from './config';
import { AksInfraStack } from './infra-stack';
import { AksPlatformStack } from './platform-stack';

/** Wires a built pair: dependency, the install_commands output, the policy pack. */
export function completeAksPair<I extends AksInfraStack<unknown>, P extends AksPlatformStack<unknown>>(config: AksCloudConfig, infra: I, platform: P): { infra: I; platform: P } {
  platform.addDependency(infra);
  // The manual path: the infra stack's install_commands output, built from what the platform stack installs (for
  // apps whose platform pieces the script covers).
  if (installCommandsCover(infra)) publishInstallCommands(infra, platform);
  // Both stacks are held to the policy pack (docs/security.md); accepted risks are listed in the config with reasons.
  enforcePolicies([infra, platform], { suppressions: config.policy?.suppressions, field: 'policy.suppressions' });
  return { infra, platform };
}

