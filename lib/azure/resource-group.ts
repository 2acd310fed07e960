import './provider-package';
import { DataAzurermResourceGroup } from '@cdktf/provider-azurerm/lib/data-azurerm-resource-group';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import { AZURE_NAMES, checkName } from '../core/naming';
import { checkOneOf } from '../core/validation';
import { AZURE_REGIONS } from './regions';

/** What other Azure constructs need to know about the resource group they live in. */
export interface AzureResourceGroupRef {
  /** Name of the resource group. */
  readonly name: string;
  /** Azure region of the resource group, where the resources in it are created. */
  readonly location: string;
  /** Resource id of the resource group. */
  readonly id: string;
}

/** Properties of {@link AzureResourceGroup}. */
export interface AzureResourceGroupProps {
  /** Resource group name. */
  readonly name: string;
  /** Azure region (programmatic name, e.g. `westeurope`) for every resource of the deployment. */
  readonly location: string;
  /** Use a resource group that already exists instead of creating one. @default false */
  readonly existing?: boolean;
  /** Tags for the resource group. @default none */
  readonly tags?: { readonly [key: string]: string };
}

/** A resource group, created or looked up. */
export class AzureResourceGroup extends Construct implements AzureResourceGroupRef {
  public readonly name: string;
  public readonly location: string;
  public readonly id: string;

  public constructor(scope: Construct, id: string, props: AzureResourceGroupProps) {
    super(scope, id);
    checkName(this, 'name', props.name, AZURE_NAMES.resourceGroup);
    checkOneOf(this, 'location', props.location, AZURE_REGIONS);
    if (props.existing) {
      const rg = new DataAzurermResourceGroup(this, 'existing', { name: props.name });
      this.name = rg.name;
      this.id = rg.id;
    } else {
      const rg = new ResourceGroup(this, 'group', { name: props.name, location: props.location, tags: props.tags });
      this.name = rg.name;
      this.id = rg.id;
    }
    this.location = props.location;
  }
}
