import { ContainerRegistry, ContainerRegistryConfig } from '@cdktf/provider-azurerm/lib/container-registry';
import { KubernetesCluster, KubernetesClusterConfig } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { KubernetesClusterNodePool, KubernetesClusterNodePoolConfig } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule, NetworkSecurityRuleConfig } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { PostgresqlFlexibleServer, PostgresqlFlexibleServerConfig } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration';
import { PostgresqlFlexibleServerDatabase } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-database';
import { StorageAccount, StorageAccountConfig } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { TerraformStack, TerraformVariable } from 'cdktf';
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

const CASES: RuleCase[] = [
  { rule: 'AZ-AKS-001', name: 'a public API server without authorized ranges', fail: aks({ apiServerAccessProfile: undefined }), pass: aks(), message: /any address/ },
  { rule: 'AZ-AKS-001', name: 'authorized ranges that include 0.0.0.0/0', fail: aks({ apiServerAccessProfile: { authorizedIpRanges: ['203.0.113.0/24', '0.0.0.0/0'] } }), pass: aks({ apiServerAccessProfile: undefined, privateClusterEnabled: true }), message: /0\.0\.0\.0\/0/ },
  {
    rule: 'AZ-AKS-001',
    name: 'ranges only known at apply time are not reported',
    fail: aks({ apiServerAccessProfile: { authorizedIpRanges: [] } }),
    pass: (s) => {
      const ranges = new TerraformVariable(s, 'ranges', { type: 'list(string)' });
      new KubernetesCluster(s, 'aks', merge(GOOD_AKS, { apiServerAccessProfile: { authorizedIpRanges: ranges.listValue } }));
    },
  },
  { rule: 'AZ-AKS-002', name: 'RBAC turned off', fail: aks({ roleBasedAccessControlEnabled: false }), pass: aks({ roleBasedAccessControlEnabled: undefined }) },
  { rule: 'AZ-AKS-003', name: 'no network policy engine', fail: aks({ networkProfile: { networkPolicy: undefined, networkDataPlane: undefined } }), pass: aks() },
  { rule: 'AZ-AKS-004', name: 'no Container insights', fail: aks({ omsAgent: undefined }), pass: aks() },
  { rule: 'AZ-AKS-005', name: 'no Azure Policy add-on', fail: aks({ azurePolicyEnabled: undefined }), pass: aks() },
  { rule: 'AZ-AKS-006', name: 'local accounts left on', fail: aks({ localAccountDisabled: false }), pass: aks() },
  { rule: 'AZ-AKS-007', name: 'upgrade channel none', fail: aks({ automaticUpgradeChannel: 'none' }), pass: aks({ automaticUpgradeChannel: 'stable' }) },
  { rule: 'AZ-AKS-007', name: 'no upgrade channel at all', fail: aks({ automaticUpgradeChannel: undefined }), pass: aks() },
  { rule: 'AZ-AKS-008', name: 'unmanaged node OS updates', fail: aks({ nodeOsUpgradeChannel: 'Unmanaged' }), pass: aks({ nodeOsUpgradeChannel: 'SecurityPatch' }) },
  { rule: 'AZ-AKS-009', name: 'the Free tier', fail: aks({ skuTier: 'Free' }), pass: aks({ skuTier: 'Premium' }) },
  { rule: 'AZ-AKS-009', name: 'no tier (Free by default)', fail: aks({ skuTier: undefined }), pass: aks() },
  { rule: 'AZ-AKS-010', name: 'cluster without host encryption', fail: aks({ defaultNodePool: { hostEncryptionEnabled: false } }), pass: aks() },
  { rule: 'AZ-AKS-010', name: 'node pool without host encryption', fail: pool({ hostEncryptionEnabled: undefined }), pass: pool() },
  { rule: 'AZ-AKS-011', name: 'max pods below 50', fail: aks({ defaultNodePool: { maxPods: 30 } }), pass: aks(), message: /max_pods is 30/ },
  { rule: 'AZ-AKS-011', name: 'node pool without max pods', fail: pool({ maxPods: undefined }), pass: pool({ maxPods: 50 }) },
  { rule: 'AZ-AKS-012', name: 'a single-zone default pool', fail: aks({ defaultNodePool: { zones: ['1'] } }), pass: aks() },
  { rule: 'AZ-AKS-012', name: 'a node pool without zones', fail: pool({ zones: undefined }), pass: pool() },
  { rule: 'AZ-AKS-013', name: 'autoscaler down to one node', fail: aks({ defaultNodePool: { minCount: 1 } }), pass: aks() },
  { rule: 'AZ-AKS-013', name: 'a fixed pool of one node (the default count)', fail: pool({ autoScalingEnabled: undefined, minCount: undefined, maxCount: undefined }), pass: pool({ autoScalingEnabled: undefined, minCount: undefined, maxCount: undefined, nodeCount: 3 }) },
  { rule: 'AZ-AKS-014', name: 'no workload identity', fail: aks({ workloadIdentityEnabled: false }), pass: aks() },
  { rule: 'AZ-PG-001', name: 'public network access on', fail: pg({ publicNetworkAccessEnabled: true }), pass: pg() },
  { rule: 'AZ-PG-001', name: 'a server outside a VNet (public by default)', fail: pg({ publicNetworkAccessEnabled: undefined, delegatedSubnetId: undefined, privateDnsZoneId: undefined }), pass: pg({ publicNetworkAccessEnabled: undefined }) },
  { rule: 'AZ-PG-002', name: 'three days of backups', fail: pg({ backupRetentionDays: 3 }), pass: pg({ backupRetentionDays: undefined }) },
  { rule: 'AZ-PG-003', name: 'require_secure_transport off', fail: pgWith('require_secure_transport', 'OFF'), pass: pgWith('require_secure_transport', 'on'), message: /without TLS/ },
  { rule: 'AZ-PG-004', name: 'TLS 1.1 allowed', fail: pgWith('ssl_min_protocol_version', 'TLSv1.1'), pass: pgWith('ssl_min_protocol_version', 'TLSv1.3') },
  { rule: 'AZ-PG-005', name: 'server without prevent_destroy', fail: pg({ lifecycle: { preventDestroy: false } }), pass: pg() },
  {
    rule: 'AZ-PG-005',
    name: 'database without prevent_destroy',
    fail: (s) => new PostgresqlFlexibleServerDatabase(s, 'db', { name: 'app', serverId: 'x' }),
    pass: (s) => new PostgresqlFlexibleServerDatabase(s, 'db', { name: 'app', serverId: 'x', lifecycle: { preventDestroy: true } }),
  },
  { rule: 'AZ-PG-006', name: 'storage that does not grow', fail: pg({ autoGrowEnabled: undefined }), pass: pg() },
  { rule: 'AZ-PG-007', name: 'no maintenance window', fail: pg({ maintenanceWindow: undefined }), pass: pg() },
  { rule: 'AZ-ST-001', name: 'TLS 1.0 allowed', fail: storage({ minTlsVersion: 'TLS1_0' }), pass: storage({ minTlsVersion: undefined }) },
  { rule: 'AZ-ST-002', name: 'plain HTTP allowed', fail: storage({ httpsTrafficOnlyEnabled: false }), pass: storage({ httpsTrafficOnlyEnabled: undefined }) },
  { rule: 'AZ-ST-003', name: 'public blobs allowed by default', fail: storage({ allowNestedItemsToBePublic: undefined }), pass: storage() },
  { rule: 'AZ-ST-004', name: 'shared keys on', fail: storage({ sharedAccessKeyEnabled: true }), pass: storage() },
  { rule: 'AZ-ST-005', name: 'no soft delete', fail: storage({ blobProperties: { deleteRetentionPolicy: undefined, containerDeleteRetentionPolicy: undefined } }), pass: storage(), message: /cannot be restored/ },
  { rule: 'AZ-ST-006', name: 'no infrastructure encryption', fail: storage({ infrastructureEncryptionEnabled: undefined }), pass: storage() },
  { rule: 'AZ-ST-007', name: 'locally redundant', fail: storage({ accountReplicationType: 'LRS' }), pass: storage({ accountReplicationType: 'GRS' }) },
  { rule: 'AZ-ST-008', name: 'no versioning', fail: storage({ blobProperties: { versioningEnabled: false } }), pass: storage() },
  {
    rule: 'AZ-ST-009',
    name: 'a container readable by anyone',
    fail: (s) => new StorageContainer(s, 'c', { name: 'c', storageAccountId: 'x', containerAccessType: 'blob' }),
    pass: (s) => new StorageContainer(s, 'c', { name: 'c', storageAccountId: 'x' }),
  },
  { rule: 'AZ-ACR-001', name: 'admin user on', fail: acr({ adminEnabled: true }), pass: acr({ adminEnabled: undefined }) },
  { rule: 'AZ-ACR-002', name: 'anonymous pull on', fail: acr({ anonymousPullEnabled: true }), pass: acr() },
  { rule: 'AZ-ACR-003', name: 'not zone-redundant', fail: acr({ zoneRedundancyEnabled: false }), pass: acr() },
  { rule: 'AZ-ACR-004', name: 'no untagged retention', fail: acr({ sku: 'Standard', retentionPolicyInDays: undefined }), pass: acr() },
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
];

describe('Azure rules', () => {
  test('every Azure rule has at least one case', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    expect(AZURE_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });
  ruleCases(CASES);
});
