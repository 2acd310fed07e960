import * as fs from 'fs';
import * as path from 'path';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { StorageAccount, StorageAccountConfig } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { App, Aspects, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { POLICY_SUPPRESSION_METADATA } from '../../lib/policy/suppression';
import { PolicyPack, checkPolicies, enforcePolicies, formatFinding } from '../../lib/policy/aspect';
import { PolicyRule } from '../../lib/policy/types';
import { thrown } from '../support/synth';
import { validationErrorOf } from '../support/validation-matchers';

const GOOD: StorageAccountConfig = {
  name: 'acct',
  location: 'westeurope',
  resourceGroupName: 'rg',
  accountTier: 'Standard',
  accountReplicationType: 'ZRS',
  minTlsVersion: 'TLS1_2',
  allowNestedItemsToBePublic: false,
  sharedAccessKeyEnabled: false,
  infrastructureEncryptionEnabled: true,
  blobProperties: { versioningEnabled: true, deleteRetentionPolicy: { days: 14 }, containerDeleteRetentionPolicy: { days: 14 } },
};

function stack(app: App = Testing.app(), id = 'app-stack'): TerraformStack {
  const s = new TerraformStack(app, id);
  new AzurermProvider(s, 'azurerm', { features: [{}] });
  return s;
}

function stackJson(app: App, id: string): any {
  return JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', id, 'cdk.tf.json'), 'utf8'));
}

describe('PolicyPack aspect', () => {
  test('a stack that complies synthesizes', () => {
    const app = Testing.app();
    const s = stack(app);
    new StorageAccount(s, 'account', GOOD);
    Aspects.of(s).add(new PolicyPack());
    app.synth();
    expect(stackJson(app, 'app-stack').resource.azurerm_storage_account).toBeDefined();
  });

  test('findings fail the synth, all listed with resource path, rule, fix and scanner ids, and the stack is not written', () => {
    const app = Testing.app();
    const s = stack(app);
    new StorageAccount(s, 'account', { ...GOOD, sharedAccessKeyEnabled: true, accountReplicationType: 'LRS' });
    new StorageContainer(s, 'public', { name: 'c', storageAccountId: 'x', containerAccessType: 'container' });
    Aspects.of(s).add(new PolicyPack());
    const err = thrown(() => app.synth());
    expect(err.message).toContain('app-stack/account [azurerm_storage_account.account]');
    expect(err.message).toContain('policy AZ-ST-004 (medium)');
    expect(err.message).toContain('checkov CKV2_AZURE_40');
    expect(err.message).toContain('policy AZ-ST-007 (medium)');
    expect(err.message).toContain('app-stack/public [azurerm_storage_container.public]');
    expect(err.message).toContain('policy AZ-ST-009 (high)');
    expect(err.message).toContain('trivy AVD-AZU-0007');
    expect(err.message).toMatch(/Fix: Set container_access_type to private/);
    expect(fs.existsSync(path.join(app.outdir, 'stacks', 'app-stack', 'cdk.tf.json'))).toBe(false);
  });

  test('values set with addOverride are checked as they will be synthesized', () => {
    const s = stack();
    const account = new StorageAccount(s, 'account', GOOD);
    expect(checkPolicies(s).findings).toEqual([]);
    account.addOverride('min_tls_version', 'TLS1_0');
    expect(checkPolicies(s).findings.map((f) => f.ruleId)).toEqual(['AZ-ST-001']);
  });

  test('added to a construct, it checks the resources under it; cross-resource rules still see the whole stack', () => {
    const app = Testing.app();
    const s = new TerraformStack(app, 'aws');
    const data = new Construct(s, 'data');
    const bucket = new S3Bucket(data, 'bucket', { bucket: 'acme-data' });
    new S3BucketPublicAccessBlock(s, 'outside', { bucket: bucket.id, blockPublicAcls: false, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    new StorageAccount(s, 'unchecked', { ...GOOD, sharedAccessKeyEnabled: true });
    const report = checkPolicies(data);
    expect(report.checkedResources).toBe(1);
    expect(report.findings.find((f) => f.ruleId === 'AWS-S3-001')?.message).toBe('the public access block leaves off: block_public_acls');
    expect(report.findings.every((f) => f.path === 'aws/data/bucket')).toBe(true);
  });

  test('one pack on several stacks checks each stack', () => {
    const app = Testing.app();
    const a = stack(app, 'a');
    const b = stack(app, 'b');
    new StorageAccount(a, 'account', GOOD);
    new StorageAccount(b, 'account', { ...GOOD, allowNestedItemsToBePublic: true });
    const pack = new PolicyPack();
    Aspects.of(a).add(pack);
    Aspects.of(b).add(pack);
    const err = thrown(() => app.synth());
    expect(err.message).toContain('b/account');
    expect(err.message).not.toContain('a/account');
  });

  test('a library-declared suppression with an unknown rule id fails the synth', () => {
    const app = Testing.app();
    const s = stack(app);
    const account = new StorageAccount(s, 'account', GOOD);
    account.node.addMetadata(POLICY_SUPPRESSION_METADATA, { ruleId: 'AZ-ST-999', reason: 'a reason long enough to count', by: 'library' });
    Aspects.of(s).add(new PolicyPack());
    expect(() => app.synth()).toThrow(/suppression of unknown policy rule "AZ-ST-999"/);
  });

  test('a library-declared suppression without a reason is an error, and does not suppress', () => {
    const s = stack();
    const account = new StorageAccount(s, 'account', { ...GOOD, sharedAccessKeyEnabled: true });
    account.node.addMetadata(POLICY_SUPPRESSION_METADATA, { ruleId: 'AZ-ST-004', reason: 'because', by: 'library' });
    const report = checkPolicies(s);
    expect(report.errors).toEqual([expect.stringContaining('suppression of AZ-ST-004 without a written reason')]);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['AZ-ST-004', 'AZ-ST-011']);
  });

  test('formatFinding says "none confirmed" when no scanner rule matches', () => {
    const text = formatFinding({ ruleId: 'X-Y-001', severity: 'low', title: 't', path: 'p', address: 'a.b', message: 'm', fix: 'f.', scanners: {} });
    expect(text).toContain('Scanner rules: none confirmed');
  });

  test('rejects a rule set with duplicate ids', () => {
    const rule: PolicyRule = { id: 'X-Y-001', title: 'title long enough', resourceTypes: ['aws_vpc'], category: 'logging', severity: 'low', scanners: {}, fix: 'fix long enough', check: () => undefined };
    validationErrorOf(() => new PolicyPack({ rules: [rule, rule] }), 'rules', 'X-Y-001');
  });
});

describe('enforcePolicies', () => {
  test('suppressions by construct path are applied, written to cdk.tf.json, and the synth passes', () => {
    const app = Testing.app();
    const s = stack(app);
    new StorageAccount(s, 'account', { ...GOOD, accountReplicationType: 'LRS' });
    enforcePolicies(s, { suppressions: [{ rule: 'AZ-ST-007', resource: 'app-stack/account', reason: 'scratch data that can be rebuilt from the source system' }] });
    app.synth();
    const suppressed = stackJson(app, 'app-stack').resource.azurerm_storage_account.account['//'].policy.suppressed;
    expect(suppressed).toEqual({
      'AZ-ST-007': {
        reason: 'scratch data that can be rebuilt from the source system',
        by: 'user',
        title: 'Storage account is zone- or geo-redundant',
        checkov: ['CKV_AZURE_206'],
        trivy: ['AVD-AZU-0058'],
      },
    });
    expect(checkPolicies(s).suppressed.map((f) => [f.ruleId, f.suppressedBy])).toEqual([['AZ-ST-007', 'user']]);
  });

  test('a suppression of a path that names no construct is a ValidationError naming the entry', () => {
    const s = stack();
    new StorageAccount(s, 'account', GOOD);
    const err = validationErrorOf(
      () => enforcePolicies(s, { field: 'policy.suppressions', suppressions: [{ rule: 'AZ-ST-007', resource: 'app-stack/acount', reason: 'scratch data that can be rebuilt' }] }),
      'policy.suppressions[0].resource',
      'app-stack/acount',
    );
    expect(err.path).toBe('app-stack');
  });

  test('an unknown rule id or a short reason in the list is a ValidationError naming the entry', () => {
    const s = stack();
    new StorageAccount(s, 'account', GOOD);
    validationErrorOf(() => enforcePolicies(s, { suppressions: [{ rule: 'AZ-ST-042', resource: 'app-stack/account', reason: 'scratch data that can be rebuilt' }] }), 'suppressions[0].rule', 'AZ-ST-042');
    validationErrorOf(() => enforcePolicies(s, { suppressions: [{ rule: 'AZ-ST-007', resource: 'app-stack/account', reason: 'ok' }] }), 'suppressions[0].reason', 'ok');
  });
});
