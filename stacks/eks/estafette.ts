import { Construct } from 'constructs';
import { z } from 'zod';
import { estafetteApp } from '../../lib/apps/estafette/app';
import { EstafetteAppConfig } from '../../lib/apps/estafette/config';
import { estafetteConfigSchema } from '../apps/estafette';
import { eksConfigSchema } from './config';
import { EksInfraStack } from './infra-stack';
import { EksPlatformStack } from './platform-stack';
import { eksDeployment } from '.';

/** The zod schema of an `estafette-eks` config (docs/estafette.md and docs/eks.md): the EKS fields and `estafette`. */
export const estafetteEksConfigSchema = eksConfigSchema('estafette-eks', 'estafette', estafetteConfigSchema);

/** Config of the `estafette-eks` stack pair. */
export type EstafetteEksConfig = z.infer<typeof estafetteEksConfigSchema>;

/** The stack pair `<name>-eks-infra` and `<name>-eks-platform` for an `estafette-eks` config. */
export function estafetteEks(scope: Construct, config: EstafetteEksConfig): { infra: EksInfraStack<EstafetteAppConfig>; platform: EksPlatformStack<EstafetteAppConfig> } {
  return eksDeployment(scope, config, estafetteApp);
}
