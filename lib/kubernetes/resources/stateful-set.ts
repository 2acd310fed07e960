import type { StatefulSetV1Config } from '@cdktf/provider-kubernetes/lib/stateful-set-v1';
import { Construct } from 'constructs';
import { KubernetesObjectResource } from './object-resource';

/**
 * A StatefulSet (apps/v1) as the `kubernetes_stateful_set_v1` resource, configured as the provider's prebuilt binding is (same config type) without
 * loading that binding ({@link KubernetesObjectResource} says why).
 */
export class KubernetesStatefulSet extends KubernetesObjectResource<StatefulSetV1Config> {
  public constructor(scope: Construct, id: string, config: StatefulSetV1Config) {
    super(scope, id, 'kubernetes_stateful_set_v1', config);
  }
}
