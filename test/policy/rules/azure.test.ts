import { ContainerRegistry, ContainerRegistryConfig } from '@cdktf/provider-azurerm/lib/container-registry';
import { KubernetesCluster, KubernetesClusterConfig } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { KubernetesClusterNodePool, KubernetesClusterNodePoolConfig } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule, NetworkSecurityRuleConfig } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { PostgresqlFlexibleServer, PostgresqlFlexibleServerConfig } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration';
import { PostgresqlFlexibleServerDatabase } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-database';
import { StorageAccount, StorageAccountConfig } from '@cdktf/provider-azurerm/lib/storage-account';
import { PublicIp, PublicIpConfig } from '@cdktf/provider-azurerm/lib/public-ip';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { KeyVault, KeyVaultConfig } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AzureStaticIp } from '../../../lib/azure/static-ip';
import { AzureBlobStorage } from '../../../lib/azure/storage';
import { checkPolicies } from '../../../lib/policy/aspect';
import { AZURE_RULES } from '../../../lib/policy/rules/azure';
import { RuleCase, merge, ruleCases } from '../support';

const WORKSPACE = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/ws';

const GOOD_AKS: KubernetesClusterConfig = {
  name: 'aks',
  location: 'westeurope',
  resourceGroupName: 'rg',
  dnsPrefix: 'aks',
  skuTier: 'Standard',
  identity: { type: 'SystemAssigned' },
  roleBasedAccessControlEnabled: true,
  localAccountDisabled: true,
  azurePolicyEnabled: true,
  oidcIssuerEnabled: true,
  workloadIdentityEnabled: true,
  automaticUpgradeChannel: 'patch',
  nodeOsUpgradeChannel: 'NodeImage',
  apiServerAccessProfile: { authorizedIpRanges: ['203.0.113.0/24'] },
  networkProfile: { networkPlugin: 'azure', networkPluginMode: 'overlay', networkPolicy: 'cilium', networkDataPlane: 'cilium' },
  omsAgent: { logAnalyticsWorkspaceId: WORKSPACE, msiAuthForMonitoringEnabled: true },
  defaultNodePool: {
    name: 'system',
    vmSize: 'Standard_D4ds_v5',
    autoScalingEnabled: true,
    minCount: 3,
    maxCount: 6,
    maxPods: 110,
    zones: ['1', '2', '3'],
    hostEncryptionEnabled: true,
  },
};
const aks = (patch?: unknown) => (s: TerraformStack) => new KubernetesCluster(s, 'aks', merge(GOOD_AKS, patch));

const GOOD_POOL: KubernetesClusterNodePoolConfig = {
  name: 'user',
  kubernetesClusterId: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks',
  vmSize: 'Standard_D4ds_v5',
  autoScalingEnabled: true,
  minCount: 2,
  maxCount: 4,
  maxPods: 110,
  zones: ['1', '2', '3'],
  hostEncryptionEnabled: true,
};
const pool = (patch?: unknown) => (s: TerraformStack) => new KubernetesClusterNodePool(s, 'pool', merge(GOOD_POOL, patch));

const GOOD_PG: PostgresqlFlexibleServerConfig = {
  name: 'pg',
  location: 'westeurope',
  resourceGroupName: 'rg',
  version: '16',
  skuName: 'GP_Standard_D2ds_v5',
  delegatedSubnetId: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pg',
  privateDnsZoneId: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/pg.private.postgres.database.azure.com',
  publicNetworkAccessEnabled: false,
  backupRetentionDays: 14,
  autoGrowEnabled: true,
  maintenanceWindow: { dayOfWeek: 0, startHour: 2, startMinute: 0 },
  lifecycle: { preventDestroy: true },
};
const pg = (patch?: unknown) => (s: TerraformStack) => new PostgresqlFlexibleServer(s, 'pg', merge(GOOD_PG, patch));
/** A server with one configuration resource that refers to it. */
const pgWith = (name: string, value: string) => (s: TerraformStack) => {
  const server = pg()(s);
  new PostgresqlFlexibleServerConfiguration(s, `config-${name}`, { serverId: server.id, name, value });
};

