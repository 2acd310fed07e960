import { PolicyContext, PolicyResource, PolicyRule } from '../types';
import { at, block, blocks, bool, has, isUnknown, isWorldCidr, knownStrings, num, str, strList } from '../values';

const GKE = 'google_container_cluster';
const GKE_POOL = 'google_container_node_pool';
const SQL = 'google_sql_database_instance';
const BUCKET = 'google_storage_bucket';
const BUCKET_IAM = ['google_storage_bucket_iam_member', 'google_storage_bucket_iam_binding'];
const AR = 'google_artifact_registry_repository';
const AR_IAM = ['google_artifact_registry_repository_iam_member', 'google_artifact_registry_repository_iam_binding'];
const KMS_KEY = 'google_kms_crypto_key';
const SECRET = 'google_secret_manager_secret';
const SUBNET = 'google_compute_subnetwork';
const FIREWALL = 'google_compute_firewall';
const PROJECT_IAM = ['google_project_iam_member', 'google_project_iam_binding'];
const SERVICE_ACCOUNT = 'google_service_account';

const PUBLIC_MEMBERS = ['allUsers', 'allAuthenticatedUsers'];

/** Subnetworks that hold no VMs (proxy-only subnets): Google offers neither flow logs nor Private Google Access there. */
const PROXY_ONLY_PURPOSES = ['REGIONAL_MANAGED_PROXY', 'GLOBAL_MANAGED_PROXY', 'INTERNAL_HTTPS_LOAD_BALANCER'];

/** Basic roles: thousands of permissions each. */
const BASIC_ROLES = ['roles/owner', 'roles/editor', 'roles/viewer'];

/** Roles that, granted on the whole project, let a member act as (or manage) every service account in it. */
const IMPERSONATION_ROLES = [
  'roles/iam.serviceAccountUser',
  'roles/iam.serviceAccountTokenCreator',
  'roles/iam.serviceAccountOpenIdTokenCreator',
  'roles/iam.workloadIdentityUser',
  'roles/iam.serviceAccountAdmin',
  'roles/iam.serviceAccountKeyAdmin',
  'roles/iam.securityAdmin',
];

/** The Compute Engine and App Engine default service accounts (Editor on the project when they are created). */
function isDefaultServiceAccount(member: string): boolean {
  return /-compute@developer\.gserviceaccount\.com$/.test(member) || /@appspot\.gserviceaccount\.com$/.test(member);
}

function autopilot(r: PolicyResource): boolean {
  return r.type === GKE && bool(r.attributes.enable_autopilot) === true;
}

/**
 * The node settings a rule checks: a node pool's `node_config`, or the cluster's own `node_config` when the cluster
 * keeps its default pool. Undefined for Autopilot clusters (Google manages the nodes) and clusters that remove the
 * default pool.
 */
function nodeConfig(r: PolicyResource): { readonly [key: string]: unknown } | undefined {
  if (r.type === GKE_POOL) return block(r.attributes.node_config) ?? {};
  if (autopilot(r) || bool(r.attributes.remove_default_node_pool) === true) return undefined;
  return block(r.attributes.node_config) ?? {};
}

function nodesName(r: PolicyResource): string {
  return r.type === GKE_POOL ? 'the node pool' : "the cluster's default node pool";
}

function iamMembers(r: PolicyResource): string[] {
  return [...knownStrings(r.attributes.member), ...knownStrings(r.attributes.members)];
}

/** Every member of an IAM member or binding resource, known or not (`member` or each entry of `members`). */
function iamMemberValues(r: PolicyResource): unknown[] {
  const many = r.attributes.members;
  return [...(r.attributes.member === undefined ? [] : [r.attributes.member]), ...(Array.isArray(many) ? many : many === undefined ? [] : [many])];
}

/** A member that is a service account: `serviceAccount:...`, or a reference to a google_service_account in the stack. */
function serviceAccountMember(value: unknown, ctx: PolicyContext): string | undefined {
  const v = str(value);
  if (typeof v === 'string' && v !== 'unknown') return v.startsWith('serviceAccount:') ? v : undefined;
  const target = ctx.referenced(value);
  return target?.type === SERVICE_ACCOUNT ? `the service account ${target.address}` : undefined;
}

/** PostgreSQL flags of a Cloud SQL instance by name; `'unknown'` when the list is only known at apply time. */
function databaseFlags(r: PolicyResource): Map<string, string> | 'unknown' {
  const raw = at(r.attributes, 'settings.database_flags');
  if (typeof raw === 'string' || (Array.isArray(raw) && raw.some((f) => typeof f === 'string' && isUnknown(f)))) return 'unknown';
  const flags = new Map<string, string>();
  for (const f of blocks(raw)) {
    const name = str(f.name);
    if (name === 'unknown') return 'unknown';
    if (name === undefined) continue;
    const value = str(f.value);
    flags.set(name, value === undefined ? '' : value);
  }
  return flags;
}

const ON = /^(on|true|yes|1)$/i;

/** How many zones a node pool spreads over: its (or its cluster's) node_locations, else 1 for a zone, 2 or more for a region. */
function zonesOf(r: PolicyResource, ctx: PolicyContext): number | undefined {
  const cluster = clusterOf(r, ctx);
  for (const source of [r, cluster]) {
    const locations = strList(source?.attributes.node_locations);
    if (locations === 'unknown') return undefined;
    if (Array.isArray(locations) && locations.length > 0) return locations.length;
  }
  const location = str(r.attributes.location) ?? str(cluster?.attributes.location);
  if (location === undefined || location === 'unknown') return undefined;
  if (/^[a-z]+-[a-z]+\d+-[a-z]$/.test(location)) return 1;
  return /^[a-z]+-[a-z]+\d+$/.test(location) ? 2 : undefined;
}

