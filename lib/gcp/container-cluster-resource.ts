import type { ContainerClusterConfig } from '@cdktf/provider-google/lib/container-cluster';
import type { DataGoogleContainerClusterConfig } from '@cdktf/provider-google/lib/data-google-container-cluster';
import { Construct } from 'constructs';
import { BindingShape, BindingShapedDataSource, BindingShapedResource } from '../core/binding-shaped-resource';

/**
 * How the Google provider's `google_container_cluster` binding names its arguments: its string maps, and the two names
 * that do not follow the camelCase rule. Checked against the binding's key table by the tests.
 */
export const GOOGLE_CONTAINER_CLUSTER_SHAPE: BindingShape = {
  stringMaps: new Set(['labels', 'metadata', 'resourceLabels', 'resourceManagerTags', 'sysctls']),
  names: { hugepageSize1G: 'hugepage_size_1g', hugepageSize2M: 'hugepage_size_2m' },
};

/**
 * The `google_container_cluster` resource, configured as the provider's prebuilt binding is (same config type) without
 * loading its 3.4 MB of JavaScript ({@link BindingShapedResource}), with the attributes the library reads.
 */
export class GoogleContainerCluster extends BindingShapedResource<ContainerClusterConfig> {
  public constructor(scope: Construct, id: string, config: ContainerClusterConfig) {
    super(scope, id, { provider: 'google', resource: 'google_container_cluster', shape: GOOGLE_CONTAINER_CLUSTER_SHAPE }, config);
  }

  /** `id`: `projects/<project>/locations/<location>/clusters/<name>`. */
  public get id(): string {
    return this.getStringAttribute('id');
  }

  /** `name`. */
  public get name(): string {
    return this.getStringAttribute('name');
  }

  /** `endpoint`: the control plane's public address. */
  public get endpoint(): string {
    return this.getStringAttribute('endpoint');
  }

  /** `master_version`: the control plane's Kubernetes version. */
  public get masterVersion(): string {
    return this.getStringAttribute('master_version');
  }

  /** `workload_identity_config[0].workload_pool`. */
  public get workloadPool(): string {
    return this.getStringAttribute('workload_identity_config[0].workload_pool');
  }

  /** `private_cluster_config[0].private_endpoint`: the control plane's private address. */
  public get privateEndpoint(): string {
    return this.getStringAttribute('private_cluster_config[0].private_endpoint');
  }

  /** `master_auth[0].cluster_ca_certificate` (base64). */
  public get clusterCaCertificate(): string {
    return this.getStringAttribute('master_auth[0].cluster_ca_certificate');
  }
}

/** The `google_container_cluster` data source, as {@link GoogleContainerCluster} is (its binding is 2.2 MB). */
export class GoogleContainerClusterData extends BindingShapedDataSource<DataGoogleContainerClusterConfig> {
  public constructor(scope: Construct, id: string, config: DataGoogleContainerClusterConfig) {
    super(scope, id, { provider: 'google', dataSource: 'google_container_cluster', shape: { stringMaps: new Set() } }, config);
  }

  /** `endpoint`. */
  public get endpoint(): string {
    return this.getStringAttribute('endpoint');
  }

  /** `private_cluster_config[0].private_endpoint`. */
  public get privateEndpoint(): string {
    return this.getStringAttribute('private_cluster_config[0].private_endpoint');
  }

  /** `master_auth[0].cluster_ca_certificate` (base64). */
  public get clusterCaCertificate(): string {
    return this.getStringAttribute('master_auth[0].cluster_ca_certificate');
  }
}