const GOOD_STORAGE: StorageAccountConfig = {
  name: 'acct',
  location: 'westeurope',
  resourceGroupName: 'rg',
  accountTier: 'Standard',
  accountReplicationType: 'ZRS',
  minTlsVersion: 'TLS1_2',
  httpsTrafficOnlyEnabled: true,
  allowNestedItemsToBePublic: false,
  sharedAccessKeyEnabled: false,
  infrastructureEncryptionEnabled: true,
  blobProperties: { versioningEnabled: true, deleteRetentionPolicy: { days: 14 }, containerDeleteRetentionPolicy: { days: 14 } },
};
const storage = (patch?: unknown) => (s: TerraformStack) => new StorageAccount(s, 'acct', merge(GOOD_STORAGE, patch));

const GOOD_ACR: ContainerRegistryConfig = {
  name: 'acr',
  location: 'westeurope',
  resourceGroupName: 'rg',
  sku: 'Premium',
  adminEnabled: false,
  anonymousPullEnabled: false,
  zoneRedundancyEnabled: true,
  retentionPolicyInDays: 7,
};
const acr = (patch?: unknown) => (s: TerraformStack) => new ContainerRegistry(s, 'acr', merge(GOOD_ACR, patch));

const GOOD_NSG_RULE: NetworkSecurityRuleConfig = {
  name: 'allow-nodes',
  resourceGroupName: 'rg',
  networkSecurityGroupName: 'nsg',
  priority: 100,
  direction: 'Inbound',
  access: 'Allow',
  protocol: 'Tcp',
  sourceAddressPrefix: '10.40.0.0/20',
  sourcePortRange: '*',
  destinationAddressPrefix: '10.40.16.0/24',
  destinationPortRange: '5432',
};
const nsgRule = (patch?: unknown) => (s: TerraformStack) => new NetworkSecurityRule(s, 'rule', merge(GOOD_NSG_RULE, patch));

const GOOD_PUBLIC_IP: PublicIpConfig = {
  name: 'ingress',
  location: 'westeurope',
  resourceGroupName: 'rg',
  allocationMethod: 'Static',
  sku: 'Standard',
  zones: ['1', '2', '3'],
};
const publicIp = (patch?: unknown) => (s: TerraformStack) => new PublicIp(s, 'ip', merge(GOOD_PUBLIC_IP, patch));

/** One case per bad value of a rule, each against the same good resource. */
function badValues(rule: string, what: string, bad: Record<string, (s: TerraformStack) => void>, pass: (s: TerraformStack) => void, message?: RegExp): RuleCase[] {
  return Object.entries(bad).map(([value, fail]) => ({ rule, name: `${what} ${value}`, fail, pass, message }));
}

/** Every form of "the whole internet" an Azure network security rule accepts as a source. */
const WORLD_SOURCES = ['*', 'Internet', 'Any', '0.0.0.0', '0.0.0.0/0', '::/0'];

const GOOD_KEY_VAULT: KeyVaultConfig = {
  name: 'kv-test',
  location: 'westeurope',
  resourceGroupName: 'rg',
  tenantId: '00000000-0000-0000-0000-000000000000',
  skuName: 'standard',
  rbacAuthorizationEnabled: true,
  purgeProtectionEnabled: true,
  softDeleteRetentionDays: 90,
  lifecycle: { preventDestroy: true },
};
const keyVault = (patch?: unknown) => (s: TerraformStack) => new KeyVault(s, 'kv', merge(GOOD_KEY_VAULT, patch));