/** The ports a firewall allow block opens beyond 80 and 443, as text; empty when it opens only those. */
function exposedFirewallPorts(allow: { readonly [key: string]: unknown }): string {
  const protocol = (str(allow.protocol) ?? '').toLowerCase();
  if (protocol === 'unknown') return '';
  if (protocol === 'all') return 'all protocols and ports';
  const raw = allow.ports;
  if (isUnknown(raw)) return '';
  const ports = Array.isArray(raw) ? raw.map(String) : raw === undefined || raw === null ? [] : [String(raw)];
  const withPorts = ['tcp', 'udp', 'sctp', '6', '17', '132'].includes(protocol);
  if (!withPorts) return `protocol ${protocol}`;
  if (ports.length === 0) return `every ${protocol} port`;
  const open = ports.filter((p) => p !== '80' && p !== '443');
  return open.length > 0 ? `${protocol} ${open.join(', ')}` : '';
}

/** The cluster a node pool belongs to, when it is in the stack. */
function clusterOf(r: PolicyResource, ctx: PolicyContext): PolicyResource | undefined {
  const c = ctx.referenced(r.attributes.cluster);
  return c?.type === GKE ? c : undefined;
}

/** Seconds of a duration such as "7776000s". */
function seconds(value: unknown): number | undefined | 'unknown' {
  const s = str(value);
  if (s === 'unknown') return 'unknown';
  if (s === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)s$/.exec(s);
  return m ? Number(m[1]) : undefined;
}

