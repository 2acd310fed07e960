import { Construct } from 'constructs';
import { z } from 'zod';
import { SpaceliftAppConfig, spaceliftApp } from '../../lib/apps/spacelift/app';
import { spaceliftConfigSchema } from '../apps/spacelift';
import { aksConfigSchema } from './config';
import { AksInfraStack } from './infra-stack';
import { AksPlatformStack } from './platform-stack';
import { completeAksPair } from './pair';

/** The zod schema of a `spacelift-aks` config (docs/aks.md, config reference): the AKS fields and `spacelift`. */
export const spaceliftAksConfigSchema = aksConfigSchema('spacelift-aks', 'spacelift', spaceliftConfigSchema);

/** Config of the `spacelift-aks` stack pair (see docs/aks.md for every field). */
export type SpaceliftAksConfig = z.infer<typeof spaceliftAksConfigSchema>;

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
