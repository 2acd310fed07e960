import './provider-package';
import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceNetworkingConnection } from '@cdktf/provider-google/lib/service-networking-connection';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { parseCidr } from '../core/cidr';
import { GCP_NAMES, checkName } from '../core/naming';
import { ValidationError, checkCidr, checkNoOverlap, isUnresolved } from '../core/validation';
import { checkGcpRegion } from './regions';
import { ProjectServiceIdentity } from './service-identity';

/** The role Google's Service Networking agent needs on the consumer project to create the peering. */
export const SERVICE_NETWORKING_AGENT_ROLE = 'roles/servicenetworking.serviceAgent';

/** The network contract the cluster and the database build on; bring-your-own networks implement it too. */
export interface GcpNetworkRef {
  /** Network id (`projects/<p>/global/networks/<n>`). */
  readonly networkId: string;
  /** Subnetwork id of the GKE nodes. */
  readonly subnetworkId: string;
  /** Region of the subnetwork. */
  readonly region: string;
  /** Primary range of the node subnetwork. */
  readonly subnetCidr: string;
  /** Secondary range for pods, and its name. */
  readonly podsCidr: string;
  /** Name of the pods range (the cluster's `cluster_secondary_range_name`). */
  readonly podsRangeName: string;
  /** Secondary range for Services, and its name. */
  readonly servicesCidr: string;
  /** Name of the Services range (the cluster's `services_secondary_range_name`). */
  readonly servicesRangeName: string;
  /** Range reserved for private service access (Cloud SQL private IPs are taken from it). */
  readonly privateServiceAccessCidr: string;
  /** What a private-IP Cloud SQL instance must be created after: the service networking peering. */
  readonly privateServiceAccess: readonly ITerraformDependable[];
}

/** Properties of {@link GcpNetwork}. */
export interface GcpNetworkProps {
  /** Project id. @default the provider's project */
  readonly project?: string;
  /** Region of the subnetwork, router and NAT. */
  readonly region: string;
  /** Name prefix of the network, subnetwork, ranges, router and NAT. */
  readonly name: string;
  /** Primary range of the node subnetwork. @default "10.40.0.0/20" */
  readonly subnetCidr?: string;
  /** Secondary range for pods (each node takes a /24 of it with 110 pods per node). @default "10.44.0.0/14" */
  readonly podsCidr?: string;
  /** Secondary range for Services. @default "10.48.0.0/20" */
  readonly servicesCidr?: string;
  /** Range reserved for private service access (Cloud SQL); /24 or larger. @default "10.60.0.0/16" */
  readonly privateServiceAccessCidr?: string;
  /** VPC flow logs on the node subnetwork (10-minute aggregation, half of the flows sampled). @default true */
  readonly flowLogs?: boolean;
  /** Labels of the resources that take labels. @default none */
  readonly labels?: { readonly [key: string]: string };
  /** What the network must be created after (the project's APIs). @default none */
  readonly dependsOn?: readonly ITerraformDependable[];
  /**
   * Create the Service Networking service agent (google-beta `google_project_service_identity`) and grant it
   * `roles/servicenetworking.serviceAgent` before the private service access peering. Google otherwise provisions the
   * agent just in time, during the first peering, which on a fresh project fails with "Required
   * 'compute.globalAddresses.list' permission". Needs `project`. Turn off only if the agent already holds its role.
   * @default true
   */
  readonly serviceNetworkingAgent?: boolean;
}

/**
 * A custom-mode VPC for a private GKE cluster: one regional subnetwork with secondary ranges for pods and Services
 * and Private Google Access, a Cloud Router with Cloud NAT so private nodes reach the internet (and nothing reaches
 * them), and private service access (an allocated range peered with Google's service producers) so Cloud SQL gets a
 * private IP in the network and no public one.
 */
export class GcpNetwork extends Construct implements GcpNetworkRef {
  /** The `google_compute_network` resource. */
  public readonly network: ComputeNetwork;
  /** The `google_compute_subnetwork` resource (nodes, with the pod and Service ranges). */
  public readonly subnetwork: ComputeSubnetwork;
  /** The `google_compute_router` resource the NAT runs on. */
  public readonly router: ComputeRouter;
  /** The `google_compute_router_nat` resource (egress for the private nodes). */
  public readonly nat: ComputeRouterNat;
  /** The `google_compute_global_address` range reserved for private service access. */
  public readonly privateServiceRange: ComputeGlobalAddress;
  /** The `google_service_networking_connection` that peers that range (Cloud SQL private IPs). */
  public readonly privateServiceConnection: ServiceNetworkingConnection;
  /** The Service Networking service agent, created before the peering. */
  public readonly serviceNetworkingIdentity?: ProjectServiceIdentity;
  /** Its `roles/servicenetworking.serviceAgent` grant, made before the peering. */
  public readonly serviceNetworkingAgentRole?: ProjectIamMember;
  public readonly networkId: string;
  public readonly subnetworkId: string;
  public readonly region: string;
  public readonly subnetCidr: string;
  public readonly podsCidr: string;
  public readonly podsRangeName: string;
  public readonly servicesCidr: string;
  public readonly servicesRangeName: string;
  public readonly privateServiceAccessCidr: string;
  public readonly privateServiceAccess: readonly ITerraformDependable[];

