import { AzureContainerRegistry, AzureContainerRegistryProps } from '../../lib/azure/registry';
import { checkPolicies } from '../../lib/policy/aspect';
import { azureStack, only, resources, synth } from '../support/synth';
import { expectValidationError, validationErrorOf } from '../support/validation-matchers';
import { NON_ZONAL_REGION, expressions, resourceGroup } from './fixtures';

function make(over: Partial<AzureContainerRegistryProps> = {}) {
  const stack = azureStack();
  const registry = new AzureContainerRegistry(stack, 'acr', { resourceGroup: resourceGroup(), name: 'slacrabc123', ...over });
  return { stack, registry };
}

function registryJson(over: Partial<AzureContainerRegistryProps> = {}): any {
  return only(synth(make(over).stack), 'azurerm_container_registry');
}

describe('AzureContainerRegistry', () => {
  test('private by default: admin user off, no anonymous pull; Premium with zone redundancy and 7-day untagged retention', () => {
    expect(registryJson({ tags: { team: 'platform' } })).toEqual({
      name: 'slacrabc123',
      resource_group_name: 'rg-test',
      location: 'westeurope',
      sku: 'Premium',
      admin_enabled: false,
      anonymous_pull_enabled: false,
      zone_redundancy_enabled: true,
      retention_policy_in_days: 7,
      tags: { team: 'platform' },
    });
  });

  test('Premium in a region without zones is not zone-redundant', () => {
    const r = registryJson({ resourceGroup: resourceGroup(NON_ZONAL_REGION) });
    expect(r.sku).toBe('Premium');
    expect(r.zone_redundancy_enabled).toBe(false);
  });

  test('untagged retention is configurable on Premium', () => {
    expect(registryJson({ untaggedRetentionDays: 30 }).retention_policy_in_days).toBe(30);
  });

  test('a cheaper SKU has neither zone redundancy nor retention, and stays private', () => {
    const r = registryJson({ sku: 'Standard' });
    expect(r).toMatchObject({ sku: 'Standard', zone_redundancy_enabled: false, admin_enabled: false, anonymous_pull_enabled: false });
    expect(r.retention_policy_in_days).toBeUndefined();
  });

  test('pullers get AcrPull on this registry', () => {
    const { stack, registry } = make({ pullers: { kubelet: 'kubelet-object-id', ci: 'ci-object-id' } });
    const json = synth(stack);
    const roles = Object.values(resources(json, 'azurerm_role_assignment'));
    expect(roles.map((r: any) => r.principal_id).sort()).toEqual(['ci-object-id', 'kubelet-object-id']);
    for (const r of roles) {
      expect(r).toMatchObject({ role_definition_name: 'AcrPull', principal_type: 'ServicePrincipal' });
      expect(r.scope).toMatch(/^\$\{azurerm_container_registry\.[^.]+\.id\}$/);
    }
    const e = expressions(stack, { name: registry.name, loginServer: registry.loginServer });
    expect(e.name).toMatch(/^\$\{azurerm_container_registry\.[^.]+\.name\}$/);
    expect(e.loginServer).toMatch(/^\$\{azurerm_container_registry\.[^.]+\.login_server\}$/);
  });

  test('grantPull adds another AcrPull assignment; no pullers means no assignments', () => {
    const { stack, registry } = make();
    expect(resources(synth(stack), 'azurerm_role_assignment')).toEqual({});
    registry.grantPull('late', 'late-object-id');
    expect(only(synth(stack), 'azurerm_role_assignment')).toMatchObject({ role_definition_name: 'AcrPull', principal_id: 'late-object-id' });
  });

  test('rejects a registry name Azure does not accept', () => expectValidationError(() => make({ name: 'sl-acr' }), 'name', 'sl-acr'));
  test('rejects an unknown SKU', () => expectValidationError(() => make({ sku: 'Classic' as any }), 'sku', 'Classic'));
  test('rejects untagged retention on a SKU without it', () => {
    const err = validationErrorOf(() => make({ sku: 'Basic', untaggedRetentionDays: 7 }), 'untaggedRetentionDays', 7);
    expect(err.allowed).toContain('unless sku is "Premium"');
  });
  test('rejects untagged retention out of range', () => {
    const err = validationErrorOf(() => make({ untaggedRetentionDays: 366 }), 'untaggedRetentionDays', 366);
    expect(err.allowed).toContain('an integer from 0 to 365');
  });
});

describe('AzureContainerRegistry and the policy pack', () => {
  test('passes with the defaults; without zones it declares the zone-redundancy exception', () => {
    expect(checkPolicies(make().stack)).toMatchObject({ findings: [], suppressed: [] });
    const zoneless = checkPolicies(make({ resourceGroup: resourceGroup(NON_ZONAL_REGION) }).stack);
    expect(zoneless.findings).toEqual([]);
    expect(zoneless.suppressed.map((f) => [f.ruleId, f.suppressedBy])).toEqual([['AZ-ACR-003', 'library']]);
  });

  test('a cheaper SKU is a relaxation the user must suppress: no zone redundancy, no retention', () => {
    expect(checkPolicies(make({ sku: 'Standard' }).stack).findings.map((f) => f.ruleId)).toEqual(['AZ-ACR-003', 'AZ-ACR-004']);
  });
});
