import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { POLICY_EXCEPTION_METADATA, declarePolicyException } from '../../lib/core/policy-exceptions';
import { checkPolicies } from '../../lib/policy/aspect';
import { POLICY_SUPPRESSION_METADATA, suppressionsOf } from '../../lib/policy/suppression';
import { azureStack } from '../support/synth';

describe('declarePolicyException', () => {
  test('records the exception where the policy pack reads suppressions, marked as declared by the library', () => {
    expect(POLICY_EXCEPTION_METADATA).toBe(POLICY_SUPPRESSION_METADATA);
    const stack = azureStack();
    const container = new StorageContainer(stack, 'c', { name: 'c', storageAccountId: 'x', containerAccessType: 'blob' });
    declarePolicyException(container, 'AZ-ST-009', 'public sample files that are published anyway');
    expect(suppressionsOf(container)).toEqual([{ ruleId: 'AZ-ST-009', reason: 'public sample files that are published anyway', by: 'library' }]);
    const report = checkPolicies(stack);
    expect(report.findings).toEqual([]);
    expect(report.suppressed.map((f) => [f.ruleId, f.suppressedBy, f.reason])).toEqual([['AZ-ST-009', 'library', 'public sample files that are published anyway']]);
  });
});
