import { Construct } from 'constructs';
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
  return { infra, platform };
}
