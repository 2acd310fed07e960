import './provider-package';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule, NetworkSecurityRuleConfig } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import { checkCidr, checkCidrWithin, checkNoOverlap } from '../core/validation';
import { AzureResourceGroupRef } from './resource-group';

/** A subnet other constructs attach to. */
export interface AzureSubnetRef {
  /** Resource id of the subnet. */
  readonly id: string;
  /** Address range of the subnet (CIDR). */
  readonly cidr: string;
}

/** The network contract the cluster and the database build on; bring-your-own networks implement it too. */
export interface AzureNetworkRef {
  /** Resource id of the virtual network. */
  readonly virtualNetworkId: string;
  /** Address space of the virtual network (CIDR). */
  readonly addressSpace: string;
  /** Subnet of the AKS nodes (pods get overlay addresses outside the VNet). */
  readonly nodeSubnet: AzureSubnetRef;
  /** Subnet delegated to PostgreSQL flexible servers. */
  readonly postgresSubnet: AzureSubnetRef;
}

/** Properties of {@link AzureNetwork}. */
export interface AzureNetworkProps {
  /** Resource group the network is created in. */
  readonly resourceGroup: AzureResourceGroupRef;
  /** Name prefix for the VNet, subnets and NSG. */
  readonly name: string;
  /** VNet address space. @default "10.40.0.0/16" */
  readonly addressSpace?: string;
  /** Node subnet, inside the address space; /24 or larger holds 250 nodes. @default "10.40.0.0/20" */
  readonly nodeSubnetCidr?: string;
  /** Subnet delegated to PostgreSQL flexible servers, inside the address space; /28 or larger. @default "10.40.16.0/24" */
  readonly postgresSubnetCidr?: string;
  /** Tags for every resource. @default none */
  readonly tags?: { readonly [key: string]: string };
}

/** The PostgreSQL port the NSG opens to the cluster. */
export const POSTGRES_PORT = 5432;

/**
 * A VNet with a node subnet and a subnet delegated to PostgreSQL flexible servers, whose NSG admits only the node
 * subnet on 5432 (with Azure CNI overlay, pod traffic leaves the node from the node's address) and the subnet itself
 * (high-availability replication); everything else from the VNet is denied. Azure's default rules for its own
 * platform traffic (the AzureLoadBalancer tag) are left as they are.
 */
export class AzureNetwork extends Construct implements AzureNetworkRef {
  public readonly virtualNetworkId: string;
  public readonly addressSpace: string;
  public readonly nodeSubnet: AzureSubnetRef;
  public readonly postgresSubnet: AzureSubnetRef;

  public constructor(scope: Construct, id: string, props: AzureNetworkProps) {
    super(scope, id);
    const addressSpace = checkCidr(this, 'addressSpace', props.addressSpace ?? '10.40.0.0/16', 8, 24);
    const nodeCidr = checkCidr(this, 'nodeSubnetCidr', props.nodeSubnetCidr ?? '10.40.0.0/20', 8, 27);
    const pgCidr = checkCidr(this, 'postgresSubnetCidr', props.postgresSubnetCidr ?? '10.40.16.0/24', 8, 28);
    checkCidrWithin(this, 'nodeSubnetCidr', nodeCidr, 'addressSpace', addressSpace);
    checkCidrWithin(this, 'postgresSubnetCidr', pgCidr, 'addressSpace', addressSpace);
    checkNoOverlap(this, { nodeSubnetCidr: nodeCidr, postgresSubnetCidr: pgCidr });

    const rg = props.resourceGroup;
    const vnet = new VirtualNetwork(this, 'vnet', {
      name: `${props.name}-vnet`,
      resourceGroupName: rg.name,
      location: rg.location,
      addressSpace: [addressSpace],
      tags: props.tags,
    });

    const nodes = new Subnet(this, 'nodes', {
      name: `${props.name}-nodes`,
      resourceGroupName: rg.name,
      virtualNetworkName: vnet.name,
      addressPrefixes: [nodeCidr],
      // Nodes reach the internet through the cluster's load balancer outbound rules, not default outbound access.
      defaultOutboundAccessEnabled: false,
    });

    const pg = new Subnet(this, 'postgres', {
      name: `${props.name}-postgres`,
      resourceGroupName: rg.name,
      virtualNetworkName: vnet.name,
      addressPrefixes: [pgCidr],
      defaultOutboundAccessEnabled: false,
      delegation: [
        {
          name: 'postgres-flexible-servers',
          serviceDelegation: {
            name: 'Microsoft.DBforPostgreSQL/flexibleServers',
            actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'],
          },
        },
      ],
    });

    const nsg = new NetworkSecurityGroup(this, 'postgres-nsg', {
      name: `${props.name}-postgres-nsg`,
      resourceGroupName: rg.name,
      location: rg.location,
      tags: props.tags,
    });
    const rules: Array<Omit<NetworkSecurityRuleConfig, 'networkSecurityGroupName' | 'resourceGroupName'> & { id: string }> = [
      {
        id: 'allow-nodes',
        name: 'allow-cluster-nodes-postgres',
        priority: 100,
        direction: 'Inbound',
        access: 'Allow',
        protocol: 'Tcp',
        sourceAddressPrefix: nodeCidr,
        sourcePortRange: '*',
        destinationAddressPrefix: pgCidr,
        destinationPortRange: String(POSTGRES_PORT),
        description: 'Only the AKS nodes (and the pods behind them) reach PostgreSQL',
      },
      {
        id: 'allow-subnet',
        name: 'allow-postgres-subnet-internal',
        priority: 110,
        direction: 'Inbound',
        access: 'Allow',
        protocol: '*',
        sourceAddressPrefix: pgCidr,
        sourcePortRange: '*',
        destinationAddressPrefix: pgCidr,
        destinationPortRange: '*',
        description: 'Replication between the primary and the standby of a high-availability server',
      },
      {
        id: 'deny-vnet',
        name: 'deny-vnet-inbound',
        priority: 4000,
        direction: 'Inbound',
        access: 'Deny',
        protocol: '*',
        sourceAddressPrefix: 'VirtualNetwork',
        sourcePortRange: '*',
        destinationAddressPrefix: '*',
        destinationPortRange: '*',
        description: 'Nothing else in the network reaches the database subnet',
      },
    ];
    for (const { id: ruleId, ...rule } of rules) {
      new NetworkSecurityRule(this, `postgres-nsg-${ruleId}`, {
        ...rule,
        networkSecurityGroupName: nsg.name,
        resourceGroupName: rg.name,
      });
    }

    const association = new SubnetNetworkSecurityGroupAssociation(this, 'postgres-nsg-association', {
      subnetId: pg.id,
      networkSecurityGroupId: nsg.id,
    });

    this.virtualNetworkId = vnet.id;
    this.addressSpace = addressSpace;
    this.nodeSubnet = { id: nodes.id, cidr: nodeCidr };
    // Read the subnet id through the NSG association, so the database is only created once the NSG guards it.
    this.postgresSubnet = { id: association.subnetId, cidr: pgCidr };
  }
}
