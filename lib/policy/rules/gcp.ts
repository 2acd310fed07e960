import { PolicyContext, PolicyResource, PolicyRule } from '../types';
import { at, block, blocks, bool, has, isWorldCidr, knownStrings, num, str, strList } from '../values';

const GKE = 'google_container_cluster';
const GKE_POOL = 'google_container_node_pool';
const SQL = 'google_sql_database_instance';
const BUCKET = 'google_storage_bucket';
const BUCKET_IAM = ['google_storage_bucket_iam_member', 'google_storage_bucket_iam_binding'];
const AR = 'google_artifact_registry_repository';
const AR_IAM = ['google_artifact_registry_repository_iam_member', 'google_artifact_registry_repository_iam_binding'];
const KMS_KEY = 'google_kms_crypto_key';

const PUBLIC_MEMBERS = ['allUsers', 'allAuthenticatedUsers'];

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

export const GCP_RULES: readonly PolicyRule[] = [
  {
    id: 'GCP-GKE-001',
    title: 'GKE control plane is private or restricted to authorized networks',
    resourceTypes: [GKE],
    category: 'network exposure',
    severity: 'high',
    scanners: {
      checkov: ['CKV_GCP_20'],
      trivy: ['AVD-GCP-0061'],
      note: 'checkov CKV_GCP_18 and trivy AVD-GCP-0053 are stricter: they flag any public CIDR among the authorized networks',
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
    resourceTypes: [GKE],
    category: 'network exposure',
    severity: 'medium',
    scanners: { checkov: ['CKV_GCP_64', 'CKV_GCP_25'], trivy: ['AVD-GCP-0059'] },
    fix: 'Set private_cluster_config.enable_private_nodes to true and give the nodes a Cloud NAT for egress.',
    check(r) {
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
    scanners: { checkov: ['CKV_GCP_12'], trivy: ['AVD-GCP-0056'] },
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
    scanners: { trivy: ['AVD-GCP-0050'] },
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
    scanners: { checkov: ['CKV_GCP_69'], trivy: ['AVD-GCP-0057'] },
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
    fix: 'Set settings.ip_configuration.ssl_mode to ENCRYPTED_ONLY (or TRUSTED_CLIENT_CERTIFICATE_REQUIRED).',
    check(r) {
      const v = str(at(r.attributes, 'settings.ip_configuration.ssl_mode'));
      if (v === 'unknown' || v === 'ENCRYPTED_ONLY' || v === 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED') return undefined;
      return `ssl_mode is ${v ?? 'not set (unencrypted connections allowed)'}`;
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
      if (postgres && pitr !== true && pitr !== 'unknown') problems.push('point-in-time recovery is off');
      const kept = num(at(backup, 'backup_retention_settings.retained_backups'));
      if (typeof kept === 'number' && kept < 7) problems.push(`only ${kept} backups are kept`);
      return problems;
    },
  },
  {
    id: 'GCP-SQL-004',
    title: 'Cloud SQL instance has deletion protection',
    resourceTypes: [SQL],
    category: 'deletion protection',
    severity: 'high',
    scanners: {},
    fix: 'Leave deletion_protection at true (the default) and lift it only for a teardown.',
    check(r) {
      return bool(r.attributes.deletion_protection) === false ? 'deletion_protection is false' : undefined;
    },
  },
  {
    id: 'GCP-SQL-005',
    title: 'Cloud SQL authorized networks do not include the whole internet',
    resourceTypes: [SQL],
    category: 'network exposure',
    severity: 'critical',
    scanners: { checkov: ['CKV_GCP_11'], trivy: ['AVD-GCP-0017'] },
    fix: 'Remove 0.0.0.0/0 from settings.ip_configuration.authorized_networks.',
    check(r) {
      const open = blocks(at(r.attributes, 'settings.ip_configuration.authorized_networks')).flatMap((n) => knownStrings(n.value)).filter(isWorldCidr);
      return open.length > 0 ? `authorized networks include ${open.join(', ')}` : undefined;
    },
  },
  {
    id: 'GCP-GCS-001',
    title: 'Cloud Storage bucket uses uniform bucket-level access',
    resourceTypes: [BUCKET],
    category: 'identity',
    severity: 'medium',
    scanners: { checkov: ['CKV_GCP_29'], trivy: ['AVD-GCP-0002'] },
    fix: 'Set uniform_bucket_level_access to true.',
    check(r) {
      const v = bool(r.attributes.uniform_bucket_level_access);
      return v === true || v === 'unknown' ? undefined : 'object ACLs can grant access outside IAM';
    },
  },
  {
    id: 'GCP-GCS-002',
    title: 'Cloud Storage bucket enforces public access prevention',
    resourceTypes: [BUCKET],
    category: 'network exposure',
    severity: 'high',
    scanners: { checkov: ['CKV_GCP_114'] },
    fix: 'Set public_access_prevention to "enforced".',
    check(r) {
      const v = str(r.attributes.public_access_prevention);
      return v === 'enforced' || v === 'unknown' ? undefined : 'the bucket can be made public';
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
    fix: 'Set docker_config.immutable_tags to true.',
    check(r) {
      const format = str(r.attributes.format);
      if (format !== 'DOCKER' && format !== 'docker') return undefined;
      const v = bool(at(r.attributes, 'docker_config.immutable_tags'));
      return v === true || v === 'unknown' ? undefined : 'a pushed tag can be overwritten with another image';
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
    scanners: {},
    fix: 'Set lifecycle.prevent_destroy: data encrypted with a destroyed key is lost.',
    check(r) {
      return bool(at(r.attributes, 'lifecycle.prevent_destroy')) === true ? undefined : 'lifecycle.prevent_destroy is not set';
    },
  },
];
