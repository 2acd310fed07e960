import { AzureNetwork, AzureNetworkProps } from '../../lib/azure/network';
import { azureStack, only, resources, synth } from '../support/synth';
import { expectValidationError, validationErrorOf } from '../support/validation-matchers';
import { byId, expressions, resourceGroup } from './fixtures';

function make(over: Partial<AzureNetworkProps> = {}) {
  const stack = azureStack();
  const network = new AzureNetwork(stack, 'net', { resourceGroup: resourceGroup(), name: 'sl', ...over });
  return { stack, network };
}

describe('AzureNetwork', () => {
  test('a VNet with the default address space, in the resource group', () => {
    const { stack, network } = make({ tags: { team: 'platform' } });
    const json = synth(stack);
    expect(only(json, 'azurerm_virtual_network')).toEqual({
      name: 'sl-vnet',
      resource_group_name: 'rg-test',
      location: 'westeurope',
      address_space: ['10.40.0.0/16'],
      tags: { team: 'platform' },
    });
    expect(network.addressSpace).toBe('10.40.0.0/16');
    expect(network.nodeSubnet.cidr).toBe('10.40.0.0/20');
    expect(network.postgresSubnet.cidr).toBe('10.40.16.0/24');
  });

  test('node subnet: default CIDR, no default outbound access, no delegation', () => {
    const json = synth(make().stack);
    const nodes = byId(json, 'azurerm_subnet', 'nodes');
    expect(nodes).toMatchObject({ name: 'sl-nodes', address_prefixes: ['10.40.0.0/20'], default_outbound_access_enabled: false });
    expect(nodes.virtual_network_name).toMatch(/^\$\{azurerm_virtual_network\..+\.name\}$/);
    expect(nodes.delegation).toBeUndefined();
  });

  test('postgres subnet is delegated to PostgreSQL flexible servers', () => {
    const json = synth(make().stack);
    const pg = byId(json, 'azurerm_subnet', 'postgres');
    expect(pg).toMatchObject({ name: 'sl-postgres', address_prefixes: ['10.40.16.0/24'], default_outbound_access_enabled: false });
    expect(pg.delegation).toEqual([
      {
        name: 'postgres-flexible-servers',
        service_delegation: {
          name: 'Microsoft.DBforPostgreSQL/flexibleServers',
          actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'],
        },
      },
    ]);
  });

  test('NSG on the postgres subnet: nodes on 5432, the subnet itself, then deny the rest of the VNet', () => {
    const { stack } = make({ nodeSubnetCidr: '10.40.32.0/20', postgresSubnetCidr: '10.40.64.0/26' });
    const json = synth(stack);
    const nsg = only(json, 'azurerm_network_security_group');
    expect(nsg).toMatchObject({ name: 'sl-postgres-nsg', resource_group_name: 'rg-test', location: 'westeurope' });
    const rules = Object.values(resources(json, 'azurerm_network_security_rule')).sort((a: any, b: any) => a.priority - b.priority);
    expect(rules).toHaveLength(3);
    for (const r of rules) {
      expect(r.direction).toBe('Inbound');
      expect(r.resource_group_name).toBe('rg-test');
      expect(r.network_security_group_name).toMatch(/^\$\{azurerm_network_security_group\..+\.name\}$/);
    }
    expect(rules[0]).toMatchObject({
      priority: 100,
      access: 'Allow',
      protocol: 'Tcp',
      source_address_prefix: '10.40.32.0/20',
      destination_address_prefix: '10.40.64.0/26',
      destination_port_range: '5432',
    });
    expect(rules[1]).toMatchObject({
      priority: 110,
      access: 'Allow',
      protocol: '*',
      source_address_prefix: '10.40.64.0/26',
      destination_address_prefix: '10.40.64.0/26',
      destination_port_range: '*',
    });
    expect(rules[2]).toMatchObject({
      priority: 4000,
      access: 'Deny',
      protocol: '*',
      source_address_prefix: 'VirtualNetwork',
      destination_address_prefix: '*',
      destination_port_range: '*',
    });
  });

  test('the NSG is associated with the postgres subnet, and the postgres subnet id is read through the association', () => {
    const { stack, network } = make();
    const json = synth(stack);
    const assoc = only(json, 'azurerm_subnet_network_security_group_association');
    expect(assoc.subnet_id).toMatch(/^\$\{azurerm_subnet\.[^.]*postgres[^.]*\.id\}$/);
    expect(assoc.network_security_group_id).toMatch(/^\$\{azurerm_network_security_group\..+\.id\}$/);
    const e = expressions(stack, { pg: network.postgresSubnet.id, nodes: network.nodeSubnet.id, vnet: network.virtualNetworkId });
    expect(e.pg).toMatch(/^\$\{azurerm_subnet_network_security_group_association\..+\.subnet_id\}$/);
    expect(e.nodes).toMatch(/^\$\{azurerm_subnet\.[^.]*nodes[^.]*\.id\}$/);
    expect(e.vnet).toMatch(/^\$\{azurerm_virtual_network\..+\.id\}$/);
  });

  test('rejects an address space outside /8 to /24', () => expectValidationError(() => make({ addressSpace: '10.40.0.0/25' }), 'addressSpace', '10.40.0.0/25'));
  test('rejects a node subnet smaller than /27', () => expectValidationError(() => make({ nodeSubnetCidr: '10.40.0.0/28' }), 'nodeSubnetCidr', '10.40.0.0/28'));
  test('rejects a postgres subnet smaller than /28', () =>
    expectValidationError(() => make({ postgresSubnetCidr: '10.40.16.0/29' }), 'postgresSubnetCidr', '10.40.16.0/29'));
  test('rejects a node subnet outside the address space', () => {
    const err = validationErrorOf(() => make({ nodeSubnetCidr: '10.50.0.0/20' }), 'nodeSubnetCidr', '10.50.0.0/20');
    expect(err.allowed).toContain('inside addressSpace');
  });
  test('rejects a postgres subnet outside the address space', () => {
    const err = validationErrorOf(() => make({ postgresSubnetCidr: '10.50.16.0/24' }), 'postgresSubnetCidr', '10.50.16.0/24');
    expect(err.allowed).toContain('inside addressSpace');
  });
  test('rejects a postgres subnet that overlaps the node subnet', () => {
    const err = validationErrorOf(() => make({ postgresSubnetCidr: '10.40.8.0/24' }), 'postgresSubnetCidr', '10.40.8.0/24');
    expect(err.allowed).toContain('does not overlap nodeSubnetCidr');
  });
});
