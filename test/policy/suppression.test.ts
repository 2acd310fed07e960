import { ContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { checkPolicies } from '../../lib/policy/aspect';
import { MIN_REASON_LENGTH, POLICY_SUPPRESSION_METADATA, suppressPolicy, suppressionsOf } from '../../lib/policy/suppression';
import { POLICY_EXCEPTION_METADATA } from '../../lib/core/policy-exceptions';
import { validationErrorOf } from '../support/validation-matchers';

const REASON = 'public sample data that is published anyway';

function setup() {
  const stack = new TerraformStack(Testing.app(), 's');
  const group = new Construct(stack, 'group');
  const a = new StorageContainer(group, 'a', { name: 'a', storageAccountId: 'x', containerAccessType: 'blob' });
  const b = new StorageContainer(group, 'b', { name: 'b', storageAccountId: 'x', containerAccessType: 'container' });
  return { stack, group, a, b };
}

describe('suppressPolicy', () => {
  test('on a resource: the finding moves to suppressed, with the reason', () => {
    const { stack, a } = setup();
    expect(suppressPolicy(a, 'AZ-ST-009', `  ${REASON}  `)).toEqual([a]);
    const report = checkPolicies(stack);
    expect(report.suppressed.map((f) => [f.path, f.ruleId, f.reason, f.suppressedBy])).toEqual([['s/group/a', 'AZ-ST-009', REASON, 'user']]);
    expect(report.findings.map((f) => f.path)).toEqual(['s/group/b']);
  });

  test('on a construct: every resource under it that the rule checks', () => {
    const { stack, group, a, b } = setup();
    expect(suppressPolicy(group, 'AZ-ST-009', REASON)).toEqual([a, b]);
    expect(checkPolicies(stack).findings).toEqual([]);
    expect(suppressionsOf(b)).toEqual([{ ruleId: 'AZ-ST-009', reason: REASON, by: 'user' }]);
  });

  test('an unknown rule id is a ValidationError', () => {
    const { a } = setup();
    const err = validationErrorOf(() => suppressPolicy(a, 'AZ-ST-99', REASON), 'ruleId', 'AZ-ST-99');
    expect(err.path).toBe('s/group/a');
    expect(err.allowed).toMatch(/docs\/security.md/);
  });

  test(`a reason shorter than ${MIN_REASON_LENGTH} characters (after trimming) is a ValidationError`, () => {
    const { a } = setup();
    validationErrorOf(() => suppressPolicy(a, 'AZ-ST-009', '   too short   '), 'reason', '   too short   ');
    validationErrorOf(() => suppressPolicy(a, 'AZ-ST-009', ''), 'reason', '');
  });

  test('a rule that checks none of the resources at the target is a ValidationError', () => {
    const { stack } = setup();
    const registry = new ContainerRegistry(stack, 'acr', { name: 'acr', location: 'westeurope', resourceGroupName: 'rg', sku: 'Premium' });
    const err = validationErrorOf(() => suppressPolicy(registry, 'AZ-ST-009', REASON), 'ruleId', 'AZ-ST-009');
    expect(err.allowed).toContain('azurerm_container_registry');
    const empty = new Construct(stack, 'empty');
    expect(validationErrorOf(() => suppressPolicy(empty, 'AZ-ST-009', REASON), 'ruleId', 'AZ-ST-009').allowed).toContain('no resources');
  });

  test('a suppression of a rule that does not check the resource type, recorded by hand, is reported as an error', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const account = new StorageAccount(stack, 'acct', { name: 'a', location: 'westeurope', resourceGroupName: 'rg', accountTier: 'Standard', accountReplicationType: 'ZRS' });
    account.node.addMetadata(POLICY_SUPPRESSION_METADATA, { ruleId: 'AZ-ACR-001', reason: REASON, by: 'library' });
    expect(checkPolicies(stack).errors).toEqual([expect.stringContaining('suppression of AZ-ACR-001, which does not check azurerm_storage_account')]);
  });

  test('lib/azure records its declared exceptions under the same metadata type', () => {
    expect(POLICY_EXCEPTION_METADATA).toBe(POLICY_SUPPRESSION_METADATA);
  });
});
