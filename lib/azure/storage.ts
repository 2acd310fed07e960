import './provider-package';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageManagementPolicy, StorageManagementPolicyRule } from '@cdktf/provider-azurerm/lib/storage-management-policy';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { AZURE_NAMES, checkName } from '../core/naming';
import { BucketSpec, ObjectStore } from '../core/object-store';
import { ValidationError, checkInt, checkList, checkOneOf, checkPattern, isUnresolved } from '../core/validation';
import { AzureResourceGroupRef } from './resource-group';
import { regionHasZones } from './regions';

/** Replication of a storage account (Azure's `account_replication_type`). */
export type AzureStorageReplication = 'LRS' | 'ZRS' | 'GRS' | 'RAGRS' | 'GZRS' | 'RAGZRS';

/** Properties of {@link AzureBlobStorage}. */
export interface AzureBlobStorageProps {
  /** Resource group the storage account is created in. */
  readonly resourceGroup: AzureResourceGroupRef;
  /** Storage account name; globally unique, so pass one with a unique suffix. */
  readonly accountName: string;
  /** Prefix of every container name: `<prefix>-<purpose>`. */
  readonly containerPrefix: string;
  /** The buckets (containers) to create, by purpose. */
  readonly buckets: readonly BucketSpec[];
  /**
   * Redundancy. LRS keeps every copy in one datacenter and trips policy AZ-ST-007.
   * @default "ZRS" in zonal regions, "GRS" (a copy in the paired region) elsewhere
   */
  readonly replication?: AzureStorageReplication;
  /** Days a deleted blob or container can be restored. @default 14 */
  readonly softDeleteDays?: number;
  /**
   * Days old versions of blobs in state-keeping containers are kept after being overwritten or deleted. Current
   * versions never expire. @default kept forever
   */
  readonly stateVersionRetentionDays?: number;
  /**
   * Allow account keys and SAS signed with them. Entra ID (workload identity) access works without. When on, the
   * account gets a SAS expiration policy that logs every SAS valid for more than a day (policy AZ-ST-011).
   * @default false
   */
  readonly allowSharedKeyAccess?: boolean;
  /**
   * Let Terraform delete the account and its containers (turns off `prevent_destroy`), for a deliberate teardown.
   * Deleting the account deletes every blob, every old version and every soft-deleted blob and container with it.
   * While off, any plan that would delete them fails, including a replacement: changing `replication` between a
   * zonal (ZRS, GZRS, RAGZRS) and a non-zonal type makes azurerm replace the account. @default false
   */
  readonly allowDestroy?: boolean;
  /** Tags for every resource. @default none */
  readonly tags?: { readonly [key: string]: string };
}

/**
 * A storage account for an app's buckets: TLS 1.2, HTTPS only, no public containers, no shared keys, infrastructure
 * encryption, blob versioning with soft delete, and one private container per bucket purpose. Lifecycle rules delete
 * temporary data (and its old versions) after the app's documented retention; containers that keep state never
 * expire. Account and containers are protected by `prevent_destroy` unless `allowDestroy` is set.
 */
export class AzureBlobStorage extends Construct implements ObjectStore {
  public readonly kind = 'azure-blob' as const;
  /** The `azurerm_storage_account` resource. */
  public readonly account: StorageAccount;
  /** The blob service URL without a trailing slash, e.g. `https://acct.blob.core.windows.net`. */
  public readonly endpoint: string;
  public readonly buckets: { readonly [purpose: string]: string };
  /** Resource id of the account: the scope for data role assignments. */
  public readonly accountId: string;
  /** Containers by purpose. */
  public readonly containers: { readonly [purpose: string]: StorageContainer };

