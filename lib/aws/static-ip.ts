import './provider-package';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { Fn, ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { PublicEntryPoint } from '../core/entry-point';
import { AwsNetworkRef } from './network';

/** Properties of {@link AwsNlbAddresses}. */
export interface AwsNlbAddressesProps {
  /** Name prefix (`Name` tags). */
  readonly name: string;
  /** The network whose public subnets the load balancer goes into: one address per public subnet. */
  readonly network: AwsNetworkRef;
  /** Tags. @default none */
  readonly tags?: { readonly [key: string]: string };
}

/** Service annotation that makes the EKS cloud controller create a Network Load Balancer for a LoadBalancer Service. */
export const NLB_TYPE_ANNOTATION = 'service.beta.kubernetes.io/aws-load-balancer-type';
/** Service annotation with the Elastic IP allocations the NLB takes, one per public subnet, comma-separated. */
export const NLB_EIP_ANNOTATION = 'service.beta.kubernetes.io/aws-load-balancer-eip-allocations';
/**
 * Service annotation that turns on cross-zone load balancing of the NLB (attribute `load_balancing.cross_zone.enabled`).
 * The cloud controller sets the attribute to false when the annotation is absent (kubernetes/cloud-provider-aws,
 * `reconcileLBAttributes` in pkg/providers/v1/aws_loadbalancer.go, on create and on every update).
 */
export const NLB_CROSS_ZONE_ANNOTATION = 'service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled';

/**
 * Static public addresses for the ingress controller: one Elastic IP per public subnet (zone), and the Service
 * annotations with which the cloud controller built into EKS creates an internet-facing Network Load Balancer on
 * exactly these addresses (`aws-load-balancer-type: nlb` + `aws-load-balancer-eip-allocations`). The controller finds
 * the public subnets by their `kubernetes.io/cluster/<name>` and `kubernetes.io/role/elb` tags and requires one
 * allocation per subnet. The addresses exist before the load balancer, so DNS can point at them from the infra stack,
 * and they outlive it.
 *
 * Cross-zone load balancing is on: DNS publishes every address, and the ingress Service keeps client addresses with
 * `externalTrafficPolicy: Local`, so only nodes running a ready controller replica pass the health check. Without
 * cross-zone, the NLB node of a zone without such a replica (two replicas over three zones) has no healthy target and
 * drops every connection sent to that zone's address; with it, each address reaches a ready replica in any zone (at
 * the price of inter-zone data transfer for those connections).
 */
export class AwsNlbAddresses extends Construct implements PublicEntryPoint {
  /** The `aws_eip` resources, one per public subnet. */
  public readonly addresses: readonly Eip[];
  public readonly ipAddress: string;
  public readonly ipAddresses: readonly string[];
  /** Allocation ids of the Elastic IPs, for the load balancer Service's annotation. */
  public readonly allocationIds: readonly string[];
  public readonly serviceAnnotations: { readonly [key: string]: string };
  public readonly dependables: readonly ITerraformDependable[];

  public constructor(scope: Construct, id: string, props: AwsNlbAddressesProps) {
    super(scope, id);
    this.addresses = props.network.publicSubnets.map(
      (s, i) => new Eip(this, `address-${i}`, { domain: 'vpc', tags: { ...props.tags, Name: `${props.name}-ingress-${s.availabilityZone}` } }),
    );
    this.ipAddresses = this.addresses.map((a) => a.publicIp);
    this.ipAddress = this.ipAddresses[0]!;
    this.allocationIds = this.addresses.map((a) => a.allocationId);
    this.serviceAnnotations = {
      [NLB_TYPE_ANNOTATION]: 'nlb',
      [NLB_EIP_ANNOTATION]: Fn.join(',', [...this.allocationIds]),
      [NLB_CROSS_ZONE_ANNOTATION]: 'true',
    };
    // The subnets must be public (routed to the internet gateway) before the load balancer is placed in them.
    this.dependables = props.network.publicDependables;
  }
}
