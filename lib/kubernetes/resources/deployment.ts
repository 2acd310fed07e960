import type { DeploymentV1Config } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { Construct } from 'constructs';
import { KubernetesObjectResource } from './object-resource';

/**
 * A Deployment (apps/v1) as the `kubernetes_deployment_v1` resource, configured as the provider's prebuilt binding is (same config type) without
 * loading that binding ({@link KubernetesObjectResource} says why).
 */
export class KubernetesDeployment extends KubernetesObjectResource<DeploymentV1Config> {
  public constructor(scope: Construct, id: string, config: DeploymentV1Config) {
    super(scope, id, 'kubernetes_deployment_v1', config);
  }
}
