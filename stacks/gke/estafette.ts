import { Construct } from 'constructs';
import { z } from 'zod';
import { estafetteApp } from '../../lib/apps/estafette/app';
import { EstafetteAppConfig } from '../../lib/apps/estafette/config';
import { estafetteConfigSchema } from '../apps/estafette';
import { gkeConfigSchema } from './config';
import { GkeInfraStack } from './infra-stack';
import { GkePlatformStack } from './platform-stack';
import { gkeDeployment } from '.';

/** The zod schema of an `estafette-gke` config (docs/estafette.md and docs/gke.md): the GKE fields and `estafette`. */
export const estafetteGkeConfigSchema = gkeConfigSchema('estafette-gke', 'estafette', estafetteConfigSchema);

/** Config of the `estafette-gke` stack pair. */
export type EstafetteGkeConfig = z.infer<typeof estafetteGkeConfigSchema>;

/** The stack pair `<name>-gke-infra` and `<name>-gke-platform` for an `estafette-gke` config. */
export function estafetteGke(scope: Construct, config: EstafetteGkeConfig): { infra: GkeInfraStack<EstafetteAppConfig>; platform: GkePlatformStack<EstafetteAppConfig> } {
  return gkeDeployment(scope, config, estafetteApp);
}
