/**
 * The stack pair `<name>-aks-infra` and `<name>-aks-platform` for any app profile ({@link aksDeployment}), and for a
 * `spacelift-aks` config (docs/aks.md): {@link spaceliftAks}. Needs `@cdktf/provider-azurerm` and `zod` (optional
 * peer dependencies); the stacks declare their providers themselves.
 *
 * @packageDocumentation
 */
import '../../lib/azure/provider-package';
import '../zod-package';
import { Construct } from 'constructs';
import { AppProfile } from '../../lib/apps/profile';
import { AksCloudConfig } from './config';
import { AksInfraStack } from './infra-stack';
import { AksPlatformStack } from './platform-stack';
import { completeAksPair } from './pair';

export * from './config';
export * from './infra-stack';
export * from './pair';
export * from './platform-stack';
export * from './s3-gateway';
export * from './spacelift';
export * from './spacelift-config';

/** The stack pair `<name>-aks-infra` and `<name>-aks-platform` of `app` for one config. */
export function aksDeployment<C>(scope: Construct, config: AksCloudConfig, app: AppProfile<C>): { infra: AksInfraStack<C>; platform: AksPlatformStack<C> } {
  const name = config.name ?? app.defaults.deploymentName;
  const infra = new AksInfraStack(scope, `${name}-aks-infra`, config, app);
  return completeAksPair(config, infra, new AksPlatformStack(scope, `${name}-aks-platform`, config, infra));
}
export * from './taskcluster';
export * from './estafette';
