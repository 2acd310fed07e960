import { PolicyResource, PolicyRule } from '../types';
import { at, block, blocks, bool, has, isUnknown, isWorldCidr, knownStrings, num, portInRange, str, strList } from '../values';

const AKS = 'azurerm_kubernetes_cluster';
const AKS_POOL = 'azurerm_kubernetes_cluster_node_pool';
const PG = 'azurerm_postgresql_flexible_server';
const PG_DB = 'azurerm_postgresql_flexible_server_database';
const PG_CONFIG = 'azurerm_postgresql_flexible_server_configuration';
const STORAGE = 'azurerm_storage_account';
const CONTAINER = 'azurerm_storage_container';
const ACR = 'azurerm_container_registry';
const NSG = 'azurerm_network_security_group';
const NSG_RULE = 'azurerm_network_security_rule';
const PUBLIC_IP = 'azurerm_public_ip';
const KEY_VAULT = 'azurerm_key_vault';
const KEY_VAULT_SECRET = 'azurerm_key_vault_secret';

/** PostgreSQL logging parameters Azure turns on by default, which a configuration resource must not turn off. */
const PG_LOG_PARAMETERS = ['log_checkpoints', 'log_connections', 'log_disconnections'];

/** The node pool settings of a cluster (its default pool) or of a separate node pool resource. */
function pool(r: PolicyResource): { readonly [key: string]: unknown } {
  return r.type === AKS ? (block(r.attributes.default_node_pool) ?? {}) : r.attributes;
}

function poolName(r: PolicyResource): string {
  return r.type === AKS ? 'the default node pool' : 'the node pool';
}

/** Values of the flexible server configurations that belong to a server, by parameter name. */
function serverConfigurations(configs: readonly PolicyResource[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const c of configs) {
    const name = str(c.attributes.name);
    if (typeof name === 'string' && name !== 'unknown') out.set(name, c.attributes.value);
  }
  return out;
}