  public constructor(scope: Construct, id: string, props: AzureBlobStorageProps) {
    super(scope, id);
    const rg = props.resourceGroup;
    checkName(this, 'accountName', props.accountName, AZURE_NAMES.storageAccount);
    if (isUnresolved(props.containerPrefix)) {
      throw new ValidationError(this, 'containerPrefix', props.containerPrefix, 'a literal prefix (container names are checked at synth)');
    }
    checkPattern(this, 'containerPrefix', props.containerPrefix, /^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters and digits in hyphen-separated words');
    const zonal = regionHasZones(rg.location);
    const replication = checkOneOf(this, 'replication', props.replication ?? (zonal ? 'ZRS' : 'GRS'), ['LRS', 'ZRS', 'GRS', 'RAGRS', 'GZRS', 'RAGZRS'] as const);
    if (!zonal && (replication === 'ZRS' || replication.endsWith('GZRS'))) {
      throw new ValidationError(this, 'replication', replication, `LRS, GRS or RAGRS: ${rg.location} has no availability zones`);
    }
    const softDeleteDays = checkInt(this, 'softDeleteDays', props.softDeleteDays ?? 14, 1, 365);
    const preventDestroy = !(props.allowDestroy ?? false);
    const stateVersionDays =
      props.stateVersionRetentionDays === undefined ? undefined : checkInt(this, 'stateVersionRetentionDays', props.stateVersionRetentionDays, 1, 36500);

    checkList(this, 'buckets', props.buckets, (b, f) => {
      checkPattern(this, `${f}.purpose`, b.purpose, /^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters and digits in hyphen-separated words');
      checkName(this, `${f}.purpose`, `${props.containerPrefix}-${b.purpose}`, AZURE_NAMES.storageContainer);
      if (b.expirationDays !== undefined) checkInt(this, `${f}.expirationDays`, b.expirationDays, 1, 36500);
    }, { minItems: 1 });
    const purposes = props.buckets.map((b) => b.purpose);
    const dup = purposes.find((p, i) => purposes.indexOf(p) !== i);
    if (dup) throw new ValidationError(this, 'buckets', dup, 'each purpose once');
    // Lifecycle rule names keep only letters and digits, so "run-logs" and "runlogs" would collide.
    const clash = purposes.find((p, i) => purposes.findIndex((q) => ruleName('', q) === ruleName('', p)) !== i);
    if (clash) throw new ValidationError(this, 'buckets', clash, 'purposes that still differ with the hyphens removed (lifecycle rule names are letters and digits only)');

    const origins = new Set<string>();
    const methods = new Set<string>();
    let maxAge = 3600;
    for (const b of props.buckets) {
      b.cors?.allowedOrigins.forEach((o) => origins.add(o));
      b.cors?.allowedMethods.forEach((m) => methods.add(m));
      if (b.cors?.maxAgeSeconds !== undefined) maxAge = b.cors.maxAgeSeconds;
    }

    this.account = new StorageAccount(this, 'account', {
      name: props.accountName,
      resourceGroupName: rg.name,
      location: rg.location,
      accountKind: 'StorageV2',
      accountTier: 'Standard',
      accountReplicationType: replication,
      accessTier: 'Hot',
      minTlsVersion: 'TLS1_2',
      httpsTrafficOnlyEnabled: true,
      allowNestedItemsToBePublic: false,
      sharedAccessKeyEnabled: props.allowSharedKeyAccess ?? false,
      // With shared keys on, SAS tokens signed with them could be valid for years: log those valid over a day.
      sasPolicy: props.allowSharedKeyAccess ? { expirationPeriod: '01.00:00:00', expirationAction: 'Log' } : undefined,
      defaultToOauthAuthentication: true,
      infrastructureEncryptionEnabled: true,
      crossTenantReplicationEnabled: false,
      localUserEnabled: false,
      sftpEnabled: false,
      // Browsers upload straight to the account with pre-signed URLs, so it keeps a public endpoint; every
      // request still needs Entra ID or a user-delegation SAS.
      publicNetworkAccessEnabled: true,
      blobProperties: {
        versioningEnabled: true,
        deleteRetentionPolicy: { days: softDeleteDays },
        containerDeleteRetentionPolicy: { days: softDeleteDays },
        corsRule:
          origins.size > 0
            ? [
                {
                  allowedOrigins: [...origins],
                  allowedMethods: [...methods],
                  allowedHeaders: ['*'],
                  exposedHeaders: ['*'],
                  maxAgeInSeconds: maxAge,
                },
              ]
            : undefined,
      },
      tags: props.tags,
      lifecycle: { preventDestroy },
    });

    const containers: Record<string, StorageContainer> = {};
    const names: Record<string, string> = {};
    const rules: StorageManagementPolicyRule[] = [];
    for (const b of props.buckets) {
      const name = `${props.containerPrefix}-${b.purpose}`;
      containers[b.purpose] = new StorageContainer(this, `container-${b.purpose}`, {
        name,
        // By account id the container is managed through Azure Resource Manager: no shared key needed.
        storageAccountId: this.account.id,
        containerAccessType: 'private',
        lifecycle: { preventDestroy },
      });
      names[b.purpose] = containers[b.purpose]!.name;
      const prefix = `${name}/`;
      if (b.expirationDays !== undefined) {
        rules.push({
          name: ruleName('expire', b.purpose),
          enabled: true,
          filters: { blobTypes: ['blockBlob', 'appendBlob'], prefixMatch: [prefix] },
          actions: {
            baseBlob: { deleteAfterDaysSinceCreationGreaterThan: b.expirationDays },
            // Versioning is account-wide: without this, every expired blob would live on as an old version.
            version: { deleteAfterDaysSinceCreation: b.expirationDays },
            snapshot: { deleteAfterDaysSinceCreationGreaterThan: b.expirationDays },
          },
        });
      } else if (!b.keepsState) {
        // Neither temporary nor state: keep current blobs, prune old versions after the soft-delete window.
        rules.push({
          name: ruleName('versions', b.purpose),
          enabled: true,
          filters: { blobTypes: ['blockBlob'], prefixMatch: [prefix] },
          actions: { version: { deleteAfterDaysSinceCreation: softDeleteDays } },
        });
      } else if (stateVersionDays !== undefined) {
        rules.push({
          name: ruleName('versions', b.purpose),
          enabled: true,
          filters: { blobTypes: ['blockBlob'], prefixMatch: [prefix] },
          actions: { version: { deleteAfterDaysSinceCreation: stateVersionDays } },
        });
      }
    }
    if (rules.length > 0) {
      new StorageManagementPolicy(this, 'lifecycle', { storageAccountId: this.account.id, rule: rules });
    }

    this.containers = containers;
    this.buckets = names;
    // `primary_blob_endpoint` ends with "/"; an account URL has none (Spacelift's own Azure module trims it too:
    // spacelift-io/terraform-azure-spacelift-selfhosted, modules/container_storage/outputs.tf). Apps append
    // "/<container>/<blob>" to it, which a trailing slash would turn into "//".
    this.endpoint = Fn.trimsuffix(this.account.primaryBlobEndpoint, '/');
    this.accountId = this.account.id;
  }
}

/** Lifecycle rule names are letters and digits only. */
function ruleName(kind: string, purpose: string): string {
  return `${kind}${purpose.replace(/[^a-z0-9]/g, '')}`;
}