  public constructor(scope: Construct, id: string, props: GcpNetworkProps) {
    super(scope, id);
    const region = checkGcpRegion(this, 'region', props.region);
    checkName(this, 'name', `${props.name}-vpc`, GCP_NAMES.generic);
    const subnetCidr = checkCidr(this, 'subnetCidr', props.subnetCidr ?? '10.40.0.0/20', 8, 29);
    const podsCidr = checkCidr(this, 'podsCidr', props.podsCidr ?? '10.44.0.0/14', 8, 24);
    const servicesCidr = checkCidr(this, 'servicesCidr', props.servicesCidr ?? '10.48.0.0/20', 8, 27);
    const psaCidr = checkCidr(this, 'privateServiceAccessCidr', props.privateServiceAccessCidr ?? '10.60.0.0/16', 8, 24);
    checkNoOverlap(this, { subnetCidr, podsCidr, servicesCidr, privateServiceAccessCidr: psaCidr });
    const dependsOn = props.dependsOn && props.dependsOn.length > 0 ? [...props.dependsOn] : undefined;

    this.network = new ComputeNetwork(this, 'network', {
      project: props.project,
      name: `${props.name}-vpc`,
      autoCreateSubnetworks: false,
      routingMode: 'REGIONAL',
      dependsOn,
    });
    this.podsRangeName = `${props.name}-pods`;
    this.servicesRangeName = `${props.name}-services`;
    this.subnetwork = new ComputeSubnetwork(this, 'nodes', {
      project: props.project,
      name: `${props.name}-nodes`,
      region,
      network: this.network.id,
      ipCidrRange: subnetCidr,
      stackType: 'IPV4_ONLY',
      // Nodes without public addresses still reach Google APIs (Artifact Registry, Cloud Storage, Cloud SQL Admin).
      privateIpGoogleAccess: true,
      secondaryIpRange: [
        { rangeName: this.podsRangeName, ipCidrRange: podsCidr },
        { rangeName: this.servicesRangeName, ipCidrRange: servicesCidr },
      ],
      logConfig: (props.flowLogs ?? true) ? { aggregationInterval: 'INTERVAL_10_MIN', flowSampling: 0.5, metadata: 'INCLUDE_ALL_METADATA' } : undefined,
    });

    this.router = new ComputeRouter(this, 'router', {
      project: props.project,
      name: `${props.name}-router`,
      region,
      network: this.network.id,
    });
    // Outbound only: private nodes pull public images and reach Let's Encrypt; nothing can connect in through NAT.
    this.nat = new ComputeRouterNat(this, 'nat', {
      project: props.project,
      name: `${props.name}-nat`,
      region,
      router: this.router.name,
      natIpAllocateOption: 'AUTO_ONLY',
      sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS',
      subnetwork: [{ name: this.subnetwork.selfLink, sourceIpRangesToNat: ['ALL_IP_RANGES'] }],
      logConfig: { enable: true, filter: 'ERRORS_ONLY' },
    });

    const psa = isUnresolved(psaCidr) ? undefined : parseCidr(psaCidr)!;
    this.privateServiceRange = new ComputeGlobalAddress(this, 'private-service-range', {
      project: props.project,
      name: `${props.name}-private-services`,
      purpose: 'VPC_PEERING',
      addressType: 'INTERNAL',
      address: psa ? psaCidr.split('/')[0] : undefined,
      prefixLength: psa ? psa.prefix : 16,
      network: this.network.id,
      labels: props.labels,
    });
    const agent = props.serviceNetworkingAgent ?? true;
    if (agent && props.project === undefined) {
      throw new ValidationError(this, 'project', undefined, 'the project id, to create the Service Networking agent before the peering (or serviceNetworkingAgent: false)');
    }
    if (agent) {
      // The agent exists and holds its role before the peering asks it to read the allocated range.
      this.serviceNetworkingIdentity = new ProjectServiceIdentity(this, 'service-networking-agent', {
        project: props.project,
        service: 'servicenetworking.googleapis.com',
        dependsOn: dependsOn,
      });
      this.serviceNetworkingAgentRole = new ProjectIamMember(this, 'service-networking-agent-role', {
        project: props.project!,
        role: SERVICE_NETWORKING_AGENT_ROLE,
        member: this.serviceNetworkingIdentity.member,
      });
    }
    this.privateServiceConnection = new ServiceNetworkingConnection(this, 'private-service-access', {
      network: this.network.id,
      service: 'servicenetworking.googleapis.com',
      reservedPeeringRanges: [this.privateServiceRange.name],
      // Google refuses to delete the peering while Cloud SQL still holds addresses in it (it does for a while after
      // the instance is gone); deleting the network removes the peering anyway.
      deletionPolicy: 'ABANDON',
      dependsOn: this.serviceNetworkingAgentRole ? [this.serviceNetworkingIdentity!, this.serviceNetworkingAgentRole] : undefined,
    });

    this.networkId = this.network.id;
    this.subnetworkId = this.subnetwork.id;
    this.region = region;
    this.subnetCidr = subnetCidr;
    this.podsCidr = podsCidr;
    this.servicesCidr = servicesCidr;
    this.privateServiceAccessCidr = psaCidr;
    this.privateServiceAccess = [this.privateServiceConnection];
  }
}
