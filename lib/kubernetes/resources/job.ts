import type { JobV1Config } from '@cdktf/provider-kubernetes/lib/job-v1';
import { Construct } from 'constructs';
import { KubernetesObjectResource } from './object-resource';

/**
 * A Job (batch/v1) as the `kubernetes_job_v1` resource, configured as the provider's prebuilt binding is (same config type) without
 * loading that binding ({@link KubernetesObjectResource} says why).
 */
export class KubernetesJob extends KubernetesObjectResource<JobV1Config> {
  public constructor(scope: Construct, id: string, config: JobV1Config) {
    super(scope, id, 'kubernetes_job_v1', config);
  }
}