const CASES: RuleCase[] = [
  { rule: 'AZ-AKS-001', name: 'a public API server without authorized ranges (unset)', fail: aks({ apiServerAccessProfile: undefined }), pass: aks(), message: /any address/ },
  { rule: 'AZ-AKS-001', name: 'an empty list of authorized ranges', fail: aks({ apiServerAccessProfile: { authorizedIpRanges: [] } }), pass: aks({ apiServerAccessProfile: undefined, privateClusterEnabled: true }), message: /any address/ },
  { rule: 'AZ-AKS-001', name: 'privateClusterEnabled false is not a private cluster', fail: aks({ apiServerAccessProfile: undefined, privateClusterEnabled: false }), pass: aks({ privateClusterEnabled: false }) },
  ...badValues('AZ-AKS-001', 'authorized ranges that include', { '0.0.0.0/0': aks({ apiServerAccessProfile: { authorizedIpRanges: ['203.0.113.0/24', '0.0.0.0/0'] } }), '::/0': aks({ apiServerAccessProfile: { authorizedIpRanges: ['::/0'] } }) }, aks(), /every address/),
  {
    rule: 'AZ-AKS-001',
    name: 'ranges only known at apply time are not reported',
    fail: aks({ apiServerAccessProfile: { authorizedIpRanges: [] } }),
    pass: (s) => {
      const ranges = new TerraformVariable(s, 'ranges', { type: 'list(string)' });
      new KubernetesCluster(s, 'aks', merge(GOOD_AKS, { apiServerAccessProfile: { authorizedIpRanges: ranges.listValue } }));
    },
  },
  { rule: 'AZ-AKS-002', name: 'RBAC turned off (unset is on by default)', fail: aks({ roleBasedAccessControlEnabled: false }), pass: aks({ roleBasedAccessControlEnabled: undefined }) },
  { rule: 'AZ-AKS-003', name: 'no network policy engine (unset)', fail: aks({ networkProfile: { networkPolicy: undefined, networkDataPlane: undefined } }), pass: aks() },
  { rule: 'AZ-AKS-003', name: 'no network profile at all', fail: aks({ networkProfile: undefined }), pass: aks({ networkProfile: { networkPolicy: 'calico', networkDataPlane: undefined } }) },
  ...badValues('AZ-AKS-003', 'network_policy', { '""': aks({ networkProfile: { networkPolicy: '', networkDataPlane: undefined } }), none: aks({ networkProfile: { networkPolicy: 'none', networkDataPlane: undefined } }) }, aks({ networkProfile: { networkPolicy: 'azure', networkDataPlane: 'azure' } })),
  { rule: 'AZ-AKS-004', name: 'no Container insights (unset)', fail: aks({ omsAgent: undefined }), pass: aks() },
  { rule: 'AZ-AKS-005', name: 'no Azure Policy add-on (unset is off)', fail: aks({ azurePolicyEnabled: undefined }), pass: aks() },
  { rule: 'AZ-AKS-005', name: 'Azure Policy add-on false', fail: aks({ azurePolicyEnabled: false }), pass: aks({ azurePolicyEnabled: true }) },
  { rule: 'AZ-AKS-006', name: 'local accounts left on', fail: aks({ localAccountDisabled: false }), pass: aks() },
  { rule: 'AZ-AKS-006', name: 'local accounts unset (on by default)', fail: aks({ localAccountDisabled: undefined }), pass: aks({ localAccountDisabled: true }) },
  { rule: 'AZ-AKS-007', name: 'upgrade channel none', fail: aks({ automaticUpgradeChannel: 'none' }), pass: aks({ automaticUpgradeChannel: 'stable' }) },
  { rule: 'AZ-AKS-007', name: 'no upgrade channel at all (unset means none)', fail: aks({ automaticUpgradeChannel: undefined }), pass: aks() },
  ...badValues('AZ-AKS-008', 'node OS channel', { Unmanaged: aks({ nodeOsUpgradeChannel: 'Unmanaged' }), None: aks({ nodeOsUpgradeChannel: 'None' }) }, aks({ nodeOsUpgradeChannel: 'SecurityPatch' })),
  { rule: 'AZ-AKS-008', name: 'unset is NodeImage (the provider default)', fail: aks({ nodeOsUpgradeChannel: 'None' }), pass: aks({ nodeOsUpgradeChannel: undefined }) },
  { rule: 'AZ-AKS-009', name: 'the Free tier', fail: aks({ skuTier: 'Free' }), pass: aks({ skuTier: 'Premium' }) },
  { rule: 'AZ-AKS-009', name: 'no tier (Free by default)', fail: aks({ skuTier: undefined }), pass: aks() },
  { rule: 'AZ-AKS-010', name: 'cluster without host encryption', fail: aks({ defaultNodePool: { hostEncryptionEnabled: false } }), pass: aks() },
  { rule: 'AZ-AKS-010', name: 'cluster with host encryption unset (off by default)', fail: aks({ defaultNodePool: { hostEncryptionEnabled: undefined } }), pass: aks() },
  { rule: 'AZ-AKS-010', name: 'node pool without host encryption (unset)', fail: pool({ hostEncryptionEnabled: undefined }), pass: pool() },
  { rule: 'AZ-AKS-010', name: 'node pool with host encryption false', fail: pool({ hostEncryptionEnabled: false }), pass: pool() },
  { rule: 'AZ-AKS-011', name: 'max pods below 50', fail: aks({ defaultNodePool: { maxPods: 30 } }), pass: aks({ defaultNodePool: { maxPods: 50 } }), message: /max_pods is 30/ },
  { rule: 'AZ-AKS-011', name: 'default pool without max pods (unset)', fail: aks({ defaultNodePool: { maxPods: undefined } }), pass: aks() },
  { rule: 'AZ-AKS-011', name: 'node pool without max pods (unset)', fail: pool({ maxPods: undefined }), pass: pool({ maxPods: 50 }) },
  { rule: 'AZ-AKS-011', name: 'node pool with 49 pods', fail: pool({ maxPods: 49 }), pass: pool() },
  { rule: 'AZ-AKS-012', name: 'a single-zone default pool', fail: aks({ defaultNodePool: { zones: ['1'] } }), pass: aks({ defaultNodePool: { zones: ['1', '2'] } }) },
  { rule: 'AZ-AKS-012', name: 'a default pool without zones (unset)', fail: aks({ defaultNodePool: { zones: undefined } }), pass: aks() },
  { rule: 'AZ-AKS-012', name: 'a default pool with an empty zone list', fail: aks({ defaultNodePool: { zones: [] } }), pass: aks() },
  { rule: 'AZ-AKS-012', name: 'a node pool without zones (unset)', fail: pool({ zones: undefined }), pass: pool() },
  { rule: 'AZ-AKS-012', name: 'a single-zone node pool', fail: pool({ zones: ['2'] }), pass: pool() },
  { rule: 'AZ-AKS-013', name: 'autoscaler down to one node', fail: aks({ defaultNodePool: { minCount: 1 } }), pass: aks({ defaultNodePool: { minCount: 2 } }) },
  { rule: 'AZ-AKS-013', name: 'a fixed node pool without a count (one node by default)', fail: pool({ autoScalingEnabled: undefined, minCount: undefined, maxCount: undefined }), pass: pool({ autoScalingEnabled: undefined, minCount: undefined, maxCount: undefined, nodeCount: 3 }) },
  { rule: 'AZ-AKS-013', name: 'a fixed default pool of one node', fail: aks({ defaultNodePool: { autoScalingEnabled: false, minCount: undefined, maxCount: undefined, nodeCount: 1 } }), pass: aks({ defaultNodePool: { autoScalingEnabled: false, minCount: undefined, maxCount: undefined, nodeCount: 2 } }) },
  { rule: 'AZ-AKS-013', name: 'an autoscaling node pool with min_count 1', fail: pool({ minCount: 1 }), pass: pool() },
  { rule: 'AZ-AKS-014', name: 'workload identity off', fail: aks({ workloadIdentityEnabled: false }), pass: aks() },
  { rule: 'AZ-AKS-014', name: 'OIDC issuer off', fail: aks({ oidcIssuerEnabled: false }), pass: aks() },
  { rule: 'AZ-AKS-014', name: 'OIDC issuer and workload identity unset (off by default)', fail: aks({ oidcIssuerEnabled: undefined, workloadIdentityEnabled: undefined }), pass: aks() },
  { rule: 'AZ-AKS-015', name: 'default pool nodes with public IPs (unset is off)', fail: aks({ defaultNodePool: { nodePublicIpEnabled: true } }), pass: aks({ defaultNodePool: { nodePublicIpEnabled: false } }), message: /public IP/ },
  { rule: 'AZ-AKS-015', name: 'node pool nodes with public IPs', fail: pool({ nodePublicIpEnabled: true }), pass: pool({ nodePublicIpEnabled: undefined }) },
  { rule: 'AZ-AKS-016', name: 'network plugin kubenet', fail: aks({ networkProfile: { networkPlugin: 'kubenet', networkPluginMode: undefined, networkPolicy: 'calico', networkDataPlane: undefined } }), pass: aks(), message: /kubenet/ },
  { rule: 'AZ-AKS-016', name: 'network plugin none (bring your own CNI)', fail: aks({ networkProfile: { networkPlugin: 'none', networkPluginMode: undefined } }), pass: aks({ networkProfile: { networkPluginMode: undefined } }) },
  { rule: 'AZ-AKS-016', name: 'no network profile (plugin left to the API default)', fail: aks({ networkProfile: undefined }), pass: aks() },
  { rule: 'AZ-AKS-017', name: 'HTTP application routing on (unset is off)', fail: aks({ httpApplicationRoutingEnabled: true }), pass: aks({ httpApplicationRoutingEnabled: false }) },
  { rule: 'AZ-AKS-018', name: 'a default pool without the autoscaler (unset is off)', fail: aks({ defaultNodePool: { autoScalingEnabled: undefined, minCount: undefined, maxCount: undefined, nodeCount: 3 } }), pass: aks() },
  { rule: 'AZ-AKS-018', name: 'a default pool with the autoscaler false', fail: aks({ defaultNodePool: { autoScalingEnabled: false, minCount: undefined, maxCount: undefined, nodeCount: 3 } }), pass: aks() },
  { rule: 'AZ-AKS-018', name: 'a fixed node pool', fail: pool({ autoScalingEnabled: undefined, minCount: undefined, maxCount: undefined, nodeCount: 3 }), pass: pool() },
  { rule: 'AZ-PG-001', name: 'public network access on', fail: pg({ publicNetworkAccessEnabled: true }), pass: pg() },
  { rule: 'AZ-PG-001', name: 'a server outside a VNet (public by default)', fail: pg({ publicNetworkAccessEnabled: undefined, delegatedSubnetId: undefined, privateDnsZoneId: undefined }), pass: pg({ publicNetworkAccessEnabled: undefined }) },
  { rule: 'AZ-PG-002', name: 'three days of backups (unset is Azure\'s 7)', fail: pg({ backupRetentionDays: 3 }), pass: pg({ backupRetentionDays: undefined }) },
  { rule: 'AZ-PG-002', name: 'six days of backups', fail: pg({ backupRetentionDays: 6 }), pass: pg({ backupRetentionDays: 7 }) },
  ...badValues('AZ-PG-003', 'require_secure_transport', { OFF: pgWith('require_secure_transport', 'OFF'), off: pgWith('require_secure_transport', 'off') }, pgWith('require_secure_transport', 'on'), /without TLS/),
  { rule: 'AZ-PG-003', name: 'no configuration resource (Azure\'s default is on)', fail: pgWith('require_secure_transport', 'off'), pass: pg() },
  ...badValues('AZ-PG-004', 'ssl_min_protocol_version', { TLSv1: pgWith('ssl_min_protocol_version', 'TLSv1'), 'TLSv1.0': pgWith('ssl_min_protocol_version', 'TLSv1.0'), 'TLSv1.1': pgWith('ssl_min_protocol_version', 'TLSv1.1') }, pgWith('ssl_min_protocol_version', 'TLSv1.3')),
  { rule: 'AZ-PG-004', name: 'no configuration resource (Azure\'s default is TLSv1.2)', fail: pgWith('ssl_min_protocol_version', 'TLSv1.1'), pass: pg() },
  { rule: 'AZ-PG-005', name: 'server with prevent_destroy false', fail: pg({ lifecycle: { preventDestroy: false } }), pass: pg() },
  { rule: 'AZ-PG-005', name: 'server without a lifecycle (unset)', fail: pg({ lifecycle: undefined }), pass: pg() },
  {
    rule: 'AZ-PG-005',
    name: 'database without prevent_destroy',
    fail: (s) => new PostgresqlFlexibleServerDatabase(s, 'db', { name: 'app', serverId: 'x' }),
    pass: (s) => new PostgresqlFlexibleServerDatabase(s, 'db', { name: 'app', serverId: 'x', lifecycle: { preventDestroy: true } }),
  },
  { rule: 'AZ-PG-006', name: 'storage that does not grow (unset is off)', fail: pg({ autoGrowEnabled: undefined }), pass: pg() },
  { rule: 'AZ-PG-006', name: 'auto grow false', fail: pg({ autoGrowEnabled: false }), pass: pg() },
  { rule: 'AZ-PG-007', name: 'no maintenance window (unset)', fail: pg({ maintenanceWindow: undefined }), pass: pg() },
  ...badValues('AZ-PG-008', 'logging parameter turned off:', { log_checkpoints: pgWith('log_checkpoints', 'off'), log_connections: pgWith('log_connections', 'OFF'), log_disconnections: pgWith('log_disconnections', 'off') }, pgWith('log_checkpoints', 'on'), /is off/),
  { rule: 'AZ-PG-008', name: 'no configuration resource (Azure\'s defaults are on)', fail: pgWith('log_checkpoints', 'off'), pass: pg() },
  ...badValues('AZ-ST-001', 'min_tls_version', { TLS1_0: storage({ minTlsVersion: 'TLS1_0' }), TLS1_1: storage({ minTlsVersion: 'TLS1_1' }) }, storage({ minTlsVersion: 'TLS1_3' }), /min_tls_version is TLS1_/),
  { rule: 'AZ-ST-001', name: 'min_tls_version unset (an existing account keeps its old minimum)', fail: storage({ minTlsVersion: undefined }), pass: storage(), message: /not set/ },
  { rule: 'AZ-ST-002', name: 'plain HTTP allowed (unset is HTTPS only)', fail: storage({ httpsTrafficOnlyEnabled: false }), pass: storage({ httpsTrafficOnlyEnabled: undefined }) },
  { rule: 'AZ-ST-003', name: 'public blobs allowed by default (unset)', fail: storage({ allowNestedItemsToBePublic: undefined }), pass: storage() },
  { rule: 'AZ-ST-003', name: 'public blobs allowed (true)', fail: storage({ allowNestedItemsToBePublic: true }), pass: storage() },
  { rule: 'AZ-ST-004', name: 'shared keys on', fail: storage({ sharedAccessKeyEnabled: true }), pass: storage() },
  { rule: 'AZ-ST-004', name: 'shared keys unset (on by default)', fail: storage({ sharedAccessKeyEnabled: undefined }), pass: storage() },
  { rule: 'AZ-ST-005', name: 'no soft delete at all (unset)', fail: storage({ blobProperties: { deleteRetentionPolicy: undefined, containerDeleteRetentionPolicy: undefined } }), pass: storage(), message: /cannot be restored/ },
  { rule: 'AZ-ST-005', name: 'no blob_properties block', fail: storage({ blobProperties: undefined }), pass: storage() },
  { rule: 'AZ-ST-005', name: 'blob soft delete only', fail: storage({ blobProperties: { containerDeleteRetentionPolicy: undefined } }), pass: storage(), message: /deleted containers/ },
  { rule: 'AZ-ST-005', name: 'container soft delete only', fail: storage({ blobProperties: { deleteRetentionPolicy: undefined } }), pass: storage(), message: /deleted blobs/ },
  { rule: 'AZ-ST-005', name: 'blob soft delete of 0 days', fail: storage({ blobProperties: { deleteRetentionPolicy: { days: 0 } } }), pass: storage({ blobProperties: { deleteRetentionPolicy: { days: 1 } } }) },
  { rule: 'AZ-ST-006', name: 'no infrastructure encryption (unset)', fail: storage({ infrastructureEncryptionEnabled: undefined }), pass: storage() },
  { rule: 'AZ-ST-006', name: 'infrastructure encryption false', fail: storage({ infrastructureEncryptionEnabled: false }), pass: storage() },
  { rule: 'AZ-ST-007', name: 'locally redundant', fail: storage({ accountReplicationType: 'LRS' }), pass: storage({ accountReplicationType: 'GRS' }) },
  { rule: 'AZ-ST-008', name: 'versioning false', fail: storage({ blobProperties: { versioningEnabled: false } }), pass: storage() },
  { rule: 'AZ-ST-008', name: 'versioning unset (off by default)', fail: storage({ blobProperties: { versioningEnabled: undefined } }), pass: storage() },
  ...badValues(
    'AZ-ST-009',
    'container_access_type',
    {
      blob: (s) => new StorageContainer(s, 'c', { name: 'c', storageAccountId: 'x', containerAccessType: 'blob' }),
      container: (s) => new StorageContainer(s, 'c', { name: 'c', storageAccountId: 'x', containerAccessType: 'container' }),
    },
    (s) => new StorageContainer(s, 'c', { name: 'c', storageAccountId: 'x' }),
    /anyone can read/,
  ),
  { rule: 'AZ-ST-010', name: 'local users on', fail: storage({ localUserEnabled: true }), pass: storage({ localUserEnabled: false }) },
  { rule: 'AZ-ST-010', name: 'local users unset (on by default) on an SFTP account', fail: storage({ isHnsEnabled: true, sftpEnabled: true }), pass: storage({ isHnsEnabled: true, sftpEnabled: true, localUserEnabled: false }) },
  { rule: 'AZ-ST-010', name: 'local users unset on a hierarchical-namespace account', fail: storage({ isHnsEnabled: true }), pass: storage({ localUserEnabled: undefined }) },
  { rule: 'AZ-ST-011', name: 'shared keys on without a SAS policy', fail: storage({ sharedAccessKeyEnabled: true }), pass: storage({ sharedAccessKeyEnabled: true, sasPolicy: { expirationPeriod: '01.00:00:00', expirationAction: 'Block' } }) },
  { rule: 'AZ-ST-011', name: 'shared keys unset (on by default) without a SAS policy', fail: storage({ sharedAccessKeyEnabled: undefined }), pass: storage() },
  ...badValues('AZ-ST-012', 'account_kind', { Storage: storage({ accountKind: 'Storage' }), BlobStorage: storage({ accountKind: 'BlobStorage' }) }, storage({ accountKind: undefined }), /legacy/),
  { rule: 'AZ-ACR-001', name: 'admin user on (unset is off)', fail: acr({ adminEnabled: true }), pass: acr({ adminEnabled: undefined }) },
  { rule: 'AZ-ACR-002', name: 'anonymous pull on (unset is off)', fail: acr({ anonymousPullEnabled: true }), pass: acr({ anonymousPullEnabled: undefined }) },
  { rule: 'AZ-ACR-003', name: 'not zone-redundant', fail: acr({ zoneRedundancyEnabled: false }), pass: acr() },
  { rule: 'AZ-ACR-003', name: 'zone redundancy unset (off by default)', fail: acr({ zoneRedundancyEnabled: undefined }), pass: acr() },
  { rule: 'AZ-ACR-004', name: 'no untagged retention (unset)', fail: acr({ sku: 'Standard', retentionPolicyInDays: undefined }), pass: acr() },
  { rule: 'AZ-ACR-004', name: 'retention_policy_in_days 0 (turns the policy off)', fail: acr({ retentionPolicyInDays: 0 }), pass: acr({ retentionPolicyInDays: 1 }), message: /turns the retention policy off/ },
  ...badValues('AZ-NET-001', 'any port from source', Object.fromEntries(WORLD_SOURCES.map((src) => [src, nsgRule({ sourceAddressPrefix: src, destinationPortRange: '443' })])), nsgRule()),
  { rule: 'AZ-NET-001', name: 'SSH from the internet', fail: nsgRule({ sourceAddressPrefix: 'Internet', destinationPortRange: '22' }), pass: nsgRule(), message: /SSH/ },
  { rule: 'AZ-NET-001', name: 'any port from 0.0.0.0/0 (prefix list)', fail: nsgRule({ sourceAddressPrefix: undefined, sourceAddressPrefixes: ['10.0.0.0/8', '0.0.0.0/0'], destinationPortRange: '*' }), pass: nsgRule({ access: 'Deny', sourceAddressPrefix: '*' }) },
  {
    rule: 'AZ-NET-001',
    name: 'an inline rule of a network security group',
    fail: (s) =>
      new NetworkSecurityGroup(s, 'nsg', {
        name: 'nsg',
        location: 'westeurope',
        resourceGroupName: 'rg',
        securityRule: [{ ...GOOD_NSG_RULE, sourceAddressPrefix: '*', destinationPortRange: '3389' } as never],
      }),
    pass: (s) => new NetworkSecurityGroup(s, 'nsg', { name: 'nsg', location: 'westeurope', resourceGroupName: 'rg', securityRule: [{ ...GOOD_NSG_RULE, direction: 'Outbound', sourceAddressPrefix: '*' } as never] }),
    message: /RDP/,
  },
  { rule: 'AZ-NET-002', name: 'a Basic public IP', fail: publicIp({ sku: 'Basic', allocationMethod: 'Dynamic', zones: undefined }), pass: publicIp({ sku: undefined }), message: /Basic/ },
  { rule: 'AZ-NET-002', name: 'a public IP without zones (unset)', fail: publicIp({ zones: undefined }), pass: publicIp(), message: /no zones/ },
  { rule: 'AZ-NET-002', name: 'a zonal public IP (one zone)', fail: publicIp({ zones: ['1'] }), pass: publicIp({ zones: ['1', '2'] }), message: /one zone/ },
  { rule: 'AZ-NET-002', name: 'a Global-tier address needs no zones', fail: publicIp({ zones: [] }), pass: publicIp({ zones: undefined, skuTier: 'Global' }) },
  { rule: 'AZ-KV-001', name: 'a vault without purge protection (unset)', fail: keyVault({ purgeProtectionEnabled: undefined }), pass: keyVault(), message: /purge protection is off/ },
  { rule: 'AZ-KV-001', name: 'purge protection false', fail: keyVault({ purgeProtectionEnabled: false }), pass: keyVault({ softDeleteRetentionDays: undefined }) },
  { rule: 'AZ-KV-001', name: 'a soft-delete retention outside 7-90 days', fail: keyVault({ softDeleteRetentionDays: 3 }), pass: keyVault({ softDeleteRetentionDays: 7 }), message: /outside 7-90/ },
  { rule: 'AZ-KV-002', name: 'a vault without prevent_destroy', fail: keyVault({ lifecycle: undefined }), pass: keyVault() },
  {
    rule: 'AZ-KV-002',
    name: 'a secret with prevent_destroy false',
    fail: (s) => new KeyVaultSecret(s, 'secret', { name: 'k', keyVaultId: 'x', value: 'v', lifecycle: { preventDestroy: false } }),
    pass: (s) => new KeyVaultSecret(s, 'secret', { name: 'k', keyVaultId: 'x', value: 'v', lifecycle: { preventDestroy: true } }),
  },
];

