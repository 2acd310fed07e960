/**
 * The stack pair `<name>-eks-infra` and `<name>-eks-platform` for any app profile ({@link eksDeployment}), and for a
 * `spacelift-eks` config (docs/eks.md): {@link spaceliftEks}. Needs `@cdktf/provider-aws`, `@cdktf/provider-http` and
 * `zod` (optional peer dependencies); the stacks declare their providers themselves.
 *
 * @packageDocumentation
 */
import '../../lib/aws/provider-package';
import '../zod-package';
import { Construct } from 'constructs';
import { AppProfile } from '../../lib/apps/profile';
import { EksCloudConfig } from './config';
import { EksInfraStack } from './infra-stack';
import { completeEksPair } from './pair';
import { EksPlatformStack } from './platform-stack';

export * from './access';
export * from './config';
export * from './infra-stack';
export * from './pair';
export * from './platform-stack';
export * from './spacelift';
export * from './spacelift-config';
export * from './spacelift-access';

/** The stack pair `<name>-eks-infra` and `<name>-eks-platform` of `app` for one config. */
export function eksDeployment<C>(scope: Construct, config: EksCloudConfig, app: AppProfile<C>): { infra: EksInfraStack<C>; platform: EksPlatformStack<C> } {
  const name = config.name ?? app.defaults.deploymentName;
  const infra = new EksInfraStack(scope, `${name}-eks-infra`, config, app);
  return completeEksPair(config, infra, new EksPlatformStack(scope, `${name}-eks-platform`, config, infra));
}
export * from './taskcluster';
export * from './estafette';
