/**
 * The stack pair `<name>-gke-infra` and `<name>-gke-platform` for any app profile ({@link gkeDeployment}), and for a
 * `spacelift-gke` config (docs/gke.md): {@link spaceliftGke}. Needs `@cdktf/provider-google` and `zod` (optional peer
 * dependencies); the stacks declare their providers themselves.
 *
 * @packageDocumentation
 */
import '../../lib/gcp/provider-package';
import '../zod-package';
import { Construct } from 'constructs';
import { AppProfile } from '../../lib/apps/profile';
import { GkeCloudConfig } from './config';
import { GkeInfraStack } from './infra-stack';
import { completeGkePair } from './pair';
import { GkePlatformStack } from './platform-stack';

export * from './config';
export * from './infra-stack';
export * from './pair';
export * from './platform-stack';
export * from './spacelift';
export * from './spacelift-config';

/** The stack pair `<name>-gke-infra` and `<name>-gke-platform` of `app` for one config. */
export function gkeDeployment<C>(scope: Construct, config: GkeCloudConfig, app: AppProfile<C>): { infra: GkeInfraStack<C>; platform: GkePlatformStack<C> } {
  const name = config.name ?? app.defaults.deploymentName;
  const infra = new GkeInfraStack(scope, `${name}-gke-infra`, config, app);
  return completeGkePair(config, infra, new GkePlatformStack(scope, `${name}-gke-platform`, config, infra));
}
export * from './taskcluster';
export * from './estafette';
