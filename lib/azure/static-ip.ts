import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { AZURE_NAMES, checkName } from '../core/naming';
import { declarePolicyException } from '../core/policy-exceptions';
import { isUnresolved } from '../core/validation';
import { PublicEntryPoint } from '../core/entry-point';
import { AzureResourceGroupRef } from './resource-group';
import { regionHasZones } from './regions';

export interface AzureStaticIpProps {
  readonly resourceGroup: AzureResourceGroupRef;
  /** Public IP resource name (the ingress Service refers to it by name). */
  readonly name: string;
  /** Principal of the AKS control plane, which attaches the address to its load balancer. */
  readonly clusterPrincipalId: string;
  /** Tags. @default none */
  readonly tags?: { readonly [key: string]: string };
}

/**
 * A zone-redundant static public IPv4 for the ingress controller's load balancer, in the deployment's resource group
 * (so it outlives the cluster), with the AKS control plane allowed to use it.
 */
export class AzureStaticIp extends Construct implements PublicEntryPoint {
  public readonly publicIp: PublicIp;
  public readonly ipAddress: string;
  public readonly serviceAnnotations: { readonly [key: string]: string };
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
    const role = new RoleAssignment(this, 'cluster-may-use-address', {
      scope: this.publicIp.id,
      roleDefinitionName: 'Network Contributor',
      principalId: props.clusterPrincipalId,
      principalType: 'ServicePrincipal',
    });
    this.id = this.publicIp.id;
    this.ipAddress = this.publicIp.ipAddress;
    this.serviceAnnotations = {
      'service.beta.kubernetes.io/azure-load-balancer-resource-group': rg.name,
      'service.beta.kubernetes.io/azure-pip-name': this.publicIp.name,
    };
    // The load balancer can only take the address once the control plane may use it.
    this.dependables = [role];
  }
}
