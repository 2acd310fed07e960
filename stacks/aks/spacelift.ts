import { Construct } from 'constructs';
import { SpaceliftAppConfig, spaceliftApp } from '../../lib/apps/spacelift/app';
import { AksInfraStack } from './infra-stack';
import { SpaceliftAksConfig } from './spacelift-config';
import { AksPlatformStack } from './platform-stack';
import { completeAksPair } from './pair';

/** `<name>-aks-infra` of Spacelift: {@link AksInfraStack} with {@link spaceliftApp}. */
export class SpaceliftAksInfraStack extends AksInfraStack<SpaceliftAppConfig> {
  public constructor(scope: Construct, id: string, config: SpaceliftAksConfig) {
    super(scope, id, config, spaceliftApp);
  }
}

/** `<name>-aks-platform` of Spacelift: {@link AksPlatformStack}. */
export class SpaceliftAksPlatformStack extends AksPlatformStack<SpaceliftAppConfig> {
  public constructor(scope: Construct, id: string, config: SpaceliftAksConfig, infra: SpaceliftAksInfraStack) {
    super(scope, id, config, infra);
  }
}

/** The stack pair `<name>-aks-infra` and `<name>-aks-platform` for one `spacelift-aks` config. */
export function spaceliftAks(scope: Construct, config: SpaceliftAksConfig): { infra: SpaceliftAksInfraStack; platform: SpaceliftAksPlatformStack } {
  const name = config.name ?? 'spacelift';
  const infra = new SpaceliftAksInfraStack(scope, `${name}-aks-infra`, config);
  return completeAksPair(config, infra, new SpaceliftAksPlatformStack(scope, `${name}-aks-platform`, config, infra));
}
