import './provider-package';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { AZURE_NAMES, checkName } from '../core/naming';
import { declarePolicyException } from '../core/policy-exceptions';
import { isUnresolved } from '../core/validation';
import { PublicEntryPoint } from '../core/entry-point';
import { AzureResourceGroupRef } from './resource-group';
import { regionHasZones } from './regions';

/**
 * What the Kubernetes cloud provider does with an address named by `azure-pip-name` in another resource group
 * (kubernetes-sigs/cloud-provider-azure, pkg/provider/azure_publicip_repo.go and azure_loadbalancer.go): it LISTS the
 * public IPs of that whole group (its address cache is keyed by resource group) and picks the one with the name,
 * then joins it to the frontend of the cluster's load balancer. An address without its `k8s-azure-service` tag counts
 * as user-assigned: it is not tagged or deleted, and written only to correct its SKU, IP version or a DNS label
 * annotation, none of which differ for the Standard, static IPv4 address created here (ensurePublicIPExists).
 */
export const PUBLIC_IP_READ_ACTIONS: readonly string[] = ['Microsoft.Network/publicIPAddresses/read'];
/** Joining an address to a load balancer frontend. */
export const PUBLIC_IP_JOIN_ACTIONS: readonly string[] = ['Microsoft.Network/publicIPAddresses/join/action'];

/** Properties of {@link AzureStaticIp}. */
export interface AzureStaticIpProps {
  /** Resource group the public IP is created in. */
  readonly resourceGroup: AzureResourceGroupRef;
  /** Public IP resource name (the ingress Service refers to it by name). */
  readonly name: string;
  /** Principal of the AKS control plane, which attaches the address to its load balancer. */
  readonly clusterPrincipalId: string;
  /**
   * Resources the role assignments wait for. Custom role definitions replicate through Azure for a while after they
   * are created; an assignment made the same second can fail with "role definition does not exist" (hashicorp/
   * terraform-provider-azurerm#19916). Pass something slow that is needed before the address is used anyway, such as
   * the cluster. @default none
   */
  readonly grantAfter?: readonly ITerraformDependable[];
  /** Tags. @default none */
  readonly tags?: { readonly [key: string]: string };
}

/**
 * A zone-redundant static public IPv4 for the ingress controller's load balancer, in the deployment's resource group
 * (so it outlives the cluster), with the AKS control plane allowed to find and use it.
 *
 * Least privilege, as two custom roles rather than Microsoft's static-IP guide (learn.microsoft.com/azure/aks/
 * static-ip), which grants the built-in Network Contributor on the whole resource group: that role could also rewrite
 * the VNet, the subnets, the NSG and the database's private DNS zone. The cloud provider needs only to read the
 * public IPs of the group (it lists them) and to join this one address: `read` on the group, `join` on the address.
 * A grant on the address alone (this construct's first release) is not enough: the list call at group scope is
 * refused, the Service stays pending and an atomic ingress release times out and rolls back.
 */
export class AzureStaticIp extends Construct implements PublicEntryPoint {
  /** The `azurerm_public_ip` resource. */
  public readonly publicIp: PublicIp;
  public readonly ipAddress: string;
  public readonly serviceAnnotations: { readonly [key: string]: string };
  /** Resource id of the public IP. */
  public readonly id: string;
  public readonly dependables: readonly ITerraformDependable[];

  public constructor(scope: Construct, id: string, props: AzureStaticIpProps) {
    super(scope, id);
    checkName(this, 'name', props.name, AZURE_NAMES.generic);
    const rg = props.resourceGroup;
    this.publicIp = new PublicIp(this, 'address', {
      name: props.name,
      resourceGroupName: rg.name,
      location: rg.location,
      allocationMethod: 'Static',
      sku: 'Standard',
      ipVersion: 'IPv4',
      zones: regionHasZones(rg.location) ? ['1', '2', '3'] : undefined,
      tags: props.tags,
    });
    if (!isUnresolved(rg.location) && !regionHasZones(rg.location)) {
      declarePolicyException(this.publicIp, 'AZ-NET-002', `${rg.location} has no availability zones, so the address cannot be zone-redundant`);
    }
    const grants = this.grantClusterAccess(props);
    this.id = this.publicIp.id;
    this.ipAddress = this.publicIp.ipAddress;
    this.serviceAnnotations = {
      'service.beta.kubernetes.io/azure-load-balancer-resource-group': rg.name,
      'service.beta.kubernetes.io/azure-pip-name': this.publicIp.name,
    };
    // The load balancer can only take the address once the control plane may find and use it.
    this.dependables = grants;
  }

  /** Read on the resource group's public IPs, join on this address, both for the cluster's control plane. */
  private grantClusterAccess(props: AzureStaticIpProps): RoleAssignment[] {
    const rg = props.resourceGroup;
    // Role names are unique per Entra tenant: the group's resource id (subscription and group) and the address name
    // keep two deployments, or two addresses, apart.
    const reader = new RoleDefinition(this, 'read-addresses-role', {
      name: `${props.name}: read public IPs in ${rg.id}`,
      description: 'Lets an AKS control plane list the public IPs of this resource group (the cloud provider looks an annotated address up by listing).',
      scope: rg.id,
      assignableScopes: [rg.id],
      permissions: [{ actions: [...PUBLIC_IP_READ_ACTIONS], notActions: [] }],
    });
    const joiner = new RoleDefinition(this, 'join-address-role', {
      name: `${props.name}: join public IP in ${rg.id}`,
      description: 'Lets an AKS control plane attach a public IP to its load balancer.',
      scope: rg.id,
      assignableScopes: [rg.id],
      permissions: [{ actions: [...PUBLIC_IP_JOIN_ACTIONS], notActions: [] }],
    });
    const after = props.grantAfter === undefined ? undefined : [...props.grantAfter];
    const read = new RoleAssignment(this, 'cluster-may-read-addresses', {
      scope: rg.id,
      // By resource id: a lookup by name is exactly what fails while a new role definition replicates.
      roleDefinitionId: reader.roleDefinitionResourceId,
      principalId: props.clusterPrincipalId,
      principalType: 'ServicePrincipal',
      dependsOn: after,
    });
    // The construct id is the one of the first release's grant (Network Contributor on the address); the role changes,
    // so Terraform replaces that assignment.
    const join = new RoleAssignment(this, 'cluster-may-use-address', {
      scope: this.publicIp.id,
      roleDefinitionId: joiner.roleDefinitionResourceId,
      principalId: props.clusterPrincipalId,
      principalType: 'ServicePrincipal',
      dependsOn: after,
    });
    return [read, join];
  }
}
