import './provider-package';
import { ComputeAddress } from '@cdktf/provider-google/lib/compute-address';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { PublicEntryPoint } from '../core/entry-point';
import { GCP_NAMES, checkName } from '../core/naming';
import { checkGcpRegion } from './regions';

/** Properties of {@link GcpStaticIp}. */
export interface GcpStaticIpProps {
  /** Project id. @default the provider's project */
  readonly project?: string;
  /** Region of the address: the cluster's (a regional external passthrough load balancer takes it). */
  readonly region: string;
  /** Address resource name. */
  readonly name: string;
  /** Labels. @default none */
  readonly labels?: { readonly [key: string]: string };
  /** What the address must be created after (the project's APIs). @default none */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * A regional static external IPv4 (Premium tier) for the ingress controller's LoadBalancer Service. It lives outside
 * the cluster, so the address survives a reinstall of the controller or the cluster; the Service asks for it with
 * `spec.loadBalancerIP`, which GKE honours for reserved regional addresses.
 */
export class GcpStaticIp extends Construct implements PublicEntryPoint {
  /** The `google_compute_address` resource. */
  public readonly address: ComputeAddress;
  public readonly ipAddress: string;
  public readonly loadBalancerIp: string;
  public readonly serviceAnnotations: { readonly [key: string]: string } = {};
  /** Address resource name. */
  public readonly name: string;

  public constructor(scope: Construct, id: string, props: GcpStaticIpProps) {
    super(scope, id);
    const region = checkGcpRegion(this, 'region', props.region);
    checkName(this, 'name', props.name, GCP_NAMES.generic);
    this.address = new ComputeAddress(this, 'address', {
      project: props.project,
      name: props.name,
      region,
      addressType: 'EXTERNAL',
      ipVersion: 'IPV4',
      networkTier: 'PREMIUM',
      description: 'Ingress controller load balancer',
      labels: props.labels,
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
    this.ipAddress = this.address.address;
    this.loadBalancerIp = this.address.address;
    this.name = this.address.name;
  }
}
