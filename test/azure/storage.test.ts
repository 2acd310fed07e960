import { Fn } from 'cdktf';
import { AzureBlobStorage, AzureBlobStorageProps } from '../../lib/azure/storage';
import { checkPolicies } from '../../lib/policy/aspect';
import { BucketSpec } from '../../lib/core/object-store';
import { azureStack, only, resources, synth } from '../support/synth';
import { expectValidationError, validationErrorOf } from '../support/validation-matchers';
import { NON_ZONAL_REGION, expressions, resourceGroup } from './fixtures';

const BUCKETS: BucketSpec[] = [
  { purpose: 'states', keepsState: true },
  { purpose: 'run-logs', keepsState: false, expirationDays: 60 },
  {
    purpose: 'uploads',
    keepsState: false,
    expirationDays: 1,
    cors: { allowedOrigins: ['https://spacelift.example.com'], allowedMethods: ['PUT', 'GET'], maxAgeSeconds: 600 },
  },
  { purpose: 'modules', keepsState: false },
];

function make(over: Partial<AzureBlobStorageProps> = {}) {
  const stack = azureStack();
  const storage = new AzureBlobStorage(stack, 'blob', {
    resourceGroup: resourceGroup(),
    accountName: 'slblobabc123',
    containerPrefix: 'sl',
    buckets: BUCKETS,
    ...over,
  });
  return { stack, storage };
}

function rulesOf(json: any): Record<string, any> {
  const policy = only(json, 'azurerm_storage_management_policy');
  return Object.fromEntries(policy.rule.map((r: any) => [r.name, r]));
}