describe('Azure rules', () => {
  test('every Azure rule has at least one case', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    expect(AZURE_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });
  ruleCases(CASES);
});

describe('lib/azure defaults and exceptions for the new Azure rules', () => {
  test('AzureBlobStorage with shared keys on gets a SAS expiration policy (AZ-ST-011); with them off it needs none', () => {
    const rg = { name: 'rg', location: 'westeurope', id: '/subscriptions/sub/resourceGroups/rg' };
    const build = (allowSharedKeyAccess: boolean) => {
      const stack = new TerraformStack(Testing.app(), 'blob');
      const blob = new AzureBlobStorage(stack, 'storage', { resourceGroup: rg, accountName: 'acct', containerPrefix: 'app', buckets: [{ purpose: 'states', keepsState: true }], allowSharedKeyAccess });
      return { stack, blob };
    };
    const on = build(true);
    expect(on.blob.account.sasPolicy.internalValue).toEqual({ expirationPeriod: '01.00:00:00', expirationAction: 'Log' });
    expect(checkPolicies(on.stack).findings.map((f) => f.ruleId)).toEqual(['AZ-ST-004']);
    const off = build(false);
    expect(off.blob.account.sasPolicy.internalValue).toBeUndefined();
    expect(checkPolicies(off.stack).findings).toEqual([]);
  });


  test('AzureStaticIp in a region without zones declares AZ-NET-002 (and only there)', () => {
    const rg = (location: string) => ({ name: 'rg', location, id: '/subscriptions/sub/resourceGroups/rg' });
    const app = Testing.app();
    const zonal = new TerraformStack(app, 'zonal');
    new AzureStaticIp(zonal, 'ip', { resourceGroup: rg('westeurope'), name: 'ingress', clusterPrincipalId: 'p' });
    const flat = new TerraformStack(app, 'flat');
    new AzureStaticIp(flat, 'ip', { resourceGroup: rg('westus'), name: 'ingress', clusterPrincipalId: 'p' });
    expect(checkPolicies(zonal)).toMatchObject({ findings: [], suppressed: [], errors: [] });
    const report = checkPolicies(flat);
    expect(report.findings).toEqual([]);
    expect(report.suppressed.map((f) => [f.ruleId, f.path, f.suppressedBy, f.reason])).toEqual([['AZ-NET-002', 'flat/ip/address', 'library', expect.stringMatching(/westus has no availability zones/)]]);
  });
});
