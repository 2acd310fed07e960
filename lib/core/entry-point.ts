import { ITerraformDependable } from 'cdktf';

/** Where the public traffic for the platform enters the cluster. */
export interface PublicEntryPoint {
  /** Static public IPv4 address reserved for the ingress controller's load balancer. */
  readonly ipAddress: string;
  /** Annotations the ingress controller's LoadBalancer Service needs so the cloud binds it to this address. */
  readonly serviceAnnotations: { readonly [key: string]: string };
  /** Value for the Service's `loadBalancerIP`, where the cloud takes the address that way. @default none */
  readonly loadBalancerIp?: string;
  /**
   * Every static address of the load balancer, where it has more than one (an AWS Network Load Balancer has one per
   * zone; `ipAddress` is the first of them). @default [ipAddress]
   */
  readonly ipAddresses?: readonly string[];
  /** Resources that must exist before a load balancer may take the address (e.g. a role assignment). @default none */
  readonly dependables?: readonly ITerraformDependable[];
}
