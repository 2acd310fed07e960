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

  test('the cluster control plane gets Network Contributor on the address, and load balancers wait for it', () => {
    const { stack, ip } = make();
    new TerraformOutput(stack, 'waits', { value: 'x', dependsOn: [...ip.dependables] });
    const json = synth(stack);
    const roles = resources(json, 'azurerm_role_assignment');
    const [roleId, role] = Object.entries(roles)[0]!;
    expect(Object.keys(roles)).toHaveLength(1);
    expect(role).toMatchObject({ role_definition_name: 'Network Contributor', principal_id: 'cluster-principal', principal_type: 'ServicePrincipal' });
    expect(role.scope).toMatch(/^\$\{azurerm_public_ip\.[^.]+\.id\}$/);
    expect(json.output?.waits?.depends_on).toEqual([`\${azurerm_role_assignment.${roleId}}`]);
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
