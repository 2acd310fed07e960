import { Construct } from 'constructs';
import { z } from 'zod';
import { estafetteApp } from '../../lib/apps/estafette/app';
import { EstafetteAppConfig } from '../../lib/apps/estafette/config';
import { estafetteConfigSchema } from '../apps/estafette';
import { aksConfigSchema } from './config';
import { AksInfraStack } from './infra-stack';
import { AksPlatformStack } from './platform-stack';
import { aksDeployment } from '.';

/** The zod schema of an `estafette-aks` config (docs/estafette.md and docs/aks.md): the AKS fields and `estafette`. */
export const estafetteAksConfigSchema = aksConfigSchema('estafette-aks', 'estafette', estafetteConfigSchema);

/** Config of the `estafette-aks` stack pair. */
export type EstafetteAksConfig = z.infer<typeof estafetteAksConfigSchema>;

/** The stack pair `<name>-aks-infra` and `<name>-aks-platform` for an `estafette-aks` config. */
export function estafetteAks(scope: Construct, config: EstafetteAksConfig): { infra: AksInfraStack<EstafetteAppConfig>; platform: AksPlatformStack<EstafetteAppConfig> } {
  return aksDeployment(scope, config, estafetteApp);
}
