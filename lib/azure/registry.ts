import './provider-package';
import { ContainerRegistry as AzContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct } from 'constructs';
import { AZURE_NAMES, checkName } from '../core/naming';
import { ContainerRegistry } from '../core/registry';
import { ValidationError, checkInt, checkOneOf } from '../core/validation';
import { declarePolicyException } from '../core/policy-exceptions';
import { AzureResourceGroupRef } from './resource-group';
import { regionHasZones } from './regions';

/** Properties of {@link AzureContainerRegistry}. */
export interface AzureContainerRegistryProps {
  /** Resource group the registry is created in. */
  readonly resourceGroup: AzureResourceGroupRef;
  /** Registry name (letters and digits); globally unique, so pass one with a unique suffix. */
  readonly name: string;
  /** SKU. Premium adds zone redundancy and untagged-manifest retention. @default "Premium" */
  readonly sku?: 'Basic' | 'Standard' | 'Premium';
  /** Days untagged manifests are kept before deletion (Premium only). @default 7 */
  readonly untaggedRetentionDays?: number;
  /** Principal object ids given `AcrPull` (e.g. the AKS kubelet identity). @default none */
  readonly pullers?: { readonly [id: string]: string };
  /** Tags. @default none */
  readonly tags?: { readonly [key: string]: string };
}

/** A private container registry: admin user off, no anonymous pull; only the principals given pull rights can pull. */
export class AzureContainerRegistry extends Construct implements ContainerRegistry {
  /** The `azurerm_container_registry` resource. */
  public readonly registry: AzContainerRegistry;
  public readonly name: string;
  public readonly loginServer: string;

  public constructor(scope: Construct, id: string, props: AzureContainerRegistryProps) {
    super(scope, id);
    const rg = props.resourceGroup;
    checkName(this, 'name', props.name, AZURE_NAMES.containerRegistry);
    const sku = checkOneOf(this, 'sku', props.sku ?? 'Premium', ['Basic', 'Standard', 'Premium'] as const);
    const premium = sku === 'Premium';
    if (props.untaggedRetentionDays !== undefined && !premium) {
      throw new ValidationError(this, 'untaggedRetentionDays', props.untaggedRetentionDays, 'unset unless sku is "Premium"');
    }
    const retention = premium ? checkInt(this, 'untaggedRetentionDays', props.untaggedRetentionDays ?? 7, 0, 365) : undefined;

    this.registry = new AzContainerRegistry(this, 'registry', {
      name: props.name,
      resourceGroupName: rg.name,
      location: rg.location,
      sku,
      adminEnabled: false,
      anonymousPullEnabled: false,
      zoneRedundancyEnabled: premium && regionHasZones(rg.location),
      retentionPolicyInDays: retention,
      tags: props.tags,
    });
    if (premium && !regionHasZones(rg.location)) {
      declarePolicyException(this.registry, 'AZ-ACR-003', `${rg.location} has no availability zones, so the registry cannot be zone-redundant`);
    }
    for (const [pullerId, principalId] of Object.entries(props.pullers ?? {})) {
      this.grantPull(pullerId, principalId);
    }
    this.name = this.registry.name;
    this.loginServer = this.registry.loginServer;
  }

  /** Gives a principal `AcrPull` on this registry. */
  public grantPull(id: string, principalId: string): RoleAssignment {
    return new RoleAssignment(this, `pull-${id}`, {
      scope: this.registry.id,
      roleDefinitionName: 'AcrPull',
      principalId,
      principalType: 'ServicePrincipal',
    });
  }
}