/** The policy rules for Google Cloud resources. */
export const GCP_RULES: readonly PolicyRule[] = [
  {
    id: 'GCP-GKE-001',
    title: 'GKE control plane is private or restricted to authorized networks',
    resourceTypes: [GKE],
    category: 'network exposure',
    severity: 'high',
    scanners: {
      checkov: ['CKV_GCP_20', 'CKV_GCP_18'],
      trivy: ['AVD-GCP-0061'],
      note: 'trivy AVD-GCP-0053 is stricter: it flags any public CIDR among the authorized networks, so only a private endpoint passes it',
    },
    fix: 'Add master_authorized_networks_config with the CIDRs of your offices and CI (no 0.0.0.0/0, no gcp_public_cidrs_access_enabled), or use a private endpoint.',
    check(r) {
      if (bool(at(r.attributes, 'private_cluster_config.enable_private_endpoint')) === true) return undefined;
      if (bool(at(r.attributes, 'control_plane_endpoints_config.ip_endpoints_config.enabled')) === false) return undefined;
      const man = block(r.attributes.master_authorized_networks_config);
      if (man === undefined) return 'the control plane accepts connections from any address (no master_authorized_networks_config)';
      const problems: string[] = [];
      const open = blocks(man.cidr_blocks).flatMap((b) => knownStrings(b.cidr_block)).filter(isWorldCidr);
      if (open.length > 0) problems.push(`the authorized networks include ${open.join(', ')}`);
      if (bool(man.gcp_public_cidrs_access_enabled) === true) problems.push('gcp_public_cidrs_access_enabled lets every Google Cloud address reach the control plane');
      return problems;
    },
  },
  {
    id: 'GCP-GKE-002',
    title: 'GKE nodes have private addresses only',
    resourceTypes: [GKE, GKE_POOL],
    category: 'network exposure',
    severity: 'medium',
    scanners: { checkov: ['CKV_GCP_64', 'CKV_GCP_25'], trivy: ['AVD-GCP-0059'] },
    fix: 'Set private_cluster_config.enable_private_nodes to true and give the nodes a Cloud NAT for egress; leave a node pool\'s network_config.enable_private_nodes unset (it follows the cluster) or true.',
    unknownValues: 'a node pool without network_config.enable_private_nodes follows its cluster, which the rule checks itself',
    check(r) {
      if (r.type === GKE_POOL) {
        return bool(at(r.attributes, 'network_config.enable_private_nodes')) === false ? 'the node pool gives its nodes public IP addresses (network_config.enable_private_nodes is false)' : undefined;
      }
      const v = bool(at(r.attributes, 'private_cluster_config.enable_private_nodes'));
      return v === true || v === 'unknown' ? undefined : 'nodes get public IP addresses';
    },
  },
  {
    id: 'GCP-GKE-003',
    title: 'GKE enforces Kubernetes network policies',
    resourceTypes: [GKE],
    category: 'network exposure',
    severity: 'medium',
    scanners: {
      checkov: ['CKV_GCP_12'],
      trivy: ['AVD-GCP-0056'],
      note: 'checkov CKV_GCP_12 also reports a Dataplane V2 cluster that has no network_policy block, although Dataplane V2 enforces network policies',
    },
    fix: 'Use Autopilot or GKE Dataplane V2 (datapath_provider = ADVANCED_DATAPATH), or enable network_policy.',
    check(r) {
      if (autopilot(r) || str(r.attributes.datapath_provider) === 'ADVANCED_DATAPATH' || str(r.attributes.datapath_provider) === 'unknown') return undefined;
      return bool(at(r.attributes, 'network_policy.enabled')) === true ? undefined : 'no network policy enforcement: every pod can reach every other pod';
    },
  },
  {
    id: 'GCP-GKE-004',
    title: 'GKE has Workload Identity (pods never use the node service account)',
    resourceTypes: [GKE],
    category: 'identity',
    severity: 'high',
    scanners: { note: 'checkov CKV_GCP_69 and trivy AVD-GCP-0057 check the node side (GCP-GKE-015)' },
    fix: 'Use Autopilot, or set workload_identity_config.workload_pool to "<project>.svc.id.goog".',
    check(r) {
      if (autopilot(r)) return undefined;
      return has(r.attributes, 'workload_identity_config.workload_pool') ? undefined : 'no workload_identity_config: pods would use the node service account';
    },
  },
  {
    id: 'GCP-GKE-005',
    title: 'GKE legacy ABAC is disabled',
    resourceTypes: [GKE],
    category: 'identity',
    severity: 'high',
    scanners: { checkov: ['CKV_GCP_7'], trivy: ['AVD-GCP-0062'] },
    fix: 'Leave enable_legacy_abac at false (the default).',
    check(r) {
      return bool(r.attributes.enable_legacy_abac) === true ? 'legacy ABAC grants broad permissions outside RBAC' : undefined;
    },
  },
  {
    id: 'GCP-GKE-006',
    title: 'GKE issues no client certificates (no static credentials)',
    resourceTypes: [GKE],
    category: 'identity',
    severity: 'high',
    scanners: { checkov: ['CKV_GCP_13'], trivy: ['AVD-GCP-0064'] },
    fix: 'Leave master_auth.client_certificate_config.issue_client_certificate at false.',
    check(r) {
      return bool(at(r.attributes, 'master_auth.client_certificate_config.issue_client_certificate')) === true ? 'a long-lived client certificate is issued' : undefined;
    },
  },
  {
    id: 'GCP-GKE-007',
    title: 'GKE sends logs and metrics to Cloud Logging and Monitoring',
    resourceTypes: [GKE],
    category: 'logging',
    severity: 'medium',
    scanners: { checkov: ['CKV_GCP_1', 'CKV_GCP_8'], trivy: ['AVD-GCP-0060', 'AVD-GCP-0052'] },
    fix: 'Leave logging_service and monitoring_service at their defaults (or logging_config/monitoring_config with components).',
    check(r) {
      const problems: string[] = [];
      if (str(r.attributes.logging_service) === 'none') problems.push('logging_service is none');
      if (str(r.attributes.monitoring_service) === 'none') problems.push('monitoring_service is none');
      const components = strList(at(r.attributes, 'logging_config.enable_components'));
      if (Array.isArray(components) && components.length === 0) problems.push('logging_config enables no component');
      return problems;
    },
  },
  {
    id: 'GCP-GKE-008',
    title: 'GKE is enrolled in a release channel',
    resourceTypes: [GKE],
    category: 'upgrades',
    severity: 'medium',
    scanners: { checkov: ['CKV_GCP_70'] },
    fix: 'Set release_channel.channel to REGULAR or STABLE.',
    check(r) {
      const v = str(at(r.attributes, 'release_channel.channel'));
      if (v === 'unknown') return undefined;
      return v === undefined || v === 'UNSPECIFIED' ? 'no release channel: security patches are not applied automatically' : undefined;
    },
  },
  {
    id: 'GCP-GKE-009',
    title: 'GKE uses Shielded GKE Nodes',
    resourceTypes: [GKE],
    category: 'identity',
    severity: 'medium',
    scanners: { checkov: ['CKV_GCP_71'], trivy: ['AVD-GCP-0055'] },
    fix: 'Leave enable_shielded_nodes at true (the default).',
    check(r) {
      return bool(r.attributes.enable_shielded_nodes) === false ? 'shielded nodes are off' : undefined;
    },
  },
  {
    id: 'GCP-GKE-010',
    title: 'GKE cluster has deletion protection',
    resourceTypes: [GKE],
    category: 'deletion protection',
    severity: 'medium',
    scanners: {},
    fix: 'Leave deletion_protection at true (the default) and lift it only for a teardown.',
    check(r) {
      return bool(r.attributes.deletion_protection) === false ? 'deletion_protection is false' : undefined;
    },
  },
  {
    id: 'GCP-GKE-011',
    title: 'GKE cluster is regional (control plane and nodes in several zones)',
    resourceTypes: [GKE],
    category: 'high availability',
    severity: 'medium',
    scanners: {},
    fix: 'Set location to a region (e.g. europe-west1), not a zone.',
    check(r) {
      const v = str(r.attributes.location);
      return typeof v === 'string' && v !== 'unknown' && /^[a-z]+-[a-z]+\d+-[a-z]$/.test(v) ? `location ${v} is a single zone` : undefined;
    },
  },
  {
    id: 'GCP-GKE-012',
    title: 'GKE node pools repair and upgrade themselves',
    resourceTypes: [GKE_POOL],
    category: 'upgrades',
    severity: 'medium',
    scanners: { checkov: ['CKV_GCP_9', 'CKV_GCP_10'], trivy: ['AVD-GCP-0063', 'AVD-GCP-0058'] },
    fix: 'Leave management.auto_repair and management.auto_upgrade at true (the defaults).',
    check(r) {
      const problems: string[] = [];
      if (bool(at(r.attributes, 'management.auto_repair')) === false) problems.push('auto_repair is off');
      if (bool(at(r.attributes, 'management.auto_upgrade')) === false) problems.push('auto_upgrade is off');
      return problems;
    },
  },
  {
    id: 'GCP-GKE-013',
    title: 'GKE nodes run Container-Optimized OS',
    resourceTypes: [GKE, GKE_POOL],
    category: 'supply chain',
    severity: 'low',
    scanners: { checkov: ['CKV_GCP_22'], trivy: ['AVD-GCP-0054'] },
    fix: 'Leave node_config.image_type unset or set COS_CONTAINERD.',
    check(r) {
      const v = str(nodeConfig(r)?.image_type);
      return typeof v === 'string' && v !== 'unknown' && !/^cos/i.test(v) ? `${nodesName(r)} uses image type ${v}` : undefined;
    },
  },
  {
    id: 'GCP-GKE-014',
    title: 'GKE nodes run as a dedicated service account, not the Compute Engine default',
    resourceTypes: [GKE, GKE_POOL],
    category: 'identity',
    severity: 'high',
    scanners: { checkov: ['CKV2_GCP_1'], trivy: ['AVD-GCP-0050'] },
    fix: 'Create a service account with the minimal node roles and set node_config.service_account (cluster_autoscaling.auto_provisioning_defaults.service_account on Autopilot).',
    check(r) {
      const sa = autopilot(r) ? at(r.attributes, 'cluster_autoscaling.auto_provisioning_defaults.service_account') : nodeConfig(r)?.service_account;
      if (!autopilot(r) && nodeConfig(r) === undefined) return undefined;
      const v = str(sa);
      if (v === 'unknown') return undefined;
      return v === undefined || v === 'default' || v.endsWith('-compute@developer.gserviceaccount.com')
        ? `${autopilot(r) ? 'Autopilot nodes' : nodesName(r)} run as the Compute Engine default service account (Editor on the project)`
        : undefined;
    },
  },
  {
    id: 'GCP-GKE-015',
    title: 'GKE nodes serve the GKE metadata server to pods',
    resourceTypes: [GKE, GKE_POOL],
    category: 'identity',
    severity: 'high',
    scanners: { checkov: ['CKV_GCP_69'], trivy: ['AVD-GCP-0057'], note: 'checkov CKV_GCP_69 also reports Autopilot clusters, which always run the GKE metadata server and have no node_config' },
    fix: 'Set node_config.workload_metadata_config.mode to GKE_METADATA (the default on clusters with Workload Identity).',
    unknownValues: 'a node pool without the setting passes when its cluster (in the same stack) has Workload Identity',
    check(r, ctx) {
      const cfg = nodeConfig(r);
      if (cfg === undefined) return undefined;
      const mode = str(at(cfg, 'workload_metadata_config.mode'));
      if (mode === 'unknown' || mode === 'GKE_METADATA') return undefined;
      if (mode === undefined) {
        const cluster = r.type === GKE ? r : clusterOf(r, ctx);
        if (cluster === undefined || has(cluster.attributes, 'workload_identity_config.workload_pool')) return undefined;
        return `${nodesName(r)} exposes the node's metadata server (and its credentials) to pods`;
      }
      return `${nodesName(r)} uses workload metadata mode ${mode}`;
    },
  },
  {
    id: 'GCP-GKE-016',
    title: 'GKE nodes use secure boot and integrity monitoring',
    resourceTypes: [GKE, GKE_POOL],
    category: 'supply chain',
    severity: 'low',
    scanners: { checkov: ['CKV_GCP_68', 'CKV_GCP_72'] },
    fix: 'Set node_config.shielded_instance_config.enable_secure_boot to true (integrity monitoring is on by default).',
    check(r) {
      const cfg = nodeConfig(r);
      if (cfg === undefined) return undefined;
      const problems: string[] = [];
      const boot = bool(at(cfg, 'shielded_instance_config.enable_secure_boot'));
      if (boot !== true && boot !== 'unknown') problems.push(`secure boot is off on ${nodesName(r)}`);
      if (bool(at(cfg, 'shielded_instance_config.enable_integrity_monitoring')) === false) problems.push(`integrity monitoring is off on ${nodesName(r)}`);
      return problems;
    },
  },
  {
    id: 'GCP-GKE-017',
    title: 'GKE cluster is not an alpha cluster',
    resourceTypes: [GKE],
    category: 'upgrades',
    severity: 'high',
    scanners: { checkov: ['CKV2_GCP_19'] },
    fix: 'Leave enable_kubernetes_alpha at false (the default): an alpha cluster cannot be upgraded and GKE deletes it after 30 days.',
    check(r) {
      return bool(r.attributes.enable_kubernetes_alpha) === true ? 'an alpha cluster is never upgraded and is deleted after 30 days' : undefined;
    },
  },
  {
    id: 'GCP-GKE-018',
    title: 'GKE cluster is VPC-native (alias IP ranges), not routes-based',
    resourceTypes: [GKE],
    category: 'network exposure',
    severity: 'low',
    scanners: { checkov: ['CKV_GCP_23'], trivy: ['AVD-GCP-0049'], note: 'the scanners want ip_allocation_policy written out; this rule accepts it left to GKE, which makes new clusters VPC-native' },
    fix: 'Leave networking_mode at VPC_NATIVE (the default for new clusters) and give ip_allocation_policy the secondary ranges for pods and Services.',
    check(r) {
      return str(r.attributes.networking_mode) === 'ROUTES' ? 'networking_mode ROUTES: pod addresses are not VPC addresses (no private cluster, no per-pod firewalling)' : undefined;
    },
  },
  {
    id: 'GCP-GKE-019',
    title: 'GKE node pools keep at least two nodes',
    resourceTypes: [GKE_POOL],
    category: 'high availability',
    severity: 'medium',
    scanners: {},
    fix: 'Set autoscaling.total_min_node_count to 2 or more (or min_node_count per zone, or node_count without autoscaling, so that the zones together hold 2 or more).',
    unknownValues: 'per-zone counts are multiplied by the zones: node_locations, else 1 for a zonal and at least 2 for a regional pool; a pool whose location is only known at apply time is checked on total_min_node_count only',
    check(r, ctx) {
      const auto = block(r.attributes.autoscaling);
      if (auto !== undefined) {
        const total = num(auto.total_min_node_count);
        if (total === 'unknown') return undefined;
        if (typeof total === 'number') return total < 2 ? `the autoscaler may shrink the pool to ${total} node(s)` : undefined;
      }
      const perZone = auto !== undefined ? num(auto.min_node_count) : num(r.attributes.node_count ?? r.attributes.initial_node_count);
      if (perZone === 'unknown') return undefined;
      const zones = zonesOf(r, ctx);
      if (zones === undefined) return undefined;
      // Unset: the autoscaler's minimum is 0; a pool without autoscaling starts with 1 node per zone.
      const nodes = (perZone ?? (auto !== undefined ? 0 : 1)) * zones;
      if (nodes >= 2) return undefined;
      return auto !== undefined ? `the autoscaler may shrink the pool to ${nodes} node(s)` : `the pool has ${nodes} node`;
    },
  },
  {
    id: 'GCP-SQL-001',
    title: 'Cloud SQL has no public IP address',
    resourceTypes: [SQL],
    category: 'network exposure',
    severity: 'high',
    scanners: { checkov: ['CKV_GCP_60'], trivy: ['AVD-GCP-0017'] },
    fix: 'Set settings.ip_configuration.ipv4_enabled to false and connect through private services access (private_network).',
    check(r) {
      const v = bool(at(r.attributes, 'settings.ip_configuration.ipv4_enabled'));
      return v === false || v === 'unknown' ? undefined : 'the instance gets a public IPv4 address';
    },
  },
  {
    id: 'GCP-SQL-002',
    title: 'Cloud SQL accepts encrypted connections only',
    resourceTypes: [SQL],
    category: 'encryption',
    severity: 'high',
    scanners: { checkov: ['CKV_GCP_6'], trivy: ['AVD-GCP-0015'] },
    fix: 'Set settings.ip_configuration.ssl_mode to ENCRYPTED_ONLY (or TRUSTED_CLIENT_CERTIFICATE_REQUIRED); left unset, Cloud SQL accepts unencrypted connections.',
    check(r) {
      const v = str(at(r.attributes, 'settings.ip_configuration.ssl_mode'));
      if (v === 'unknown' || v === 'ENCRYPTED_ONLY' || v === 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED') return undefined;
      return v === undefined ? 'ssl_mode is not set: Cloud SQL then accepts unencrypted connections' : `ssl_mode is ${v}: unencrypted connections are accepted`;
    },
  },
  {
    id: 'GCP-SQL-003',
    title: 'Cloud SQL keeps automated backups (7 or more) and point-in-time recovery',
    resourceTypes: [SQL],
    category: 'backups',
    severity: 'high',
    scanners: { checkov: ['CKV_GCP_14'], trivy: ['AVD-GCP-0024'] },
    fix: 'Set settings.backup_configuration.enabled and point_in_time_recovery_enabled to true, with retained_backups of 7 or more.',
    check(r) {
      const backup = block(at(r.attributes, 'settings.backup_configuration'));
      const problems: string[] = [];
      const enabled = bool(backup?.enabled);
      if (enabled !== true && enabled !== 'unknown') problems.push('automated backups are off');
      const pitr = bool(backup?.point_in_time_recovery_enabled);
      const version = str(r.attributes.database_version);
      const postgres = typeof version !== 'string' || version === 'unknown' || version.startsWith('POSTGRES');
      // Enterprise Plus turns point-in-time recovery on by default.
      const pitrByDefault = str(at(r.attributes, 'settings.edition')) === 'ENTERPRISE_PLUS' && pitr === undefined;
      if (postgres && pitr !== true && pitr !== 'unknown' && !pitrByDefault) problems.push('point-in-time recovery is off');
      const kept = num(at(backup, 'backup_retention_settings.retained_backups'));
      if (typeof kept === 'number' && kept < 7) problems.push(`only ${kept} backups are kept`);
      return problems;
    },
  },
  {
    id: 'GCP-SQL-004',
    title: 'Cloud SQL instance has deletion protection in Terraform and in the Cloud SQL API',
    resourceTypes: [SQL],
    category: 'deletion protection',
    severity: 'high',
    scanners: {},
    fix: 'Leave deletion_protection at true (the default) and set settings.deletion_protection_enabled to true (its default is false), so neither Terraform nor the console, gcloud or the API can delete the instance; lift both only for a teardown.',
    check(r) {
      const problems: string[] = [];
      if (bool(r.attributes.deletion_protection) === false) problems.push('deletion_protection is false');
      const api = bool(at(r.attributes, 'settings.deletion_protection_enabled'));
      if (api === undefined) problems.push('settings.deletion_protection_enabled is not set: the console, gcloud or the API can delete the instance');
      if (api === false) problems.push('settings.deletion_protection_enabled is false');
      return problems;
    },
  },
  {
    id: 'GCP-SQL-005',
    title: 'Cloud SQL authorized networks do not include the whole internet',
    resourceTypes: [SQL],
    category: 'network exposure',
    severity: 'critical',
    scanners: { checkov: ['CKV_GCP_11'], trivy: ['AVD-GCP-0017'], note: 'trivy AVD-GCP-0017 is stricter: it flags any public CIDR among the authorized networks (GCP-SQL-001 keeps the instance off public addresses altogether)' },
    fix: 'Remove 0.0.0.0/0 (and ::/0) from settings.ip_configuration.authorized_networks.',
    check(r) {
      const open = blocks(at(r.attributes, 'settings.ip_configuration.authorized_networks')).flatMap((n) => knownStrings(n.value)).filter(isWorldCidr);
      return open.length > 0 ? `authorized networks include ${open.join(', ')}` : undefined;
    },
  },
  {
    id: 'GCP-SQL-006',
    title: 'Cloud SQL for PostgreSQL logs connections, disconnections, lock waits, checkpoints and temporary files, and no statement text by duration',
    resourceTypes: [SQL],
    category: 'logging',
    severity: 'low',
    scanners: {
      checkov: ['CKV_GCP_52', 'CKV_GCP_53', 'CKV_GCP_54', 'CKV_GCP_51', 'CKV_GCP_56', 'CKV_GCP_57', 'CKV_GCP_109'],
      trivy: ['AVD-GCP-0016', 'AVD-GCP-0022', 'AVD-GCP-0020', 'AVD-GCP-0025', 'AVD-GCP-0014', 'AVD-GCP-0021'],
      note: 'checkov CKV_GCP_109 wants log_min_error_statement written out; this rule accepts PostgreSQL\'s default (error). checkov CKV_GCP_111 (log_statement ddl) is not followed: it writes role passwords set by SQL into the logs',
    },
    fix: 'Set the database flags log_connections, log_disconnections, log_lock_waits and log_checkpoints to on and log_temp_files to 0; leave log_min_duration_statement at -1 and log_min_error_statement at error or more verbose.',
    unknownValues: 'only PostgreSQL instances are checked; a flag list only known at apply time is not reported',
    check(r) {
      const version = str(r.attributes.database_version);
      if (typeof version === 'string' && version !== 'unknown' && !version.startsWith('POSTGRES')) return undefined;
      const flags = databaseFlags(r);
      if (flags === 'unknown') return undefined;
      const problems: string[] = [];
      const known = (name: string) => flags.get(name) !== 'unknown';
      for (const name of ['log_connections', 'log_disconnections', 'log_lock_waits', 'log_checkpoints']) {
        const v = flags.get(name);
        if (known(name) && (v === undefined || !ON.test(v))) problems.push(`${name} is ${v === undefined ? 'not set' : v} (want on)`);
      }
      const temp = flags.get('log_temp_files');
      if (known('log_temp_files') && temp !== '0') problems.push(`log_temp_files is ${temp ?? 'not set (-1: no temporary file is logged)'} (want 0)`);
      const duration = flags.get('log_min_duration_statement');
      if (duration !== undefined && known('log_min_duration_statement') && duration !== '-1') problems.push(`log_min_duration_statement is ${duration}: statement text, with any secret in it, goes to the logs`);
      const errors = flags.get('log_min_error_statement');
      if (errors !== undefined && known('log_min_error_statement') && /^(log|fatal|panic)$/i.test(errors)) problems.push(`log_min_error_statement is ${errors}: statements that fail with an error are not logged`);
      return problems;
    },
  },
  {
    id: 'GCP-GCS-001',
    title: 'Cloud Storage bucket uses uniform bucket-level access',
    resourceTypes: [BUCKET],
    category: 'identity',
    severity: 'medium',
    scanners: { checkov: ['CKV_GCP_29'], trivy: ['AVD-GCP-0002'] },
    fix: 'Set uniform_bucket_level_access to true (its default is false).',
    check(r) {
      const v = bool(r.attributes.uniform_bucket_level_access);
      return v === true || v === 'unknown' ? undefined : `object ACLs can grant access outside IAM (uniform_bucket_level_access is ${v === undefined ? 'not set' : 'false'})`;
    },
  },
  {
    id: 'GCP-GCS-002',
    title: 'Cloud Storage bucket enforces public access prevention',
    resourceTypes: [BUCKET],
    category: 'network exposure',
    severity: 'high',
    scanners: { checkov: ['CKV_GCP_114'] },
    fix: 'Set public_access_prevention to "enforced" (left unset or "inherited", only an organization policy would prevent public access).',
    check(r) {
      const v = str(r.attributes.public_access_prevention);
      return v === 'enforced' || v === 'unknown' ? undefined : `the bucket can be made public (public_access_prevention is ${v ?? 'not set'})`;
    },
  },
  {
    id: 'GCP-GCS-003',
    title: 'Cloud Storage bucket is not force-destroyed with its objects',
    resourceTypes: [BUCKET],
    category: 'deletion protection',
    severity: 'medium',
    scanners: {},
    fix: 'Leave force_destroy at false so a destroy fails while the bucket holds data.',
    check(r) {
      return bool(r.attributes.force_destroy) === true ? 'force_destroy deletes every object on destroy' : undefined;
    },
  },
  {
    id: 'GCP-GCS-004',
    title: 'Cloud Storage buckets that keep data (no age-based deletion) are versioned',
    resourceTypes: [BUCKET],
    category: 'backups',
    severity: 'medium',
    scanners: { checkov: ['CKV_GCP_78'], trivy: ['AVD-GCP-0078'], note: 'the scanners ask for versioning on every bucket; this rule exempts buckets whose objects all expire by age (temporary data)' },
    fix: 'Set versioning.enabled to true (and prune old versions with a lifecycle rule).',
    check(r) {
      const temporary = blocks(r.attributes.lifecycle_rule).some((rule) => {
        const action = block(rule.action);
        const cond = block(rule.condition);
        return str(action?.type) === 'Delete' && typeof num(cond?.age) === 'number' && strList(cond?.matches_prefix) === undefined && bool(cond?.with_state) === undefined;
      });
      if (temporary) return undefined;
      const v = bool(at(r.attributes, 'versioning.enabled'));
      return v === true || v === 'unknown' ? undefined : 'an overwrite or delete cannot be undone (no versioning)';
    },
  },
  {
    id: 'GCP-GCS-005',
    title: 'No IAM grant makes a Cloud Storage bucket public',
    resourceTypes: BUCKET_IAM,
    category: 'network exposure',
    severity: 'critical',
    scanners: { checkov: ['CKV_GCP_28'], trivy: ['AVD-GCP-0001'] },
    fix: 'Grant roles to specific service accounts or groups, never to allUsers or allAuthenticatedUsers.',
    check(r) {
      const open = iamMembers(r).filter((m) => PUBLIC_MEMBERS.includes(m));
      return open.length > 0 ? `grants ${String(r.attributes.role)} to ${open.join(', ')}` : undefined;
    },
  },
  {
    id: 'GCP-GCS-006',
    title: 'Cloud Storage bucket keeps soft-deleted objects (soft delete is not turned off)',
    resourceTypes: [BUCKET],
    category: 'backups',
    severity: 'medium',
    scanners: {},
    fix: 'Leave soft_delete_policy unset (Google keeps deleted objects 7 days) or set retention_duration_seconds to 604800-7776000 (7-90 days); 0 turns soft delete off.',
    check(r) {
      const v = num(at(r.attributes, 'soft_delete_policy.retention_duration_seconds'));
      return v === 0 ? 'soft delete is off: a deleted object cannot be restored' : undefined;
    },
  },
  {
    id: 'GCP-AR-001',
    title: 'No IAM grant makes an Artifact Registry repository public',
    resourceTypes: AR_IAM,
    category: 'supply chain',
    severity: 'high',
    scanners: { checkov: ['CKV_GCP_101'] },
    fix: 'Grant roles/artifactregistry.reader to the node service accounts that pull, never to allUsers or allAuthenticatedUsers.',
    check(r) {
      const open = iamMembers(r).filter((m) => PUBLIC_MEMBERS.includes(m));
      return open.length > 0 ? `grants ${String(r.attributes.role)} to ${open.join(', ')}` : undefined;
    },
  },
  {
    id: 'GCP-AR-002',
    title: 'Docker repositories in Artifact Registry have immutable tags',
    resourceTypes: [AR],
    category: 'supply chain',
    severity: 'medium',
    scanners: { note: 'the AWS counterpart is checkov CKV_AWS_51 / trivy AVD-AWS-0031 (immutable ECR tags)' },
    fix: 'Set docker_config.immutable_tags to true (its default is false).',
    check(r) {
      const format = str(r.attributes.format);
      if (format !== 'DOCKER' && format !== 'docker') return undefined;
      const v = bool(at(r.attributes, 'docker_config.immutable_tags'));
      return v === true || v === 'unknown' ? undefined : 'a pushed tag can be overwritten with another image';
    },
  },
  {
    id: 'GCP-AR-003',
    title: 'Docker repositories in Artifact Registry delete untagged images with a cleanup policy',
    resourceTypes: [AR],
    category: 'supply chain',
    severity: 'low',
    scanners: { note: 'the counterparts are AZ-ACR-004 and AWS-ECR-005' },
    fix: 'Add a cleanup_policies entry with action DELETE for tag_state UNTAGGED (e.g. older than 7 days), and leave cleanup_policy_dry_run at false.',
    check(r) {
      const format = str(r.attributes.format);
      if (format !== 'DOCKER' && format !== 'docker') return undefined;
      if (isUnknown(r.attributes.cleanup_policies)) return undefined;
      if (bool(r.attributes.cleanup_policy_dry_run) === true) return 'cleanup_policy_dry_run is true: the cleanup policies delete nothing';
      const deletes = blocks(r.attributes.cleanup_policies).some((p) => str(p.action) === 'DELETE');
      return deletes ? undefined : 'no cleanup policy deletes images: untagged images are kept forever';
    },
  },
  {
    id: 'GCP-KMS-001',
    title: 'Cloud KMS encryption keys rotate at least every 90 days',
    resourceTypes: [KMS_KEY],
    category: 'encryption',
    severity: 'medium',
    scanners: { checkov: ['CKV_GCP_43'], trivy: ['AVD-GCP-0065'] },
    fix: 'Set rotation_period to "7776000s" (90 days) or less.',
    unknownValues: 'asymmetric keys (purpose other than ENCRYPT_DECRYPT) cannot rotate automatically and are not checked',
    check(r) {
      const purpose = str(r.attributes.purpose);
      if (purpose !== undefined && purpose !== 'ENCRYPT_DECRYPT') return undefined;
      const s = seconds(r.attributes.rotation_period);
      if (s === 'unknown') return undefined;
      if (s === undefined) return 'the key never rotates (no rotation_period)';
      return s > 7776000 ? `rotation_period is ${s}s (more than 90 days)` : undefined;
    },
  },
  {
    id: 'GCP-KMS-002',
    title: 'Cloud KMS keys are protected from terraform destroy',
    resourceTypes: [KMS_KEY],
    category: 'deletion protection',
    severity: 'high',
    scanners: { checkov: ['CKV_GCP_82'] },
    fix: 'Set lifecycle.prevent_destroy: data encrypted with a destroyed key is lost.',
    check(r) {
      return bool(at(r.attributes, 'lifecycle.prevent_destroy')) === true ? undefined : 'lifecycle.prevent_destroy is not set';
    },
  },
  {
    id: 'GCP-NET-001',
    title: 'Subnetworks record VPC flow logs',
    resourceTypes: [SUBNET],
    category: 'logging',
    severity: 'medium',
    scanners: { checkov: ['CKV_GCP_26'], trivy: ['AVD-GCP-0029', 'AVD-GCP-0076'] },
    fix: 'Add a log_config block (e.g. aggregation_interval INTERVAL_10_MIN, flow_sampling 0.5); proxy-only subnetworks are exempt.',
    check(r) {
      if (PROXY_ONLY_PURPOSES.includes(String(str(r.attributes.purpose)))) return undefined;
      return has(r.attributes, 'log_config') ? undefined : 'no VPC flow logs (no log_config): no record of the connections to investigate an incident with';
    },
  },
  {
    id: 'GCP-NET-002',
    title: 'Subnetworks have Private Google Access',
    resourceTypes: [SUBNET],
    category: 'network exposure',
    severity: 'low',
    scanners: { checkov: ['CKV_GCP_74'], trivy: ['AVD-GCP-0075'] },
    fix: 'Set private_ip_google_access to true (its default is false), so nodes without public addresses reach Google APIs without the internet.',
    check(r) {
      if (PROXY_ONLY_PURPOSES.includes(String(str(r.attributes.purpose)))) return undefined;
      const v = bool(r.attributes.private_ip_google_access);
      return v === true || v === 'unknown' ? undefined : `private_ip_google_access is ${v === undefined ? 'not set' : 'false'}: private nodes reach Google APIs only through NAT and the internet`;
    },
  },
  {
    id: 'GCP-NET-003',
    title: 'No firewall rule allows ingress from the whole internet except HTTP/HTTPS',
    resourceTypes: [FIREWALL],
    category: 'network exposure',
    severity: 'critical',
    scanners: {
      checkov: ['CKV_GCP_2', 'CKV_GCP_3', 'CKV_GCP_75', 'CKV_GCP_77', 'CKV_GCP_88', 'CKV2_GCP_12'],
      trivy: ['AVD-GCP-0027', 'AVD-GCP-0071', 'AVD-GCP-0070'],
      note: 'each checkov port check and AVD-GCP-0070/0071 flag one port; this rule flags every port except 80 and 443 (a public load balancer\'s), which checkov CKV_GCP_106 and trivy AVD-GCP-0027 flag as well',
    },
    fix: 'Restrict source_ranges to the networks that need access, or use source_tags / source_service_accounts instead of 0.0.0.0/0.',
    check(r) {
      if (bool(r.attributes.disabled) === true) return undefined;
      const direction = str(r.attributes.direction);
      if (direction !== undefined && direction !== 'INGRESS') return undefined;
      const open = knownStrings(r.attributes.source_ranges).filter(isWorldCidr);
      if (open.length === 0) return undefined;
      return blocks(r.attributes.allow)
        .map(exposedFirewallPorts)
        .filter((ports) => ports !== '')
        .map((ports) => `allows ${ports} from ${open.join(', ')}`);
    },
  },
  {
    id: 'GCP-IAM-001',
    title: 'Project-level IAM grants no basic role and no role that acts as or manages service accounts',
    resourceTypes: PROJECT_IAM,
    category: 'identity',
    severity: 'high',
    scanners: { checkov: ['CKV_GCP_117', 'CKV_GCP_41', 'CKV_GCP_49'], trivy: ['AVD-GCP-0011'] },
    fix: 'Grant predefined roles for the job (e.g. roles/cloudsql.client), and grant roles/iam.serviceAccountUser or roles/iam.serviceAccountTokenCreator on the one service account (google_service_account_iam_member), not on the project.',
    check(r) {
      const role = str(r.attributes.role);
      if (role === undefined || role === 'unknown') return undefined;
      if (BASIC_ROLES.includes(role)) return `grants the basic role ${role} on the whole project`;
      if (IMPERSONATION_ROLES.includes(role)) return `grants ${role} on the whole project: the member can act as (or manage) every service account in it`;
      return undefined;
    },
  },
  {
    id: 'GCP-IAM-002',
    title: 'Service accounts get no admin, owner or editor role on the project, and default service accounts no project role',
    resourceTypes: PROJECT_IAM,
    category: 'identity',
    severity: 'high',
    scanners: { checkov: ['CKV_GCP_42', 'CKV_GCP_46'], trivy: ['AVD-GCP-0007', 'AVD-GCP-0006'] },
    fix: 'Give each workload its own service account with the narrow roles it needs (conditions can narrow a project role to one resource); never grant roles to the Compute Engine or App Engine default service account.',
    unknownValues: 'a member that refers to a google_service_account in the stack counts as a service account',
    check(r, ctx) {
      const role = str(r.attributes.role);
      const problems: string[] = [];
      for (const member of iamMemberValues(r)) {
        const known = str(member);
        if (typeof known === 'string' && known !== 'unknown' && isDefaultServiceAccount(known)) {
          problems.push(`grants ${String(role)} to the default service account ${known}`);
          continue;
        }
        const sa = serviceAccountMember(member, ctx);
        if (sa !== undefined && typeof role === 'string' && role !== 'unknown' && (/admin$/i.test(role) || role === 'roles/owner' || role === 'roles/editor')) {
          problems.push(`grants the privileged role ${role} to ${sa}`);
        }
      }
      return problems;
    },
  },
  {
    id: 'GCP-IAM-003',
    title: 'Project-level IAM grants go to groups or service accounts, not to individual users',
    resourceTypes: PROJECT_IAM,
    category: 'identity',
    severity: 'low',
    scanners: { trivy: ['AVD-GCP-0003'] },
    fix: 'Grant the role to a Google group (group:...) that the people are members of, so access follows group membership.',
    check(r) {
      const users = iamMembers(r).filter((m) => m.startsWith('user:'));
      return users.length > 0 ? `grants ${String(r.attributes.role)} directly to ${users.join(', ')}` : undefined;
    },
  },
  {
    id: 'GCP-SM-001',
    title: 'Secret Manager secrets have deletion protection',
    resourceTypes: [SECRET],
    category: 'deletion protection',
    severity: 'medium',
    scanners: {},
    fix: 'Set deletion_protection to true (GcpSecretEscrow does unless allowDestroy is set for a teardown); Secret Manager has no soft delete, so a deleted secret is gone with every version.',
    check(r) {
      const v = bool(r.attributes.deletion_protection);
      return v === true || v === 'unknown' ? undefined : 'deletion_protection is off: a destroy or a replacement deletes the secret and every version at once';
    },
  },
];