/** The policy rules for Azure resources. */
export const AZURE_RULES: readonly PolicyRule[] = [
  {
    id: 'AZ-AKS-001',
    title: 'AKS API server is private or restricted to authorized IP ranges',
    resourceTypes: [AKS],
    category: 'network exposure',
    severity: 'high',
    scanners: {
      checkov: ['CKV_AZURE_6'],
      trivy: ['AVD-AZU-0041'],
      note: 'checkov CKV_AZURE_115 / trivy AVD-AZU-0065 ask for a private cluster, which this rule accepts as one of two ways',
    },
    fix: 'Set api_server_access_profile.authorized_ip_ranges to the CIDRs of your offices and CI (cluster.apiServerAuthorizedIpRanges), without 0.0.0.0/0, or make the cluster private (cluster.privateCluster).',
    check(r) {
      if (bool(r.attributes.private_cluster_enabled) === true) return undefined;
      const ranges = strList(at(r.attributes, 'api_server_access_profile.authorized_ip_ranges'));
      if (ranges === 'unknown') return undefined;
      if (ranges === undefined || ranges.length === 0) return 'the public API server accepts connections from any address (no authorized IP ranges)';
      const open = ranges.filter(isWorldCidr);
      return open.length > 0 ? `the authorized IP ranges include ${open.join(', ')}, which is every address` : undefined;
    },
  },
  {
    id: 'AZ-AKS-002',
    title: 'Kubernetes RBAC is enabled on AKS',
    resourceTypes: [AKS],
    category: 'identity',
    severity: 'high',
    scanners: { checkov: ['CKV_AZURE_5'], trivy: ['AVD-AZU-0042'] },
    fix: 'Leave role_based_access_control_enabled at true (the default).',
    check(r) {
      return bool(r.attributes.role_based_access_control_enabled) === false ? 'role_based_access_control_enabled is false' : undefined;
    },
  },
  {
    id: 'AZ-AKS-003',
    title: 'AKS enforces Kubernetes network policies',
    resourceTypes: [AKS],
    category: 'network exposure',
    severity: 'medium',
    scanners: { checkov: ['CKV_AZURE_7'], trivy: ['AVD-AZU-0043'] },
    fix: 'Set network_profile.network_policy to cilium, calico or azure (cluster.networkPolicy).',
    check(r) {
      const policy = str(at(r.attributes, 'network_profile.network_policy'));
      if (policy === 'unknown') return undefined;
      return policy === undefined || policy === '' || policy === 'none' ? 'no network policy engine: every pod can reach every other pod' : undefined;
    },
  },
  {
    id: 'AZ-AKS-004',
    title: 'AKS sends container logs and metrics to Azure Monitor (Container insights)',
    resourceTypes: [AKS],
    category: 'logging',
    severity: 'medium',
    scanners: { checkov: ['CKV_AZURE_4'], trivy: ['AVD-AZU-0040'], aprl: ['dcaf8128-94bd-4d53-9235-3a0371df6b74'] },
    fix: 'Add an oms_agent block with a Log Analytics workspace (the AksCluster construct creates one unless cluster.monitoring.enabled is false).',
    check(r) {
      return has(r.attributes, 'oms_agent.log_analytics_workspace_id') ? undefined : 'no oms_agent (Container insights) block';
    },
  },
  {
    id: 'AZ-AKS-005',
    title: 'The Azure Policy add-on runs on AKS',
    resourceTypes: [AKS],
    category: 'identity',
    severity: 'low',
    scanners: { checkov: ['CKV_AZURE_116'], trivy: ['AVD-AZU-0066'], aprl: ['26ebaf1f-c70d-4ebd-8641-4b60a0ce0094'] },
    fix: 'Set azure_policy_enabled to true (cluster.azurePolicy, on by default).',
    check(r) {
      const v = bool(r.attributes.azure_policy_enabled);
      return v === true || v === 'unknown' ? undefined : 'azure_policy_enabled is not true';
    },
  },
  {
    id: 'AZ-AKS-006',
    title: 'AKS local accounts are disabled (every access goes through Entra ID)',
    resourceTypes: [AKS],
    category: 'identity',
    severity: 'medium',
    scanners: { checkov: ['CKV_AZURE_141'], aprl: ['ca324d71-54b0-4a3e-b9e4-10e767daa9fc'] },
    fix: 'Turn on Entra ID with Azure RBAC and set local_account_disabled (cluster.entraId with adminGroupObjectIds).',
    check(r) {
      const v = bool(r.attributes.local_account_disabled);
      return v === true || v === 'unknown' ? undefined : 'local accounts (the static cluster-admin certificate) are enabled';
    },
  },
  {
    id: 'AZ-AKS-007',
    title: 'AKS has an automatic upgrade channel',
    resourceTypes: [AKS],
    category: 'upgrades',
    severity: 'medium',
    scanners: { checkov: ['CKV_AZURE_171'] },
    fix: 'Set automatic_upgrade_channel to patch, stable, rapid or node-image (cluster.upgradeChannel).',
    check(r) {
      const v = str(r.attributes.automatic_upgrade_channel);
      if (v === 'unknown') return undefined;
      return v === undefined || v === 'none' ? 'no automatic upgrade channel: security patches are never applied' : undefined;
    },
  },
  {
    id: 'AZ-AKS-008',
    title: 'AKS node images receive security updates automatically',
    resourceTypes: [AKS],
    category: 'upgrades',
    severity: 'medium',
    scanners: {},
    fix: 'Set node_os_upgrade_channel to NodeImage or SecurityPatch (cluster.nodeOsUpgradeChannel).',
    check(r) {
      const v = str(r.attributes.node_os_upgrade_channel);
      return v === 'None' || v === 'Unmanaged' ? `node_os_upgrade_channel is ${v}` : undefined;
    },
  },
  {
    id: 'AZ-AKS-009',
    title: 'AKS runs on the Standard or Premium tier (uptime SLA)',
    resourceTypes: [AKS],
    category: 'high availability',
    severity: 'medium',
    scanners: { checkov: ['CKV_AZURE_170'], aprl: ['0611251f-e70f-4243-8ddd-cfe894bec2e7'] },
    fix: 'Set sku_tier to Standard or Premium (cluster.skuTier).',
    check(r) {
      const v = str(r.attributes.sku_tier);
      if (v === 'unknown') return undefined;
      return v === undefined || v === 'Free' ? 'the Free tier has no uptime SLA for the control plane' : undefined;
    },
  },
  {
    id: 'AZ-AKS-010',
    title: 'AKS nodes encrypt temp disks, caches and data flows at the host',
    resourceTypes: [AKS, AKS_POOL],
    category: 'encryption',
    severity: 'medium',
    scanners: { checkov: ['CKV_AZURE_227'] },
    fix: 'Register the EncryptionAtHost feature on the subscription, then set host_encryption_enabled (cluster.systemPool.hostEncryption).',
    check(r) {
      const v = bool(pool(r).host_encryption_enabled);
      return v === true || v === 'unknown' ? undefined : `host encryption is off on ${poolName(r)}`;
    },
  },
  {
    id: 'AZ-AKS-011',
    title: 'AKS nodes allow at least 50 pods',
    resourceTypes: [AKS, AKS_POOL],
    category: 'high availability',
    severity: 'low',
    scanners: { checkov: ['CKV_AZURE_168'] },
    fix: 'Set max_pods to 50 or more (cluster.systemPool.maxPods; 110 by default).',
    check(r) {
      const v = num(pool(r).max_pods);
      if (v === 'unknown') return undefined;
      if (v === undefined) return `max_pods is not set on ${poolName(r)} (AKS then allows 30 pods per node with Azure CNI)`;
      return v < 50 ? `max_pods is ${v} on ${poolName(r)}` : undefined;
    },
  },
  {
    id: 'AZ-AKS-012',
    title: 'AKS nodes are spread over at least two availability zones',
    resourceTypes: [AKS, AKS_POOL],
    category: 'high availability',
    severity: 'medium',
    scanners: { aprl: ['4f63619f-5001-439c-bacb-8de891287727'] },
    fix: 'Set zones to ["1", "2", "3"] (cluster.systemPool.zones) in a region with availability zones.',
    check(r) {
      const zones = strList(pool(r).zones);
      if (zones === 'unknown') return undefined;
      const n = zones?.length ?? 0;
      return n < 2 ? `${poolName(r)} uses ${n === 0 ? 'no availability zone' : 'one availability zone'}` : undefined;
    },
  },
  {
    id: 'AZ-AKS-013',
    title: 'AKS node pools keep at least two nodes',
    resourceTypes: [AKS, AKS_POOL],
    category: 'high availability',
    severity: 'medium',
    scanners: { aprl: ['7f7ae535-a5ba-4665-b7e0-c451dbdda01f', '005ccbbd-aeab-46ef-80bd-9bd4479412ec'] },
    fix: 'Enable the autoscaler with min_count of 2 or more, or set node_count to 2 or more.',
    check(r) {
      const p = pool(r);
      const autoscaling = bool(p.auto_scaling_enabled);
      if (autoscaling === 'unknown') return undefined;
      const count = num(autoscaling === true ? p.min_count : p.node_count);
      if (count === 'unknown') return undefined;
      const n = count ?? 1;
      return n < 2 ? `${poolName(r)} may run on ${n} node${n === 1 ? '' : 's'}: a node drain takes the workloads down` : undefined;
    },
  },
  {
    id: 'AZ-AKS-014',
    title: 'AKS has the OIDC issuer and workload identity (no node-wide credentials for apps)',
    resourceTypes: [AKS],
    category: 'identity',
    severity: 'medium',
    scanners: {},
    fix: 'Set oidc_issuer_enabled and workload_identity_enabled to true, and grant cloud access to workload identities, not to the kubelet identity.',
    check(r) {
      const oidc = bool(r.attributes.oidc_issuer_enabled);
      const wi = bool(r.attributes.workload_identity_enabled);
      if (oidc === 'unknown' || wi === 'unknown') return undefined;
      return oidc === true && wi === true ? undefined : 'the OIDC issuer or workload identity is off';
    },
  },
  {
    id: 'AZ-AKS-015',
    title: 'AKS nodes have no public IP addresses',
    resourceTypes: [AKS, AKS_POOL],
    category: 'network exposure',
    severity: 'high',
    scanners: { checkov: ['CKV_AZURE_143'], note: 'CKV_AZURE_143 checks the default node pool only; this rule checks separate node pools too' },
    fix: 'Leave node_public_ip_enabled at false (the default); reach nodes through the API server, and publish apps through a load balancer.',
    check(r) {
      return bool(pool(r).node_public_ip_enabled) === true ? `every node of ${poolName(r)} gets a public IP address` : undefined;
    },
  },
  {
    id: 'AZ-AKS-016',
    title: 'AKS uses Azure CNI (overlay or VNet), not kubenet',
    resourceTypes: [AKS],
    category: 'upgrades',
    severity: 'medium',
    scanners: { checkov: ['CKV2_AZURE_29'], aprl: ['c22db132-399b-4e7c-995d-577a60881be8'] },
    fix: 'Set network_profile.network_plugin to azure, with network_plugin_mode overlay (the AksCluster default).',
    check(r) {
      const plugin = str(at(r.attributes, 'network_profile.network_plugin'));
      if (plugin === 'unknown' || plugin === 'azure') return undefined;
      return plugin === undefined
        ? 'no network_profile.network_plugin: the cluster gets whatever plugin the AKS API defaults to, not Azure CNI'
        : `network_plugin is ${plugin}${plugin === 'kubenet' ? ' (kubenet is being retired by AKS)' : ''}`;
    },
  },
  {
    id: 'AZ-AKS-017',
    title: 'The AKS HTTP application routing add-on is off',
    resourceTypes: [AKS],
    category: 'network exposure',
    severity: 'medium',
    scanners: { checkov: ['CKV_AZURE_246'] },
    fix: 'Leave http_application_routing_enabled at false (the default) and run an ingress controller with TLS (Traefik by default).',
    check(r) {
      return bool(r.attributes.http_application_routing_enabled) === true
        ? 'the HTTP application routing add-on (a public DNS zone and plain-HTTP ingress meant for development, retired by Azure on 3 March 2025) is on'
        : undefined;
    },
  },
  {
    id: 'AZ-AKS-018',
    title: 'AKS node pools scale automatically',
    resourceTypes: [AKS, AKS_POOL],
    category: 'high availability',
    severity: 'medium',
    scanners: { aprl: ['902c82ff-4910-4b61-942d-0d6ef7f39b67'], note: 'APRL checks the first (system) pool; this rule checks every pool' },
    fix: 'Set auto_scaling_enabled to true with min_count and max_count (the AksCluster system pool scales between systemPool.minCount and maxCount).',
    check(r) {
      const v = bool(pool(r).auto_scaling_enabled);
      return v === true || v === 'unknown' ? undefined : `${poolName(r)} has a fixed size: pods that do not fit stay pending`;
    },
  },
  {
    id: 'AZ-PG-001',
    title: 'PostgreSQL flexible server has no public network access',
    resourceTypes: [PG],
    category: 'network exposure',
    severity: 'high',
    scanners: { trivy: ['AVD-AZU-0022'] },
    fix: 'Deploy the server into a delegated subnet with a private DNS zone, and set public_network_access_enabled to false.',
    check(r) {
      const v = bool(r.attributes.public_network_access_enabled);
      if (v === false || v === 'unknown') return undefined;
      if (v === undefined && has(r.attributes, 'delegated_subnet_id')) return undefined;
      return 'the server accepts connections from public networks';
    },
  },
  {
    id: 'AZ-PG-002',
    title: 'PostgreSQL flexible server keeps at least 7 days of backups for point-in-time restore',
    resourceTypes: [PG],
    category: 'backups',
    severity: 'medium',
    scanners: {},
    fix: 'Set backup_retention_days to 7-35 (postgres.backupRetentionDays, 14 by default).',
    check(r) {
      const v = num(r.attributes.backup_retention_days);
      if (v === 'unknown' || v === undefined) return undefined; // Azure's default is 7 days
      return v < 7 ? `backup_retention_days is ${v}` : undefined;
    },
  },
  {
    id: 'AZ-PG-003',
    title: 'PostgreSQL flexible server requires TLS (require_secure_transport is not off)',
    resourceTypes: [PG],
    category: 'encryption',
    severity: 'high',
    scanners: {
      trivy: ['AVD-AZU-0020'],
      note: 'trivy AVD-AZU-0020 reads a require_secure_transport argument, which the flexible server resource does not have, so it reports every flexible server; this rule reads the server parameter (checkov CKV_AZURE_29 checks the retired single server)',
    },
    fix: 'Leave require_secure_transport at on (Azure\'s default), or set it with an azurerm_postgresql_flexible_server_configuration.',
    check(r, ctx) {
      const configs = serverConfigurations(ctx.referring(r, PG_CONFIG));
      const v = configs.get('require_secure_transport');
      return typeof v === 'string' && !isUnknown(v) && v.toLowerCase() === 'off' ? 'require_secure_transport is off: clients may connect without TLS' : undefined;
    },
  },
  {
    id: 'AZ-PG-004',
    title: 'PostgreSQL flexible server accepts TLS 1.2 or later only',
    resourceTypes: [PG],
    category: 'encryption',
    severity: 'medium',
    scanners: {
      trivy: ['AVD-AZU-0026'],
      note: 'trivy AVD-AZU-0026 reads a tls_version argument the flexible server resource does not have (and then assumes TLS1_2); this rule reads the ssl_min_protocol_version parameter',
    },
    fix: 'Leave ssl_min_protocol_version at TLSv1.2 (Azure\'s default) or set TLSv1.3.',
    check(r, ctx) {
      const v = serverConfigurations(ctx.referring(r, PG_CONFIG)).get('ssl_min_protocol_version');
      return typeof v === 'string' && !isUnknown(v) && /^TLSv1(\.[01])?$/.test(v) ? `ssl_min_protocol_version is ${v}` : undefined;
    },
  },
  {
    id: 'AZ-PG-005',
    title: 'PostgreSQL servers and databases are protected from terraform destroy',
    resourceTypes: [PG, PG_DB],
    category: 'deletion protection',
    severity: 'high',
    scanners: {},
    fix: 'Set lifecycle.prevent_destroy (the AzurePostgres construct does unless allowDestroy is set for a teardown).',
    check(r) {
      return bool(at(r.attributes, 'lifecycle.prevent_destroy')) === true ? undefined : 'lifecycle.prevent_destroy is not set: a destroy or a replacement deletes the data';
    },
  },
  {
    id: 'AZ-PG-006',
    title: 'PostgreSQL flexible server storage grows automatically',
    resourceTypes: [PG],
    category: 'high availability',
    severity: 'low',
    scanners: { aprl: ['6293a3cc-6b4a-4c0f-9ea7-b8ae8d7dd3d5'] },
    fix: 'Set auto_grow_enabled to true.',
    check(r) {
      const v = bool(r.attributes.auto_grow_enabled);
      return v === true || v === 'unknown' ? undefined : 'storage does not grow: a full disk makes the server read-only';
    },
  },
  {
    id: 'AZ-PG-007',
    title: 'PostgreSQL flexible server has a custom maintenance window',
    resourceTypes: [PG],
    category: 'upgrades',
    severity: 'low',
    scanners: { aprl: ['b2bad57d-7e03-4c0f-9024-597c9eb295bb'] },
    fix: 'Add a maintenance_window block (postgres.maintenanceWindow; Sunday 02:00 UTC by default).',
    check(r) {
      return has(r.attributes, 'maintenance_window') ? undefined : 'Azure patches the server at a time it picks';
    },
  },
  {
    id: 'AZ-PG-008',
    title: 'PostgreSQL flexible server keeps connection and checkpoint logging on',
    resourceTypes: [PG],
    category: 'logging',
    severity: 'low',
    scanners: {
      trivy: ['AVD-AZU-0019', 'AVD-AZU-0024'],
      note: "trivy reports a server unless a configuration resource sets log_connections and log_checkpoints to on; Azure's defaults are on (log_connections is read-only on PostgreSQL 16), so this rule reports only a configuration that turns them off",
    },
    fix: 'Leave log_checkpoints, log_connections and log_disconnections at on (Azure\'s defaults); remove the configuration resource that turns them off.',
    check(r, ctx) {
      const configs = serverConfigurations(ctx.referring(r, PG_CONFIG));
      return PG_LOG_PARAMETERS.filter((name) => {
        const v = configs.get(name);
        return typeof v === 'string' && !isUnknown(v) && v.toLowerCase() === 'off';
      }).map((name) => `${name} is off: failed logins and checkpoints leave no trace in the server log`);
    },
  },
  {
    id: 'AZ-ST-001',
    title: 'Storage account requires TLS 1.2',
    resourceTypes: [STORAGE],
    category: 'encryption',
    severity: 'high',
    scanners: { checkov: ['CKV_AZURE_44'], trivy: ['AVD-AZU-0011', 'AVD-AZU-0059'] },
    fix: 'Set min_tls_version to TLS1_2 or TLS1_3.',
    check(r) {
      const v = str(r.attributes.min_tls_version);
      if (v === 'unknown' || v === 'TLS1_2' || v === 'TLS1_3') return undefined;
      // azurerm 4 creates new accounts at TLS1_2, but an account created earlier (or imported) keeps what it had.
      return v === undefined ? 'min_tls_version is not set: an existing account keeps whatever minimum it had (TLS1_0 for old accounts)' : `min_tls_version is ${v}`;
    },
  },
  {
    id: 'AZ-ST-002',
    title: 'Storage account accepts HTTPS only',
    resourceTypes: [STORAGE],
    category: 'encryption',
    severity: 'high',
    scanners: { checkov: ['CKV_AZURE_3'], trivy: ['AVD-AZU-0008', 'AVD-AZU-0059'] },
    fix: 'Leave https_traffic_only_enabled at true (the default).',
    check(r) {
      return bool(r.attributes.https_traffic_only_enabled) === false ? 'https_traffic_only_enabled is false' : undefined;
    },
  },
  {
    id: 'AZ-ST-003',
    title: 'Storage account allows no anonymous (public) blob access',
    resourceTypes: [STORAGE],
    category: 'network exposure',
    severity: 'high',
    scanners: { checkov: ['CKV_AZURE_190', 'CKV2_AZURE_47'] },
    fix: 'Set allow_nested_items_to_be_public to false (its provider default is true).',
    check(r) {
      const v = bool(r.attributes.allow_nested_items_to_be_public);
      return v === false || v === 'unknown' ? undefined : 'containers may be made public (allow_nested_items_to_be_public is not false)';
    },
  },
  {
    id: 'AZ-ST-004',
    title: 'Storage account does not accept shared keys (Entra ID only)',
    resourceTypes: [STORAGE],
    category: 'identity',
    severity: 'medium',
    scanners: { checkov: ['CKV2_AZURE_40'] },
    fix: 'Set shared_access_key_enabled to false and use Entra ID (workload identity) for data access.',
    check(r) {
      const v = bool(r.attributes.shared_access_key_enabled);
      return v === false || v === 'unknown' ? undefined : 'account keys (and SAS signed with them) are accepted';
    },
  },
  {
    id: 'AZ-ST-005',
    title: 'Storage account soft-deletes blobs and containers',
    resourceTypes: [STORAGE],
    category: 'backups',
    severity: 'medium',
    scanners: { checkov: ['CKV2_AZURE_38'], trivy: ['AVD-AZU-0056'], aprl: ['03263c57-c869-3841-9e0a-3dbb9ef3e28d'] },
    fix: 'Add blob_properties.delete_retention_policy and container_delete_retention_policy with days of 1 or more.',
    check(r) {
      const props = block(r.attributes.blob_properties);
      const problems: string[] = [];
      const blobDays = num(at(props, 'delete_retention_policy.days'));
      if (!has(props, 'delete_retention_policy') || (typeof blobDays === 'number' && blobDays < 1)) problems.push('deleted blobs cannot be restored (no delete_retention_policy)');
      if (!has(props, 'container_delete_retention_policy')) problems.push('deleted containers cannot be restored (no container_delete_retention_policy)');
      return problems;
    },
  },
  {
    id: 'AZ-ST-006',
    title: 'Storage account encrypts at the infrastructure level too (double encryption)',
    resourceTypes: [STORAGE],
    category: 'encryption',
    severity: 'low',
    scanners: { trivy: ['AVD-AZU-0061'] },
    fix: 'Set infrastructure_encryption_enabled to true (only possible when the account is created).',
    check(r) {
      const v = bool(r.attributes.infrastructure_encryption_enabled);
      return v === true || v === 'unknown' ? undefined : 'infrastructure encryption is off';
    },
  },
  {
    id: 'AZ-ST-007',
    title: 'Storage account is zone- or geo-redundant',
    resourceTypes: [STORAGE],
    category: 'high availability',
    severity: 'medium',
    scanners: {
      checkov: ['CKV_AZURE_206'],
      trivy: ['AVD-AZU-0058'],
      aprl: ['e6c7e1cc-2f47-264d-aa50-1da421314472'],
      note: 'checkov CKV_AZURE_206 and trivy AVD-AZU-0058 are stricter: they accept only geo-redundant replication (GRS, RAGRS, GZRS, RAGZRS)',
    },
    fix: 'Set account_replication_type to ZRS (zonal regions), GZRS/RAGZRS, or GRS/RAGRS (storage.replication).',
    check(r) {
      return str(r.attributes.account_replication_type) === 'LRS' ? 'LRS keeps every copy in one datacenter' : undefined;
    },
  },
  {
    id: 'AZ-ST-008',
    title: 'Storage account keeps blob versions',
    resourceTypes: [STORAGE],
    category: 'backups',
    severity: 'medium',
    scanners: { aprl: ['8ebda7c0-e0e1-ed45-af59-2d7ea9a1c05d'] },
    fix: 'Set blob_properties.versioning_enabled to true and prune old versions with lifecycle rules.',
    check(r) {
      const v = bool(at(r.attributes, 'blob_properties.versioning_enabled'));
      return v === true || v === 'unknown' ? undefined : 'an overwrite or delete cannot be undone (no blob versioning)';
    },
  },
  {
    id: 'AZ-ST-009',
    title: 'Storage containers are private',
    resourceTypes: [CONTAINER],
    category: 'network exposure',
    severity: 'high',
    scanners: { checkov: ['CKV_AZURE_34'], trivy: ['AVD-AZU-0007'] },
    fix: 'Set container_access_type to private (the default).',
    check(r) {
      const v = str(r.attributes.container_access_type);
      return v === 'blob' || v === 'container' ? `container_access_type is ${v}: anyone can read its blobs` : undefined;
    },
  },
  {
    id: 'AZ-ST-010',
    title: 'Storage account has no local users (SFTP accounts outside Entra ID)',
    resourceTypes: [STORAGE],
    category: 'identity',
    severity: 'medium',
    scanners: { checkov: ['CKV_AZURE_244'] },
    fix: 'Set local_user_enabled to false (its provider default is true) and leave SFTP off.',
    check(r) {
      const v = bool(r.attributes.local_user_enabled);
      if (v === false || v === 'unknown') return undefined;
      if (v === true) return 'local_user_enabled is true: SFTP and other local users sign in with their own keys and passwords';
      // Left out, local users are on, but they can only sign in over SFTP, which needs a hierarchical namespace.
      const sftp = bool(r.attributes.sftp_enabled) === true || bool(r.attributes.is_hns_enabled) === true;
      return sftp ? 'local_user_enabled is not set (its provider default is true) on an account with a hierarchical namespace or SFTP' : undefined;
    },
  },
  {
    id: 'AZ-ST-011',
    title: 'Storage account that accepts shared keys limits the lifetime of SAS tokens',
    resourceTypes: [STORAGE],
    category: 'identity',
    severity: 'low',
    scanners: { checkov: ['CKV2_AZURE_41'] },
    fix: 'Turn shared keys off (AZ-ST-004), or add sas_policy with an expiration_period (e.g. "01.00:00:00") and expiration_action Block.',
    check(r) {
      const keys = bool(r.attributes.shared_access_key_enabled);
      if (keys === false || keys === 'unknown') return undefined;
      return has(r.attributes, 'sas_policy.expiration_period') ? undefined : 'shared keys are accepted (its provider default) and SAS tokens signed with them may be valid for years (no sas_policy)';
    },
  },
  {
    id: 'AZ-ST-012',
    title: 'Storage account is general-purpose v2 (not a legacy account kind)',
    resourceTypes: [STORAGE],
    category: 'high availability',
    severity: 'low',
    scanners: { aprl: ['2ad78dec-5a4d-4a30-8fd1-8584335ad781'] },
    fix: 'Set account_kind to StorageV2 (the default); legacy kinds lack zone redundancy, lifecycle rules and versioning options.',
    check(r) {
      const kind = str(r.attributes.account_kind);
      return kind === 'Storage' || kind === 'BlobStorage' ? `account_kind is ${kind}, a legacy account kind` : undefined;
    },
  },
  {
    id: 'AZ-ACR-001',
    title: 'Container registry admin user is disabled',
    resourceTypes: [ACR],
    category: 'identity',
    severity: 'high',
    scanners: { checkov: ['CKV_AZURE_137'] },
    fix: 'Set admin_enabled to false; give AcrPull/AcrPush roles to identities instead.',
    check(r) {
      return bool(r.attributes.admin_enabled) === true ? 'the admin user (a shared, long-lived password) is enabled' : undefined;
    },
  },
  {
    id: 'AZ-ACR-002',
    title: 'Container registry does not allow anonymous pull',
    resourceTypes: [ACR],
    category: 'identity',
    severity: 'high',
    scanners: { checkov: ['CKV_AZURE_138'], aprl: ['03f4a7d8-c5b4-7842-8e6e-14997a34842b'] },
    fix: 'Set anonymous_pull_enabled to false; grant AcrPull to the identities that pull.',
    check(r) {
      return bool(r.attributes.anonymous_pull_enabled) === true ? 'anyone on the internet can pull every image' : undefined;
    },
  },
  {
    id: 'AZ-ACR-003',
    title: 'Container registry is zone-redundant',
    resourceTypes: [ACR],
    category: 'high availability',
    severity: 'low',
    scanners: {
      checkov: ['CKV_AZURE_233'],
      aprl: ['63491f70-22e4-3b4a-8b0c-845450e46fac', 'eb005943-40a8-194b-9db2-474d430046b7'],
      note: 'APRL eb005943 asks for the Premium tier, which zone redundancy needs: a Basic or Standard registry fails this rule',
    },
    fix: 'Use the Premium SKU with zone_redundancy_enabled in a region with availability zones (registry.sku).',
    check(r) {
      const v = bool(r.attributes.zone_redundancy_enabled);
      return v === true || v === 'unknown' ? undefined : 'the registry lives in one zone';
    },
  },
  {
    id: 'AZ-ACR-004',
    title: 'Container registry deletes untagged manifests after a retention period',
    resourceTypes: [ACR],
    category: 'supply chain',
    severity: 'low',
    scanners: { checkov: ['CKV_AZURE_167'] },
    fix: 'Use the Premium SKU and set retention_policy_in_days (registry.untaggedRetentionDays).',
    check(r) {
      // The provider turns the policy on only for a value above 0.
      const days = num(r.attributes.retention_policy_in_days);
      if (days === 'unknown') return undefined;
      if (days === undefined) return 'untagged manifests are kept forever (no retention_policy_in_days)';
      return days > 0 ? undefined : `retention_policy_in_days is ${days}, which turns the retention policy off`;
    },
  },
  {
    id: 'AZ-NET-001',
    title: 'No network security rule allows inbound traffic from the whole internet',
    resourceTypes: [NSG_RULE, NSG],
    category: 'network exposure',
    severity: 'critical',
    scanners: {
      checkov: ['CKV_AZURE_9', 'CKV_AZURE_10', 'CKV_AZURE_77', 'CKV_AZURE_160'],
      trivy: ['AVD-AZU-0047', 'AVD-AZU-0050', 'AVD-AZU-0048', 'AVD-AZU-0074'],
      note: 'checkov and trivy AVD-AZU-0048/0050/0074 flag SSH, RDP, HTTP, UDP or a list of sensitive ports; this rule, like AVD-AZU-0047, flags every port',
    },
    fix: 'Restrict source_address_prefix(es) to the networks that need access, or use a load balancer or an ingress controller in front.',
    check(r) {
      const rules = r.type === NSG_RULE ? [r.attributes] : blocks(r.attributes.security_rule);
      const problems: string[] = [];
      for (const rule of rules) {
        if (str(rule.direction) !== 'Inbound' || str(rule.access) !== 'Allow') continue;
        const sources = [...knownStrings(rule.source_address_prefix), ...knownStrings(rule.source_address_prefixes)];
        const open = sources.filter(isWorldCidr);
        if (open.length === 0) continue;
        const ports = [...knownStrings(rule.destination_port_range), ...knownStrings(rule.destination_port_ranges)];
        const label = ports.some((p) => portInRange(22, p)) ? ' (includes SSH)' : ports.some((p) => portInRange(3389, p)) ? ' (includes RDP)' : '';
        problems.push(`rule ${String(rule.name ?? r.attributes.name)} allows inbound ${ports.join(', ') || 'traffic'}${label} from ${open.join(', ')}`);
      }
      return problems;
    },
  },
  {
    id: 'AZ-NET-002',
    title: 'Public IP addresses are Standard SKU and zone-redundant',
    resourceTypes: [PUBLIC_IP],
    category: 'high availability',
    severity: 'medium',
    scanners: { aprl: ['c63b81fb-7afc-894c-a840-91bb8a8dcfaf', '5cea1501-6fe4-4ec4-ac8f-f72320eb18d3'] },
    fix: 'Use the Standard SKU (the azurerm 4 default) with zones ["1", "2", "3"] in a region with availability zones.',
    check(r) {
      const problems: string[] = [];
      if (str(r.attributes.sku) === 'Basic') problems.push('the Basic SKU is retired and has no zone redundancy');
      // A Global (cross-region) address is anycast: zones do not apply.
      if (str(r.attributes.sku_tier) !== 'Global') {
        const zones = strList(r.attributes.zones);
        if (zones !== 'unknown' && (zones?.length ?? 0) < 2) {
          problems.push(`the address ${zones?.length === 1 ? 'lives in one zone' : 'has no zones'}: a zone outage can take it down`);
        }
      }
      return problems;
    },
  },
  {
    id: 'AZ-KV-001',
    title: 'Key Vaults have purge protection and keep deleted vaults and secrets 7 to 90 days',
    resourceTypes: [KEY_VAULT],
    category: 'deletion protection',
    severity: 'high',
    scanners: {
      checkov: ['CKV_AZURE_110', 'CKV_AZURE_42'],
      trivy: ['AVD-AZU-0016'],
      note: 'checkov CKV_AZURE_111 checks soft_delete_enabled, an argument azurerm 4 no longer has (soft delete is always on)',
    },
    fix: 'Set purge_protection_enabled to true (it cannot be turned off again) and soft_delete_retention_days between 7 and 90 (90, the default, is what the escrow constructs use).',
    check(r) {
      const problems: string[] = [];
      const purge = bool(r.attributes.purge_protection_enabled);
      if (purge !== true && purge !== 'unknown') problems.push('purge protection is off: anyone who may delete the vault may also purge it, and every secret in it, for good');
      const days = num(r.attributes.soft_delete_retention_days);
      if (typeof days === 'number' && (days < 7 || days > 90)) problems.push(`soft_delete_retention_days is ${days}, outside 7-90`);
      return problems;
    },
  },
  {
    id: 'AZ-KV-002',
    title: 'Key Vaults and their secrets are protected from terraform destroy',
    resourceTypes: [KEY_VAULT, KEY_VAULT_SECRET],
    category: 'deletion protection',
    severity: 'medium',
    scanners: {},
    fix: 'Set lifecycle.prevent_destroy (AzureSecretEscrow does unless allowDestroy is set for a teardown).',
    check(r) {
      return bool(at(r.attributes, 'lifecycle.prevent_destroy')) === true ? undefined : 'lifecycle.prevent_destroy is not set: a destroy or a replacement deletes it (soft-deleted, then gone after the retention)';
    },
  },
];
