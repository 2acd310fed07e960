import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TerraformOutput } from 'cdktf';
import { AzureStaticIp, AzureStaticIpProps } from '../../lib/azure/static-ip';
import { PublicEntryPoint } from '../../lib/core/entry-point';
import { azureStack, only, resources, synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { NON_ZONAL_REGION, expressions, resourceGroup } from './fixtures';

function make(over: Partial<AzureStaticIpProps> = {}) {
  const stack = azureStack();
  const ip = new AzureStaticIp(stack, 'ip', { resourceGroup: resourceGroup(), name: 'sl-ingress', clusterPrincipalId: 'cluster-principal', ...over });
  return { stack, ip };
}

describe('AzureStaticIp', () => {
  test('a Standard, static, zone-redundant IPv4 address in the deployment resource group', () => {
    const json = synth(make({ tags: { team: 'platform' } }).stack);
    expect(only(json, 'azurerm_public_ip')).toEqual({
      name: 'sl-ingress',
      resource_group_name: 'rg-test',
      location: 'westeurope',
      allocation_method: 'Static',
      sku: 'Standard',
      ip_version: 'IPv4',
      zones: ['1', '2', '3'],
      tags: { team: 'platform' },
    });
  });

  test('no zones in a region without them', () => {
    const pip = only(synth(make({ resourceGroup: resourceGroup(NON_ZONAL_REGION) }).stack), 'azurerm_public_ip');
    expect(pip.zones).toBeUndefined();
    expect(pip).toMatchObject({ sku: 'Standard', allocation_method: 'Static' });
  });

  test('the control plane may read the public IPs of the whole resource group, and join this address: two custom roles, no built-in role', () => {
    // The cloud provider lists the group's public IPs to find the annotated one; a grant on the address alone leaves
    // the list call refused and the ingress Service pending.
    const { stack, ip } = make();
    new TerraformOutput(stack, 'waits', { value: 'x', dependsOn: [...ip.dependables] });
    const json = synth(stack);
    const definitions = resources(json, 'azurerm_role_definition');
    const byAction = (action: string) => Object.entries(definitions).find(([, d]) => d.permissions[0].actions.includes(action))!;
    const [readerId, reader] = byAction('Microsoft.Network/publicIPAddresses/read');
    const [joinerId, joiner] = byAction('Microsoft.Network/publicIPAddresses/join/action');
    expect(Object.keys(definitions)).toHaveLength(2);
    for (const d of [reader, joiner]) {
      expect(d.permissions).toHaveLength(1);
      expect(d.permissions[0].actions).toHaveLength(1);
      expect(d.permissions[0].data_actions).toBeUndefined();
      expect(d).toMatchObject({ scope: '/subscriptions/sub/resourceGroups/rg-test', assignable_scopes: ['/subscriptions/sub/resourceGroups/rg-test'] });
    }
    // Role names are unique per tenant: the group id and the address name keep deployments apart.
    expect(reader.name).toBe('sl-ingress: read public IPs in /subscriptions/sub/resourceGroups/rg-test');
    expect(joiner.name).toBe('sl-ingress: join public IP in /subscriptions/sub/resourceGroups/rg-test');

    const roles = Object.entries(resources(json, 'azurerm_role_assignment'));
    expect(roles).toHaveLength(2);
    for (const [, r] of roles) {
      expect(r).toMatchObject({ principal_id: 'cluster-principal', principal_type: 'ServicePrincipal' });
      expect(r.role_definition_name).toBeUndefined();
    }
    const [readId, read] = roles.find(([, r]) => r.role_definition_id === `\${azurerm_role_definition.${readerId}.role_definition_resource_id}`)!;
    const [useId, use] = roles.find(([, r]) => r.role_definition_id === `\${azurerm_role_definition.${joinerId}.role_definition_resource_id}`)!;
    expect(read.scope).toBe('/subscriptions/sub/resourceGroups/rg-test');
    expect(use.scope).toMatch(/^\$\{azurerm_public_ip\.[^.]+\.id\}$/);
    expect(use.depends_on).toBeUndefined();
    // Load balancers wait for both grants.
    expect(json.output?.waits?.depends_on?.sort()).toEqual([`\${azurerm_role_assignment.${readId}}`, `\${azurerm_role_assignment.${useId}}`].sort());
  });

  test('the grants can wait for something slow, so the new role definitions have replicated', () => {
    const stack = azureStack();
    const slow = new ResourceGroup(stack, 'slow', { name: 'slow', location: 'westeurope' });
    new AzureStaticIp(stack, 'ip', { resourceGroup: resourceGroup(), name: 'sl-ingress', clusterPrincipalId: 'p', grantAfter: [slow] });
    const assignments = Object.values(resources(synth(stack), 'azurerm_role_assignment'));
    expect(assignments).toHaveLength(2);
    for (const r of assignments) expect(r.depends_on).toEqual(['azurerm_resource_group.slow']);
  });

  test('service annotations bind the ingress load balancer to this address in this resource group', () => {
    const { stack, ip } = make();
    expect(Object.keys(ip.serviceAnnotations).sort()).toEqual([
      'service.beta.kubernetes.io/azure-load-balancer-resource-group',
      'service.beta.kubernetes.io/azure-pip-name',
    ]);
    expect(ip.serviceAnnotations['service.beta.kubernetes.io/azure-load-balancer-resource-group']).toBe('rg-test');
    expect((ip as PublicEntryPoint).loadBalancerIp).toBeUndefined();
    const e = expressions(stack, {
      pipName: ip.serviceAnnotations['service.beta.kubernetes.io/azure-pip-name'],
      address: ip.ipAddress,
      id: ip.id,
    });
    expect(e.pipName).toMatch(/^\$\{azurerm_public_ip\.[^.]+\.name\}$/);
    expect(e.address).toMatch(/^\$\{azurerm_public_ip\.[^.]+\.ip_address\}$/);
    expect(e.id).toMatch(/^\$\{azurerm_public_ip\.[^.]+\.id\}$/);
  });

  test('rejects a name Azure does not accept', () => expectValidationError(() => make({ name: 'sl ingress' }), 'name', 'sl ingress'));
});
