import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformStack } from 'cdktf';
import { AzureSecretEscrow, AzureSecretEscrowProps, KEY_VAULT_SECRETS_OFFICER } from '../../lib/azure/secret-escrow';
import { checkPolicies } from '../../lib/policy/aspect';
import { Synthesized, azureStack, only, synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { expressions, resourceGroup } from './fixtures';

function make(over: Partial<AzureSecretEscrowProps> = {}): { stack: TerraformStack; escrow: AzureSecretEscrow } {
  const stack = azureStack();
  new RandomProvider(stack, 'random');
  const value = new Password(stack, 'key', { length: 32, special: false }).result;
  const escrow = new AzureSecretEscrow(stack, 'escrow', { resourceGroup: resourceGroup(), vaultName: 'estafette-kv-a1b2c3', secretName: 'secret-decryption-key', value, ...over });
  return { stack, escrow };
}

describe('AzureSecretEscrow', () => {
  let json: Synthesized;
  let escrow: AzureSecretEscrow;
  let stack: TerraformStack;
  beforeAll(() => {
    ({ stack, escrow } = make({ tags: { app: 'estafette' } }));
    json = synth(stack);
  });

  test('a standard vault with RBAC authorization, purge protection and 90 days of soft delete, never destroyed by accident', () => {
    expect(only(json, 'azurerm_key_vault')).toMatchObject({
      name: 'estafette-kv-a1b2c3',
      resource_group_name: 'rg-test',
      location: 'westeurope',
      sku_name: 'standard',
      rbac_authorization_enabled: true,
      purge_protection_enabled: true,
      soft_delete_retention_days: 90,
      tenant_id: expect.stringMatching(/^\$\{data\.azurerm_client_config\.[^.]+\.tenant_id\}$/),
      network_acls: { default_action: 'Allow', bypass: 'AzureServices' },
      tags: { app: 'estafette' },
      lifecycle: { prevent_destroy: true },
    });
    // No access policies: RBAC only (the deprecated flag is not used either).
    expect(only(json, 'azurerm_key_vault').access_policy).toBeUndefined();
    expect(only(json, 'azurerm_key_vault').enable_rbac_authorization).toBeUndefined();
  });

  test('the principal running Terraform gets Key Vault Secrets Officer on the vault only', () => {
    const ra = only(json, 'azurerm_role_assignment');
    expect(ra.role_definition_name).toBe(KEY_VAULT_SECRETS_OFFICER);
    expect(ra.scope).toMatch(/^\$\{azurerm_key_vault\.[^.]+\.id\}$/);
    expect(ra.principal_id).toMatch(/^\$\{data\.azurerm_client_config\.[^.]+\.object_id\}$/);
  });

  test('the secret holds the generated value, has a content type, no expiry, and is written after the role assignment', () => {
    const secret = only(json, 'azurerm_key_vault_secret');
    expect(secret).toMatchObject({ name: 'secret-decryption-key', content_type: 'text/plain', lifecycle: { prevent_destroy: true } });
    expect(secret.value).toMatch(/^\$\{random_password\.[^.]+\.result\}$/);
    expect(secret.expiration_date).toBeUndefined();
    const [raId] = Object.keys(json.resource!.azurerm_role_assignment!);
    expect(secret.depends_on).toEqual([`azurerm_role_assignment.${raId}`]);
  });

  test('the read-back command names the vault and the secret, never the value', () => {
    expect(escrow.cloud).toBe('azure');
    expect(escrow.name).toBe('secret-decryption-key');
    expect(escrow.readBackCommand).toBe('az keyvault secret show --vault-name estafette-kv-a1b2c3 --name secret-decryption-key --query value --output tsv');
  });

  test('passes the policy pack', () => {
    expect(checkPolicies(stack).findings.filter((f) => f.ruleId.startsWith('AZ-KV'))).toEqual([]);
  });

  test('a vault name that is a token goes into the read-back command through Terraform', () => {
    const s = azureStack();
    new RandomProvider(s, 'random');
    const suffix = new Password(s, 'suffix', { length: 6, special: false, upper: false }).result;
    const e = new AzureSecretEscrow(s, 'escrow', { resourceGroup: resourceGroup(), vaultName: `kv-${suffix}`, secretName: 'k', value: suffix });
    const { cmd } = expressions(s, { cmd: e.readBackCommand });
    expect(cmd).toContain('replace(');
    expect(cmd).toContain('random_password.');
  });

  test('allowed IP ranges close the vault to every other address; allowDestroy lifts prevent_destroy', () => {
    const { stack: s } = make({ allowedIpRanges: ['203.0.113.0/24'], allowDestroy: true, softDeleteRetentionDays: 7 });
    const j = synth(s);
    expect(only(j, 'azurerm_key_vault')).toMatchObject({
      network_acls: { default_action: 'Deny', bypass: 'AzureServices', ip_rules: ['203.0.113.0/24'] },
      soft_delete_retention_days: 7,
      purge_protection_enabled: true,
      lifecycle: { prevent_destroy: false },
    });
    expect(only(j, 'azurerm_key_vault_secret').lifecycle.prevent_destroy).toBe(false);
  });

  test('a given writer principal is granted instead of the caller', () => {
    const j = synth(make({ writerPrincipalId: '00000000-0000-0000-0000-000000000001' }).stack);
    expect(only(j, 'azurerm_role_assignment').principal_id).toBe('00000000-0000-0000-0000-000000000001');
  });

  test.each([
    ['vaultName', 'kv'],
    ['vaultName', 'a-vault-name-longer-than-24'],
    ['vaultName', '1vault'],
    ['vaultName', 'my--vault'],
    ['vaultName', 'vault-'],
    ['secretName', 'bad_name'],
    ['softDeleteRetentionDays', 6],
    ['softDeleteRetentionDays', 91],
    ['allowedIpRanges', []],
    ['allowedIpRanges[0]', '0.0.0.0'],
  ] as const)('rejects %s %p', (field, value) => {
    const key = field.replace(/\[\d+\]$/, '') as keyof AzureSecretEscrowProps;
    const prop = field === 'allowedIpRanges[0]' ? [value] : value;
    expectValidationError(() => make({ [key]: prop } as Partial<AzureSecretEscrowProps>), field, value);
  });

  test('rejects a literal value', () => {
    expectValidationError(() => make({ value: 'hunter2' }), 'value', '***');
  });
});