describe('AzureBlobStorage', () => {
  test('account: TLS 1.2, HTTPS only, no public containers, no shared keys, Entra ID by default, ZRS in a zonal region', () => {
    const json = synth(make({ tags: { team: 'platform' } }).stack);
    expect(only(json, 'azurerm_storage_account')).toMatchObject({
      name: 'slblobabc123',
      resource_group_name: 'rg-test',
      location: 'westeurope',
      account_kind: 'StorageV2',
      account_tier: 'Standard',
      account_replication_type: 'ZRS',
      min_tls_version: 'TLS1_2',
      https_traffic_only_enabled: true,
      allow_nested_items_to_be_public: false,
      shared_access_key_enabled: false,
      default_to_oauth_authentication: true,
      infrastructure_encryption_enabled: true,
      cross_tenant_replication_enabled: false,
      local_user_enabled: false,
      sftp_enabled: false,
      tags: { team: 'platform' },
    });
  });

  test('replication: GRS by default without zones (never LRS, a single datacenter), or as given', () => {
    expect(only(synth(make({ resourceGroup: resourceGroup(NON_ZONAL_REGION) }).stack), 'azurerm_storage_account').account_replication_type).toBe('GRS');
    expect(only(synth(make({ replication: 'RAGZRS' }).stack), 'azurerm_storage_account').account_replication_type).toBe('RAGZRS');
  });

  test('shared keys can be turned on explicitly', () => {
    expect(only(synth(make({ allowSharedKeyAccess: true }).stack), 'azurerm_storage_account').shared_access_key_enabled).toBe(true);
  });

  test('blob versioning with blob and container soft delete (14 days by default)', () => {
    const props = only(synth(make().stack), 'azurerm_storage_account').blob_properties;
    expect(props.versioning_enabled).toBe(true);
    expect(props.delete_retention_policy).toEqual({ days: 14 });
    expect(props.container_delete_retention_policy).toEqual({ days: 14 });
    const custom = only(synth(make({ softDeleteDays: 30 }).stack), 'azurerm_storage_account').blob_properties;
    expect(custom.delete_retention_policy).toEqual({ days: 30 });
    expect(custom.container_delete_retention_policy).toEqual({ days: 30 });
  });

  test('CORS comes from the bucket specs', () => {
    const props = only(synth(make().stack), 'azurerm_storage_account').blob_properties;
    expect(props.cors_rule).toEqual([
      {
        allowed_origins: ['https://spacelift.example.com'],
        allowed_methods: ['PUT', 'GET'],
        allowed_headers: ['*'],
        exposed_headers: ['*'],
        max_age_in_seconds: 600,
      },
    ]);
  });

  test('no CORS rule when no bucket asks for one', () => {
    const props = only(synth(make({ buckets: [{ purpose: 'states', keepsState: true }] }).stack), 'azurerm_storage_account').blob_properties;
    expect(props.cors_rule).toBeUndefined();
  });

  test('one private container per bucket, managed by account id, named <prefix>-<purpose>', () => {
    const { stack, storage } = make();
    const json = synth(stack);
    const containers = Object.values(resources(json, 'azurerm_storage_container'));
    expect(containers.map((c: any) => c.name).sort()).toEqual(['sl-modules', 'sl-run-logs', 'sl-states', 'sl-uploads']);
    for (const c of containers) {
      expect(c.container_access_type).toBe('private');
      expect(c.storage_account_id).toMatch(/^\$\{azurerm_storage_account\.[^.]+\.id\}$/);
      expect(c.storage_account_name).toBeUndefined();
    }
    expect(Object.keys(storage.buckets).sort()).toEqual(['modules', 'run-logs', 'states', 'uploads']);
    expect(Object.keys(storage.containers).sort()).toEqual(['modules', 'run-logs', 'states', 'uploads']);
    expect(storage.kind).toBe('azure-blob');
    const e = expressions(stack, { states: storage.buckets.states, endpoint: storage.endpoint, accountId: storage.accountId });
    expect(e.states).toMatch(/^\$\{azurerm_storage_container\.[^.]*states[^.]*\.name\}$/);
    expect(e.accountId).toMatch(/^\$\{azurerm_storage_account\.[^.]+\.id\}$/);
  });

  test('the endpoint is the account URL without the trailing slash primary_blob_endpoint carries', () => {
    // test/render/aks-outputs.test.ts evaluates it with terraform: "https://acct.blob.core.windows.net/" becomes
    // "https://acct.blob.core.windows.net".
    const { stack, storage } = make();
    expect(expressions(stack, { endpoint: storage.endpoint }).endpoint).toMatch(/^\$\{trimsuffix\(azurerm_storage_account\.[^.]+\.primary_blob_endpoint, "\/"\)\}$/);
  });

  test('account and containers are protected from destroy (and from replacement) by default', () => {
    const json = synth(make().stack);
    expect(only(json, 'azurerm_storage_account').lifecycle).toEqual({ prevent_destroy: true });
    const containers = Object.values(resources(json, 'azurerm_storage_container'));
    expect(containers).toHaveLength(BUCKETS.length);
    for (const c of containers) expect(c.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('allowDestroy lets terraform destroy delete account and containers (with every blob, version and soft-deleted item)', () => {
    const json = synth(make({ allowDestroy: true }).stack);
    expect(only(json, 'azurerm_storage_account').lifecycle.prevent_destroy).toBe(false);
    for (const c of Object.values(resources(json, 'azurerm_storage_container'))) expect(c.lifecycle.prevent_destroy).toBe(false);
    // Nothing else holds the data back: no immutability policy, no legal hold, no lock.
    const account = only(json, 'azurerm_storage_account');
    expect(account.immutability_policy).toBeUndefined();
    expect(Object.keys(json.resource ?? {}).filter((t) => /lock|immutab|legal_hold/.test(t))).toEqual([]);
  });

  test('expiring buckets delete base blobs, old versions and snapshots after their expiration days', () => {
    const json = synth(make().stack);
    const policy = only(json, 'azurerm_storage_management_policy');
    expect(policy.storage_account_id).toMatch(/^\$\{azurerm_storage_account\.[^.]+\.id\}$/);
    const rules = rulesOf(json);
    expect(rules.expirerunlogs).toEqual({
      name: 'expirerunlogs',
      enabled: true,
      filters: { blob_types: ['blockBlob', 'appendBlob'], prefix_match: ['sl-run-logs/'] },
      actions: {
        base_blob: { delete_after_days_since_creation_greater_than: 60 },
        version: { delete_after_days_since_creation: 60 },
        snapshot: { delete_after_days_since_creation_greater_than: 60 },
      },
    });
    expect(rules.expireuploads.filters.prefix_match).toEqual(['sl-uploads/']);
    expect(rules.expireuploads.actions.base_blob.delete_after_days_since_creation_greater_than).toBe(1);
    expect(rules.expireuploads.actions.version.delete_after_days_since_creation).toBe(1);
  });

  test('state-keeping buckets never expire and keep old versions by default', () => {
    const rules = Object.values(rulesOf(synth(make().stack)));
    const forStates = rules.filter((r: any) => r.filters.prefix_match.includes('sl-states/'));
    expect(forStates).toEqual([]);
    expect(rules.map((r: any) => r.name).sort()).toEqual(['expirerunlogs', 'expireuploads', 'versionsmodules']);
  });

  test('stateVersionRetentionDays prunes only old versions of state-keeping buckets', () => {
    const rules = rulesOf(synth(make({ stateVersionRetentionDays: 90 }).stack));
    expect(rules.versionsstates).toEqual({
      name: 'versionsstates',
      enabled: true,
      filters: { blob_types: ['blockBlob'], prefix_match: ['sl-states/'] },
      actions: { version: { delete_after_days_since_creation: 90 } },
    });
    expect(rules.versionsstates.actions.base_blob).toBeUndefined();
  });

  test('buckets that neither expire nor keep state prune old versions after the soft-delete window', () => {
    const rules = rulesOf(synth(make({ softDeleteDays: 21 }).stack));
    expect(rules.versionsmodules).toEqual({
      name: 'versionsmodules',
      enabled: true,
      filters: { blob_types: ['blockBlob'], prefix_match: ['sl-modules/'] },
      actions: { version: { delete_after_days_since_creation: 21 } },
    });
  });

  test('a state-keeping bucket with an expiration still expires', () => {
    const rules = rulesOf(synth(make({ buckets: [{ purpose: 'cache', keepsState: true, expirationDays: 7 }] }).stack));
    expect(Object.keys(rules)).toEqual(['expirecache']);
    expect(rules.expirecache.actions.base_blob.delete_after_days_since_creation_greater_than).toBe(7);
  });

  test('no management policy when nothing expires or is pruned', () => {
    const json = synth(make({ buckets: [{ purpose: 'states', keepsState: true }] }).stack);
    expect(resources(json, 'azurerm_storage_management_policy')).toEqual({});
  });

  test('rejects purposes that collide once hyphens are removed (lifecycle rule names)', () => {
    const buckets: BucketSpec[] = [
      { purpose: 'run-logs', keepsState: false, expirationDays: 30 },
      { purpose: 'runlogs', keepsState: false, expirationDays: 7 },
    ];
    expectValidationError(() => make({ buckets }), 'buckets', 'runlogs');
  });
  test('rejects a container prefix that is not lower-case hyphenated words', () =>
    expectValidationError(() => make({ containerPrefix: 'SL_' }), 'containerPrefix', 'SL_'));
  test('rejects an account name Azure does not accept', () => expectValidationError(() => make({ accountName: 'sl-blob' }), 'accountName', 'sl-blob'));
  test('rejects a container prefix only known at apply time', () => {
    const prefix = Fn.lower('SL');
    expectValidationError(() => make({ containerPrefix: prefix }), 'containerPrefix', prefix);
  });
  test('rejects an unknown replication', () => {
    const err = validationErrorOf(() => make({ replication: 'ZLRS' as any }), 'replication', 'ZLRS');
    expect(err.allowed).toContain('one of');
  });
  test('rejects zone-redundant replication in a region without zones', () => {
    const err = validationErrorOf(() => make({ resourceGroup: resourceGroup(NON_ZONAL_REGION), replication: 'GZRS' }), 'replication', 'GZRS');
    expect(err.allowed).toContain(`${NON_ZONAL_REGION} has no availability zones`);
  });
  test('rejects soft delete out of range', () => expectValidationError(() => make({ softDeleteDays: 0 }), 'softDeleteDays', 0));
  test('rejects a state version retention out of range', () =>
    expectValidationError(() => make({ stateVersionRetentionDays: 1.5 }), 'stateVersionRetentionDays', 1.5));
  test('rejects an empty bucket list', () => expectValidationError(() => make({ buckets: [] }), 'buckets', []));
  test('rejects a purpose that is not lower-case hyphenated words', () =>
    expectValidationError(() => make({ buckets: [{ purpose: 'Run_Logs', keepsState: false }] }), 'buckets[0].purpose', 'Run_Logs'));
  test('rejects a purpose whose container name is too long', () => {
    const purpose = 'p'.repeat(61);
    const err = validationErrorOf(() => make({ buckets: [{ purpose, keepsState: false }] }), 'buckets[0].purpose', `sl-${purpose}`);
    expect(err.allowed).toContain('Azure storage container name');
  });
  test('rejects an expiration out of range', () =>
    expectValidationError(() => make({ buckets: [{ purpose: 'tmp', keepsState: false, expirationDays: 0 }] }), 'buckets[0].expirationDays', 0));
  test('rejects the same purpose twice', () => {
    const err = validationErrorOf(
      () => make({ buckets: [{ purpose: 'states', keepsState: true }, { purpose: 'states', keepsState: false }] }),
      'buckets',
      'states',
    );
    expect(err.allowed).toBe('each purpose once');
  });
});

describe('AzureBlobStorage and the policy pack', () => {
  test('passes with the defaults, in zonal regions and in regions without zones', () => {
    expect(checkPolicies(make().stack)).toMatchObject({ findings: [], suppressed: [] });
    expect(checkPolicies(make({ resourceGroup: resourceGroup(NON_ZONAL_REGION) }).stack)).toMatchObject({ findings: [], suppressed: [] });
  });

  test('shared keys and LRS are relaxations the user must suppress', () => {
    expect(checkPolicies(make({ allowSharedKeyAccess: true, replication: 'LRS' }).stack).findings.map((f) => f.ruleId)).toEqual(['AZ-ST-004', 'AZ-ST-007']);
  });
});
