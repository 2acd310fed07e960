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
    scanners: { checkov: ['CKV_AZURE_141'] },
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
    scanners: { note: 'checkov CKV_AZURE_29 and trivy AVD-AZU-0020 check the same on the retired single server' },
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
    scanners: {},
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
    id: 'AZ-ST-001',
    title: 'Storage account requires TLS 1.2',
    resourceTypes: [STORAGE],
    category: 'encryption',
    severity: 'high',
    scanners: { checkov: ['CKV_AZURE_44'], trivy: ['AVD-AZU-0011'] },
    fix: 'Set min_tls_version to TLS1_2 (the azurerm 4 default).',
    check(r) {
      const v = str(r.attributes.min_tls_version);
      return v === 'TLS1_0' || v === 'TLS1_1' ? `min_tls_version is ${v}` : undefined;
    },
  },
  {
    id: 'AZ-ST-002',
    title: 'Storage account accepts HTTPS only',
    resourceTypes: [STORAGE],
    category: 'encryption',
    severity: 'high',
    scanners: { checkov: ['CKV_AZURE_3'], trivy: ['AVD-AZU-0008'] },
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
    scanners: { checkov: ['CKV_AZURE_206'], aprl: ['e6c7e1cc-2f47-264d-aa50-1da421314472'], note: 'CKV_AZURE_206 is stricter: it accepts only geo-redundant replication (GRS, RAGRS, GZRS, RAGZRS)' },
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
    scanners: { checkov: ['CKV_AZURE_233'], aprl: ['63491f70-22e4-3b4a-8b0c-845450e46fac'] },
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
      return has(r.attributes, 'retention_policy_in_days') ? undefined : 'untagged manifests are kept forever';
    },
  },
  {
    id: 'AZ-NET-001',
    title: 'No network security rule allows inbound traffic from the whole internet',
    resourceTypes: [NSG_RULE, NSG],
    category: 'network exposure',
    severity: 'critical',
    scanners: {
      checkov: ['CKV_AZURE_9', 'CKV_AZURE_10', 'CKV_AZURE_77'],
      trivy: ['AVD-AZU-0047', 'AVD-AZU-0050'],
      note: 'checkov and AVD-AZU-0050 flag SSH, RDP and UDP only; this rule, like AVD-AZU-0047, flags every port',
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
];
