import { AzureResourceGroup, AzureResourceGroupProps } from '../../lib/azure/resource-group';
import { azureStack, only, resources, synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { expressions } from './fixtures';

function make(over: Partial<AzureResourceGroupProps> = {}) {
  const stack = azureStack();
  const group = new AzureResourceGroup(stack, 'rg', { name: 'spacelift-prod', location: 'westeurope', ...over });
  return { stack, group };
}

describe('AzureResourceGroup', () => {
  test('creates the group in the region with its tags, and exposes its name and id', () => {
    const { stack, group } = make({ tags: { team: 'platform' } });
    const json = synth(stack);
    expect(only(json, 'azurerm_resource_group')).toEqual({ name: 'spacelift-prod', location: 'westeurope', tags: { team: 'platform' } });
    expect(json.data?.azurerm_resource_group).toBeUndefined();
    expect(group.location).toBe('westeurope');
    const e = expressions(stack, { name: group.name, id: group.id });
    expect(e.name).toMatch(/^\$\{azurerm_resource_group\.[^.]+\.name\}$/);
    expect(e.id).toMatch(/^\$\{azurerm_resource_group\.[^.]+\.id\}$/);
  });

  test('an existing group is looked up instead of created', () => {
    const { stack, group } = make({ existing: true, location: 'northeurope' });
    const json = synth(stack);
    expect(resources(json, 'azurerm_resource_group')).toEqual({});
    const data = Object.values(json.data?.azurerm_resource_group ?? {});
    expect(data).toEqual([{ name: 'spacelift-prod' }]);
    expect(group.location).toBe('northeurope');
    const e = expressions(stack, { name: group.name, id: group.id });
    expect(e.name).toMatch(/^\$\{data\.azurerm_resource_group\.[^.]+\.name\}$/);
    expect(e.id).toMatch(/^\$\{data\.azurerm_resource_group\.[^.]+\.id\}$/);
  });

  test('rejects a name Azure does not accept', () => expectValidationError(() => make({ name: 'spacelift.' }), 'name', 'spacelift.'));
  test('rejects an unknown region', () => expectValidationError(() => make({ location: 'West Europe' }), 'location', 'West Europe'));
});
